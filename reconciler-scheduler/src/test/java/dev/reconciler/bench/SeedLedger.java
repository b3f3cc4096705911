package dev.reconciler.bench;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.Status;
import dev.reconciler.core.domain.Txn;
import dev.reconciler.core.ledger.LedgerOutcome;
import dev.reconciler.core.ledger.LedgerStore;
import dev.reconciler.core.ledger.Ledgers;
import dev.reconciler.core.ledger.OpenItem;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * For bench/ledger.sh: records runs of the 60 days up to DATE in the ledger of DB that leave COUNT
 * items open (a third from the processor, ages 0 to 59 days, most already missing), with ids no row
 * of a generated day has, so a run of DATE + 1 carries them all and clears none. Usage: SeedLedger
 * DB DATE COUNT.
 */
public final class SeedLedger {
  private static final int DAYS = 60;

  private SeedLedger() {}

  public static void main(String[] args) {
    Path db = Path.of(args[0]);
    LocalDate date = LocalDate.parse(args[1]);
    int count = Integer.parseInt(args[2]);
    Settings settings = SettingsLoader.load(null, Map.of());
    int window = settings.reconciliation().settlementWindowDays();
    List<OpenItem> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Source source = i % 3 == 0 ? Source.PROCESSOR : Source.SALES;
      LocalDate opened = date.minusDays(i % DAYS);
      Txn row =
          new Txn(
              source,
              i + 1L,
              String.format("OPEN-%08d", i),
              new BigDecimal(10 + i % 5000).movePointLeft(2),
              "USD",
              "completed",
              opened + "T12:00:00Z",
              "ref-" + i,
              source == Source.SALES ? "cust-" + i % 1000 : null,
              null);
      items.add(new OpenItem(row, Status.PAID, opened, null));
    }
    // Day by day, as runs would have: each records the items it opened and those it aged out.
    try (LedgerStore ledger = Ledgers.open(settings, db, Clock.systemUTC())) {
      for (LocalDate day = date.minusDays(DAYS - 1); !day.isAfter(date); day = day.plusDays(1)) {
        List<OpenItem> open = new ArrayList<>();
        for (OpenItem item : items) {
          if (!item.openedOn().isAfter(day)) {
            LocalDate due = item.openedOn().plusDays(window);
            open.add(
                new OpenItem(
                    item.row(), item.status(), item.openedOn(), due.isAfter(day) ? null : due));
          }
        }
        ledger.record(
            "bench-seed-" + day, new LedgerOutcome(day, window, null, open, List.of(), List.of()));
      }
    }
    System.out.println("seeded " + count + " open items as of " + date + " in the ledger of " + db);
  }
}
