package dev.reconciler.core.settle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.imports.RowType;
import dev.reconciler.core.store.SettlementReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Payouts added up in Java from the rows the day's passes read, plus the payouts' rows of other
 * days, give the findings the plain GROUP BY over every row of the payouts gives: same payouts,
 * same order, same amounts, whatever the keys (NULL, '', several accounts and currencies), the nets
 * (odd text, NULL) or values holding the packing's separators.
 */
class PayoutTotalsTest {
  private static final LocalDate DAY = LocalDate.parse("2026-11-24");
  private static final String[] AT = {
    "2026-11-23T23:59:59Z", "2026-11-24T00:00:00Z", "2026-11-24T12:00:00Z", "2026-11-25T00:00:00Z"
  };
  private static final String[] PAYOUTS = {"po_1", "po_2", "po_3", "po_4", "", null};
  private static final String[] ACCOUNTS = {"acct-1", "acct-2", "", null};
  private static final String[] CURRENCIES = {"USD", "EUR", "", null};
  private static final RowType[] TYPES = {
    RowType.PAYMENT, RowType.PAYMENT, RowType.PAYMENT, RowType.REFUND, RowType.FEE, RowType.PAYOUT
  };
  private static final String[] ODD_NETS = {
    null, "", "1e3", "12.34567", "abc", " 7.00", "-", "1\u001f2", "3\u001e4", "99999999999999.9999"
  };

  @TempDir Path dir;

  @Test
  void theFastGatheringFindsWhatThePlainGroupByFinds() throws Exception {
    Settings settings = SettingsLoader.defaults();
    for (long seed = 1; seed <= 5; seed++) {
      Path file = dir.resolve("payouts-" + seed + ".db");
      ImportedDatabase db = new ImportedDatabase(file);
      // Seed 1: every row in the day's window, so no other day's rows are looked for.
      fill(db, new Random(seed), seed == 1);

      List<PayoutFinding> plain = new ArrayList<>();
      DayWindow day = new DayWindow(DAY, settings.reconciliation().timezone());
      try (SettlementReader reader =
          new SettlementReader(file, settings.database(), "transaction_id")) {
        List<SettlementReader.Payout> grouped = new ArrayList<>();
        reader.payouts(day.sql(), grouped::add);
        plain.addAll(new PayoutRule().check(grouped, day));
      }
      List<PayoutFinding> fast = new SettlementRules(settings).check(file, DAY).payouts();

      assertThat(plain).as("seed %d", seed).isNotEmpty();
      assertThat(fast).as("seed %d", seed).containsExactlyElementsOf(plain);
    }
  }

  private static void fill(ImportedDatabase db, Random random, boolean dayOnly) throws Exception {
    db.exec("BEGIN");
    for (int i = 0; i < 600; i++) {
      RowType type = TYPES[random.nextInt(TYPES.length)];
      String net = (random.nextInt(2000) - 1000) + "." + (10 + random.nextInt(90));
      db.row(
          type,
          type.id(),
          "T" + i,
          net,
          "0.00",
          net,
          "USD",
          dayOnly ? AT[1 + random.nextInt(2)] : AT[random.nextInt(AT.length)],
          "po_1",
          "p" + i,
          "p" + i);
      db.set("payout_id", PAYOUTS[random.nextInt(PAYOUTS.length)]);
      if (random.nextInt(8) == 0) {
        db.set("account", ACCOUNTS[random.nextInt(ACCOUNTS.length)]);
      }
      if (random.nextInt(8) == 0) {
        db.set("currency", CURRENCIES[random.nextInt(CURRENCIES.length)]);
      }
      if (random.nextInt(20) == 0) {
        db.set("net", ODD_NETS[random.nextInt(ODD_NETS.length)]);
      }
      if (random.nextInt(50) == 0) {
        db.set("account", "acct\u001e" + random.nextInt(2));
      }
      if (!dayOnly && random.nextInt(50) == 0) {
        db.set("processed_at", random.nextBoolean() ? null : "2026-11-24 08:00:00");
      }
    }
    db.exec("COMMIT");
  }
}
