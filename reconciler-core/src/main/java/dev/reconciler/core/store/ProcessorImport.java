package dev.reconciler.core.store;

import dev.reconciler.core.imports.ImportSummary.Rejection;
import dev.reconciler.core.imports.ProcessorImporter;
import dev.reconciler.core.imports.ProcessorRow;
import dev.reconciler.core.imports.RowType;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One import's rows on their way into the processor table, in one transaction: nothing is visible
 * before {@link #commit}, and {@link #close} without it leaves the table as it was. A row whose
 * (source_format, row_key) the table already holds, or an earlier row of the file, is skipped, not
 * doubled: as already present when the two say the same, else refused (see {@link KeyConflicts}).
 */
public interface ProcessorImport extends AutoCloseable {
  /** Why the table cannot hold {@code row} exactly (its amounts, its text), or null when it can. */
  String cannotHoldExactly(ProcessorRow row);

  /** Queues one row of the import's file. */
  void add(ProcessorRow row) throws IOException;

  /**
   * Refuses a row of another file than the import's {@code sourceFile}: every row an import adds
   * carries its file, and one import is one file.
   */
  static void requireRowOf(String sourceFile, ProcessorRow row) {
    if (!sourceFile.equals(row.sourceFile())) {
      throw new IllegalArgumentException(
          "a row of " + row.sourceFile() + " added to the import of " + sourceFile);
    }
  }

  /**
   * Writes what is queued, resolves provisional payout ids and indexes, all still uncommitted: what
   * {@link #commit} would make of the file, which the importer may yet refuse ({@link #close}
   * without the commit then leaves the database as it was).
   *
   * @return rows this import adds, and those it refuses, per type (rows already present are in
   *     neither)
   */
  Committed prepare() throws IOException;

  /**
   * Adds the prepared import to the {@link ImportLog}, with what {@code parsed} says of its file,
   * and commits.
   *
   * @param taskId the queued task running this import, or null (the command line)
   * @param at when it commits, as the log keeps it
   * @param parsed the rows the importer rejected, those {@link #prepare} refused included, and the
   *     times of those it offered
   * @throws IllegalStateException before {@link #prepare}
   */
  void commit(String taskId, Instant at, ImportLog.Parsed parsed) throws IOException;

  /**
   * What the commit adds and refuses, as {@link #prepare} found it.
   *
   * @param added rows added, per type
   * @param refused rows refused because their row key names a row that says otherwise, per type
   * @param refusals those of the lowest lines ({@link ProcessorImporter#REJECTS_KEPT} at most),
   *     each with its line and why
   */
  record Committed(Map<RowType, Long> added, Map<RowType, Long> refused, List<Rejection> refusals) {
    public Committed {
      added = Map.copyOf(added);
      refused = Map.copyOf(refused);
      refusals = List.copyOf(refusals);
    }
  }

  @Override
  void close() throws IOException;
}
