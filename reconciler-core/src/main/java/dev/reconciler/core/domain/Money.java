package dev.reconciler.core.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;

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
    return toDecimal(BigDecimal.valueOf(scaled, SCALE));
  }

  /** An exact decimal stripped to at least 2 places, as {@link #toDecimal(long)} gives. */
  static BigDecimal toDecimal(BigDecimal exact) {
    BigDecimal d = exact.stripTrailingZeros();
    return d.scale() < 2 ? d.setScale(2, RoundingMode.UNNECESSARY) : d;
  }

  /**
   * Decimals of a currency's minor unit (JPY 0, USD 2, KWD 3); 2 for a code the JDK does not know
   * or that has none.
   */
  public static int fractionDigits(String currency) {
    if (currency == null) {
      return 2;
    }
    try {
      int digits = Currency.getInstance(currency).getDefaultFractionDigits();
      return digits < 0 ? 2 : digits;
    } catch (IllegalArgumentException e) {
      return 2;
    }
  }

  /**
   * An amount for people: thousands separators and the currency's decimals, more when the amount
   * has them, never rounded ({@code 1234.5 USD} → {@code 1,234.50}, {@code 1500 JPY} → {@code
   * 1,500}, {@code 0.1234 USD} → {@code 0.1234}).
   */
  public static String display(BigDecimal amount, String currency) {
    int decimals = Math.max(fractionDigits(currency), amount.stripTrailingZeros().scale());
    return String.format(Locale.ROOT, "%,." + decimals + "f", amount);
  }

  /**
   * {@link #display} and the currency code, for a line of text ({@code 1,234.50 USD}); "?" for an
   * amount the row lacked. The code comes from the data, so it is kept to one short line.
   */
  public static String withCode(BigDecimal amount, String currency) {
    String code = currency == null ? "" : " " + SafeText.line(currency, 10);
    return amount == null ? "?" + code : display(amount, currency) + code;
  }

  /** Converts an exact decimal to scaled units; fails if it has more than {@link #SCALE} places. */
  public static long fromDecimal(BigDecimal value) {
    return value.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
  }
}
