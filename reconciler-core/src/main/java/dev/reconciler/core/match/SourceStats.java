package dev.reconciler.core.match;

import dev.reconciler.core.domain.Source;

/**
 * What happened to one side's rows for the business date. Every row read is exactly one of:
 * rejected, an exact duplicate, a conflicting duplicate (listed on the Duplicate IDs sheet), or
 * accepted for matching.
 *
 * @param table the table the rows came from
 * @param rowsRead rows of the business date (and undatable rows, which are rejected)
 * @param conflictingDuplicates extra rows whose id repeats with different content
 * @param accepted distinct ids taken into matching
 */
public record SourceStats(
    Source source,
    String table,
    long rowsRead,
    long rejected,
    long exactDuplicates,
    long conflictingDuplicates,
    long accepted) {

  /** True when the four outcomes add up to the rows read, i.e. nothing was lost. */
  public boolean balances() {
    return rejected + exactDuplicates + conflictingDuplicates + accepted == rowsRead;
  }
}
