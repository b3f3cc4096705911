package dev.reconciler.core.generate;

import dev.reconciler.core.domain.Money;
import java.util.SplittableRandom;

/** The currencies generated, with their share of transactions and how their amounts look. */
enum CurrencyMix {
  USD(2, "$", 70),
  EUR(2, "€", 12),
  GBP(2, "£", 8),
  CAD(2, "$", 5),
  /** No minor unit: amounts are whole yen, which exercises a zero-decimal currency. */
  JPY(0, "¥", 5);

  private static final CurrencyMix[] ALL = values();

  final int decimals;
  final String symbol;
  private final int percent;

  CurrencyMix(int decimals, String symbol, int percent) {
    this.decimals = decimals;
    this.symbol = symbol;
    this.percent = percent;
  }

  static CurrencyMix draw(SplittableRandom random) {
    int p = random.nextInt(100);
    for (CurrencyMix c : ALL) {
      if (p < c.percent) {
        return c;
      }
      p -= c.percent;
    }
    return USD;
  }

  /** Any other currency of the mix, for currency mismatches. */
  CurrencyMix other(SplittableRandom random) {
    return ALL[(ordinal() + 1 + random.nextInt(ALL.length - 1)) % ALL.length];
  }

  /** One minor unit in {@link Money} scaled units (1/10,000 of a major unit). */
  long scaledMinorUnit() {
    return decimals == 0 ? Money.ONE : Money.ONE / 100;
  }

  /** The amount as SQLite REAL; minor/100.0 is the double nearest the exact decimal. */
  double toDouble(long minor) {
    return decimals == 0 ? minor : minor / 100.0;
  }
}
