package dev.reconciler.core.settle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.store.SettlementReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fee pass's fast long arithmetic sorts out only rows the exact check finds fine: the same
 * rows, every one decided exactly, give the same findings.
 */
class FeeScanTest {
  private static final int ROWS = 3000;
  private static final String[] CURRENCIES = {"USD", "EUR", "JPY", "KWD", "GBP"};

  @TempDir Path dir;

  @Test
  void theFastPassFindsWhatCheckingEveryRowExactlyFinds() throws Exception {
    Settings settings =
        SettingsLoader.load(
            null,
            Map.of(
                "RECONCILER_FEES_RATE_CARD",
                "USD:2.9%+0.30, EUR:1.4%+0.25, JPY:2%, KWD:1.5%+0.125",
                "RECONCILER_RECONCILIATION_CURRENCIES",
                ""));
    ImportedDatabase db = new ImportedDatabase(dir.resolve("fees.db"));
    Random random = new Random(20261124);
    db.exec("BEGIN");
    for (int i = 0; i < ROWS; i++) {
      String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
      BigDecimal[] row = row(random, currency, settings.fees());
      db.payment(
          "T" + i,
          "p" + i,
          row[0].toPlainString(),
          row[1].toPlainString(),
          row[2].toPlainString(),
          currency,
          "2026-11-24T10:00:00Z");
    }
    String[] odd = {
      "",
      "1,000.00",
      "$5",
      "2.90abc",
      "1e3",
      "-0",
      ".5",
      "5.",
      "00012.3400",
      "1.23456",
      " 7.00",
      "-",
      "99999999999999.9999",
      "123456789012345"
    };
    String[] columns = {"amount", "fee", "net"};
    for (int i = 0; i < odd.length * columns.length; i++) {
      db.payment("ODD" + i, "odd" + i, "100.00", "3.20", "96.80", "USD", "2026-11-24T10:00:00Z")
          .set(columns[i % columns.length], odd[i / columns.length]);
    }
    db.exec("COMMIT");

    List<FeeFinding> everyRow = new ArrayList<>();
    FeeRule rule = new FeeRule(settings.fees());
    try (SettlementReader reader =
        new SettlementReader(db.file(), settings.database(), "transaction_id")) {
      everyRowOf(reader, rule, everyRow);
    }
    List<FeeFinding> fast =
        new SettlementRules(settings).check(db.file(), LocalDate.parse("2026-11-24")).fees();

    assertThat(everyRow).hasSizeBetween(300, 2700);
    assertThat(fast).containsExactlyInAnyOrderElementsOf(everyRow);
  }

  /** Decides every payment row exactly: the linked-rows query by ref reads them all. */
  private static void everyRowOf(SettlementReader reader, FeeRule rule, List<FeeFinding> into) {
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      refs.add("p" + i);
      refs.add("odd" + i);
    }
    reader.linked(
        List.of("payment"),
        List.of(),
        refs,
        r -> {
          FeeFinding f = rule.decide(r);
          if (f != null) {
            into.add(f);
          }
        });
  }

  /**
   * Gross, fee and net: mostly a fee at the rate-card price (ties included) and a net that agrees,
   * else off by one smallest step, by one minor unit, or beyond the tolerance.
   */
  private static BigDecimal[] row(Random random, String currency, Settings.Fees fees) {
    int digits = dev.reconciler.core.domain.Money.fractionDigits(currency);
    BigDecimal gross = BigDecimal.valueOf(1 + random.nextInt(2_000_000), digits);
    if (random.nextInt(10) == 0) {
      gross = gross.multiply(BigDecimal.valueOf(25)).setScale(digits);
    }
    Settings.Rate rate = fees.rateCard().get(currency);
    BigDecimal fee =
        rate == null ? BigDecimal.valueOf(random.nextInt(1000), 2) : rate.fee(gross, digits);
    BigDecimal[] offsets = {
      BigDecimal.ZERO,
      BigDecimal.ZERO,
      BigDecimal.ZERO,
      new BigDecimal("0.0001"),
      BigDecimal.ONE.movePointLeft(digits),
      new BigDecimal("0.01"),
      new BigDecimal("-0.0101"),
      new BigDecimal("0.02")
    };
    fee = fee.add(offsets[random.nextInt(offsets.length)]);
    BigDecimal net = gross.subtract(fee).add(offsets[random.nextInt(offsets.length)]);
    return new BigDecimal[] {gross, fee, net};
  }
}
