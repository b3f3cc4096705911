package dev.reconciler.core.runs;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Run workbooks kept in the run store's database, so that any host can serve the workbook of a run
 * another host made; and the marks retention leaves when it deletes one.
 */
public interface WorkbookStore {
  /**
   * Stores the file as the workbook of {@code runId}, read in chunks; a workbook already stored for
   * that run with the same bytes is kept as it is, other bytes replace it (a rerun's newer report).
   */
  StoredWorkbook put(String runId, Path file, Instant createdAt);

  /** The run's workbook as stored or pruned, or null when the store has no word of it. */
  StoredWorkbook find(String runId);

  /** Every workbook the store knows of, by run id; reads only, bytes not included. */
  Map<String, StoredWorkbook> all();

  /**
   * Writes the run's stored bytes to {@code out}, checking their size and SHA-256 against what was
   * stored; returns what was written.
   *
   * @throws IllegalStateException when nothing is stored for the run (none, or pruned)
   */
  StoredWorkbook copyTo(String runId, OutputStream out);

  /**
   * Deletes the run's stored bytes, if any, and marks its workbook pruned at {@code at}: the run
   * record stays, and says its workbook is gone.
   */
  void markPruned(String runId, String fileName, Instant at);
}
