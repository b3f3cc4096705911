package dev.reconciler.core.generate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The processor's price list for payment rows: per currency a percent of gross plus a fixed amount,
 * rounded half up to the currency's minor unit. Spelled as {@code [fees] rate_card} is
 * ("USD:2.9%+0.30, JPY:2.9%+40"), so a test can configure the reconciler with the card the
 * generator used.
 */
public final class FeeCard {
  /** Percent held as millionths of the gross (2.9% = 29,000), so one rounding does it all. */
  private final long[] perMillion = new long[CurrencyMix.values().length];

  private final long[] fixedMinor = new long[CurrencyMix.values().length];
  private final String spelling;

  private FeeCard(List<Rate> rates) {
    boolean[] seen = new boolean[perMillion.length];
    StringJoiner text = new StringJoiner(", ");
    for (Rate rate : rates) {
      CurrencyMix currency = currency(rate.currency());
      int i = currency.ordinal();
      perMillion[i] = rate.percent().movePointRight(4).longValueExact();
      fixedMinor[i] = rate.fixed().movePointRight(currency.decimals).longValueExact();
      seen[i] = true;
      text.add(
          rate.currency()
              + ":"
              + rate.percent().toPlainString()
              + "%+"
              + rate.fixed().toPlainString());
    }
    for (CurrencyMix c : CurrencyMix.values()) {
      if (!seen[c.ordinal()]) {
        throw new IllegalArgumentException("the rate card has no rate for " + c.name());
      }
    }
    this.spelling = text.toString();
  }

  /**
   * One currency's price.
   *
   * @param percent of the gross, at most 4 decimals (2.9 for 2.9%)
   * @param fixed in major units, at most the currency's decimals (0.30, or 40 for yen)
   */
  public record Rate(String currency, BigDecimal percent, BigDecimal fixed) {
    public Rate {
      Objects.requireNonNull(currency, "currency");
      if (percent.signum() < 0 || fixed.signum() < 0) {
        throw new IllegalArgumentException("rate card amounts must be >= 0: " + currency);
      }
    }
  }

  /** A card with a rate for every generated currency (USD, EUR, GBP, CAD, JPY). */
  public static FeeCard of(List<Rate> rates) {
    return new FeeCard(new ArrayList<>(rates));
  }

  /** 2.9% plus a fixed fee per currency: what the generated fee column has always held. */
  public static FeeCard defaults() {
    return of(
        List.of(
            rate("USD", "2.9", "0.30"),
            rate("EUR", "2.9", "0.25"),
            rate("GBP", "2.9", "0.20"),
            rate("CAD", "2.9", "0.30"),
            rate("JPY", "2.9", "40")));
  }

  private static Rate rate(String currency, String percent, String fixed) {
    return new Rate(currency, new BigDecimal(percent), new BigDecimal(fixed));
  }

  /** The fee of a payment of {@code grossMinor} (>= 0), in minor units. */
  long fee(CurrencyMix currency, long grossMinor) {
    int i = currency.ordinal();
    return (grossMinor * perMillion[i] + 500_000) / 1_000_000 + fixedMinor[i];
  }

  /** The card as {@code [fees] rate_card} spells it. */
  public String spelling() {
    return spelling;
  }

  @Override
  public String toString() {
    return spelling;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeeCard other && other.spelling.equals(spelling);
  }

  @Override
  public int hashCode() {
    return spelling.hashCode();
  }

  private static CurrencyMix currency(String code) {
    for (CurrencyMix c : CurrencyMix.values()) {
      if (c.name().equals(code)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "the generator makes no "
            + code
            + " payments; rate card currencies are USD, EUR, GBP, CAD, JPY");
  }
}
