package dev.reconciler.core.load;

import dev.reconciler.core.domain.Status;
import dev.reconciler.core.store.RawRow;

/**
 * Everything a row says once cleaned, for telling an exact duplicate from a conflicting one:
 * "1,234.50" and 1234.5 are the same amount, " Completed " and "completed" the same status.
 */
record RowContent(
    String id,
    long amount,
    String currency,
    Status status,
    long epochMillis,
    long fee,
    String reference,
    String customerId) {

  /** The content of a row the cleaner accepts. */
  static RowContent of(Cleaner cleaner, RawRow raw) {
    CleanRow row = cleaner.clean(raw);
    return new RowContent(
        row.id(),
        row.amount(),
        row.currency(),
        row.status(),
        row.epochMillis(),
        row.fee(),
        strip(raw.reference()),
        strip(raw.customerId()));
  }

  private static String strip(String s) {
    return s == null ? null : s.strip();
  }
}
