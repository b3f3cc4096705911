package dev.reconciler.core.store;

import dev.reconciler.core.imports.ProcessorRow;
import dev.reconciler.core.imports.RowType;
import java.io.IOException;
import java.util.Map;

/**
 * One import's rows on their way into the processor table, in one transaction: nothing is visible
 * before {@link #commit}, and {@link #close} without it leaves the table as it was. A row whose
 * (source_format, row_key) the table already holds is skipped, not doubled.
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
   * Writes what is queued, resolves provisional payout ids and commits.
   *
   * @return rows this import added, per type (rows already present are not counted)
   */
  Map<RowType, Long> commit() throws IOException;

  @Override
  void close() throws IOException;
}
