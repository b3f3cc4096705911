package dev.reconciler.core.domain;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An exact running total of scaled amounts ({@link Money}) that cannot overflow: a long, plus how
 * many times it wrapped around. Adding stays one long addition and a sign test, so a million rows
 * cost no more than before; a {@link BigInteger} is built only for the result, and only when the
 * total left the long's range.
 */
public final class MoneySum {
  private long low;

  /** The total is {@code wraps * 2^64 + low}. */
  private long wraps;

  /** Adds a scaled amount. */
  public void add(long scaled) {
    long sum = low + scaled;
    // Signed overflow: both operands share a sign the result lacks (Hacker's Delight, 2-13).
    if (((low ^ sum) & (scaled ^ sum)) < 0) {
      wraps += scaled < 0 ? -1 : 1;
    }
    low = sum;
  }

  /** The exact total, as {@link Money#toDecimal(long)} shows it. */
  public BigDecimal toDecimal() {
    if (wraps == 0) {
      return Money.toDecimal(low);
    }
    BigInteger exact = BigInteger.valueOf(wraps).shiftLeft(Long.SIZE).add(BigInteger.valueOf(low));
    return Money.toDecimal(new BigDecimal(exact, Money.SCALE));
  }
}
