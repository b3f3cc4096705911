package dev.reconciler.core.generate;

import java.util.SplittableRandom;

/** Draws and spells amounts held as long minor units, without BigDecimal or String.format. */
final class Amounts {
  /** Amount bands in cents (low inclusive, high exclusive) and their percentage of sales. */
  private static final long[][] BANDS = {
    {50, 2_000, 35}, {2_000, 20_000, 45}, {20_000, 100_000, 15}, {100_000, 500_001, 5}
  };

  private Amounts() {}

  /**
   * A shop-like amount: mostly small, rarely up to 5,000.00. Read as yen for JPY (50..500,000),
   * which is about the same value.
   */
  static long draw(SplittableRandom random) {
    int p = random.nextInt(100);
    for (long[] band : BANDS) {
      if (p < band[2]) {
        return random.nextLong(band[0], band[1]);
      }
      p -= (int) band[2];
    }
    throw new AssertionError("band percentages must add up to 100");
  }

  /**
   * Exactly two decimals whatever the currency ("1234.50", "-15.00", JPY "1234.00"): the same text
   * as {@code Money.toDecimal(..).toPlainString()} gives for these amounts.
   */
  static String plain(long minor, CurrencyMix currency) {
    StringBuilder sb = new StringBuilder(16);
    if (minor < 0) {
      sb.append('-');
      minor = -minor;
    }
    if (currency.decimals == 0) {
      return sb.append(minor).append(".00").toString();
    }
    return appendCents(sb, minor, false).toString();
  }

  /**
   * Signed, in the currency's own decimals ("-20.00", JPY "1234"): how processor files spell major
   * units.
   */
  static StringBuilder decimal(StringBuilder sb, long minor, CurrencyMix currency) {
    if (minor < 0) {
      sb.append('-');
      minor = -minor;
    }
    return currency.decimals == 0 ? sb.append(minor) : appendCents(sb, minor, false);
  }

  /** Text the way messy upstream systems send it: grouped, with symbol, padded. */
  static String messy(long minor, CurrencyMix currency, int style) {
    StringBuilder sb = new StringBuilder(20);
    switch (style % 3) {
      case 0 -> appendGrouped(sb, minor, currency); // 1,234.50
      case 1 -> appendGrouped(sb.append(' ').append(currency.symbol), minor, currency).append(' ');
      default -> appendGrouped(sb.append(currency.symbol), minor, currency); // $1,234.50
    }
    return sb.toString();
  }

  private static StringBuilder appendGrouped(StringBuilder sb, long minor, CurrencyMix currency) {
    if (currency.decimals == 0) {
      return appendThousands(sb, minor);
    }
    return appendCents(sb, minor, true);
  }

  private static StringBuilder appendCents(StringBuilder sb, long cents, boolean grouped) {
    long major = cents / 100;
    int fraction = (int) (cents % 100);
    if (grouped) {
      appendThousands(sb, major);
    } else {
      sb.append(major);
    }
    return sb.append('.').append((char) ('0' + fraction / 10)).append((char) ('0' + fraction % 10));
  }

  private static StringBuilder appendThousands(StringBuilder sb, long value) {
    String digits = Long.toString(value);
    int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
    sb.append(digits, 0, lead);
    for (int i = lead; i < digits.length(); i += 3) {
      sb.append(',').append(digits, i, i + 3);
    }
    return sb;
  }
}
