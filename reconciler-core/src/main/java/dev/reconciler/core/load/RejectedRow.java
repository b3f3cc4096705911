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
 */
public record RejectedRow(Source source, long line, String rawId, String reason, String file) {
  /** A row of a table the reconcile read. */
  public RejectedRow(Source source, long line, String rawId, String reason) {
    this(source, line, rawId, reason, null);
  }
}
