package dev.reconciler.core.load;

import dev.reconciler.core.domain.Status;

/**
 * A row after cleaning: either usable values, or the reason it is rejected.
 *
 * @param amount scaled, see {@link dev.reconciler.core.domain.Money}
 * @param epochMillis the row's timestamp; set on rejected rows too, unless the timestamp itself is
 *     the reason ({@link TimestampParser#INVALID})
 * @param fee scaled, or {@link #NO_FEE}
 * @param rejection null when the row is usable
 */
public record CleanRow(
    String id,
    long amount,
    String currency,
    Status status,
    long epochMillis,
    long fee,
    String rejection) {

  /** Fee of a row that has none. */
  public static final long NO_FEE = Long.MIN_VALUE + 1;

  static CleanRow rejected(String reason, long epochMillis) {
    return new CleanRow(null, 0, null, null, epochMillis, NO_FEE, reason);
  }
}
