package dev.reconciler.core.load;

import dev.reconciler.core.domain.Source;

/**
 * An input row that could not be used, with why.
 *
 * @param line the row's line in its source (see {@link dev.reconciler.core.store.InputSource}), or
 *     in {@code file}; 0 for a line of {@code file} that was not kept
 * @param rawId the key column as it arrived (may be null or blank)
 * @param reason one line a person can act on, e.g. {@code unparseable amount 'abc'}
 * @param file the processor file whose import rejected the row, or null for a row of a table
 * @param rows how many input rows this entry stands for: 1, but more for the rows of a file its
 *     import listed as one run of lines with one reason, or as a count of rows it did not keep
 */
public record RejectedRow(
    Source source, long line, String rawId, String reason, String file, long rows) {
  public RejectedRow {
    if (rows < 1) {
      throw new IllegalArgumentException("a rejected row stands for at least one row: " + rows);
    }
  }

  /** A row of a table the reconcile read. */
  public RejectedRow(Source source, long line, String rawId, String reason) {
    this(source, line, rawId, reason, null, 1);
  }

  /** How many input rows these entries stand for, the rows of a file's runs of lines counted. */
  public static long count(java.util.Collection<RejectedRow> rejected) {
    long n = 0;
    for (RejectedRow r : rejected) {
      n += r.rows();
    }
    return n;
  }
}
