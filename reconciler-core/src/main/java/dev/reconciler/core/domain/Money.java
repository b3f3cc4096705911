package dev.reconciler.core.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts as exact longs in units of 1/10,000 of the currency's major unit.
 *
 * <p>Four decimals hold every ISO-4217 minor unit (at most 3) and half-cent tolerances, and keep
 * the hot matching loop free of {@link BigDecimal} allocation; conversion happens only at the edges
 * (config, report).
 */
public final class Money {
  /** Decimal places held in a scaled long. */
  public static final int SCALE = 4;

  /** One major unit in scaled units. */
  public static final long ONE = 10_000L;

  private Money() {}

  /** Converts a scaled long back to an exact decimal, stripped to at least 2 places. */
  public static BigDecimal toDecimal(long scaled) {
    BigDecimal d = BigDecimal.valueOf(scaled, SCALE).stripTrailingZeros();
    return d.scale() < 2 ? d.setScale(2, RoundingMode.UNNECESSARY) : d;
  }

  /** Converts an exact decimal to scaled units; fails if it has more than {@link #SCALE} places. */
  public static long fromDecimal(BigDecimal value) {
    return value.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
  }
}
