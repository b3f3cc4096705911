package dev.reconciler.core.alert;

import dev.reconciler.core.domain.Money;
import java.math.BigDecimal;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** Formats money for alerts: amounts per currency (see {@link Money#display}) and rates. */
final class Amounts {
  private Amounts() {}

  /**
   * {@code EUR 1,234.50; JPY 1,500; USD 99.00}, currencies in alphabetical order, each with its own
   * decimals (see {@link Money#display}); empty for no amounts.
   */
  static String perCurrency(Map<String, BigDecimal> byCurrency) {
    StringJoiner out = new StringJoiner("; ");
    new TreeMap<>(byCurrency)
        .forEach((currency, amount) -> out.add(currency + " " + Money.display(amount, currency)));
    return out.toString();
  }

  /** {@code 96.00%}, or {@code n/a} when there is no rate. */
  static String percent(BigDecimal rate) {
    return rate == null
        ? "n/a"
        : rate.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + "%";
  }
}
