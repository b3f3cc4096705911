package dev.reconciler.core.reconcile;

import static dev.reconciler.core.reconcile.LedgerDays.D1;
import static dev.reconciler.core.reconcile.LedgerDays.D2;
import static dev.reconciler.core.reconcile.LedgerDays.D3;
import static dev.reconciler.core.reconcile.LedgerDays.D4;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.SameDaySettings;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.ledger.ClearedItem;
import dev.reconciler.core.ledger.LedgerOutcome;
import dev.reconciler.core.ledger.LedgerStore;
import dev.reconciler.core.ledger.Ledgers;
import dev.reconciler.core.ledger.OpenItem;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.store.PgInputWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's four ledger days ({@link LedgerDays}) with the input in PostgreSQL, run through
 * ReconcileService: the ledger is kept in that database, carries the first day's items and clears
 * them on the days their counterparts come.
 */
class PgLedgerReconcileIT {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @TempDir Path dir;

  @Test
  void consecutiveDaysCarryAndClearItemsInThePostgresLedger() throws Exception {
    pg.newDatabase("days");
    Settings settings =
        SettingsLoader.load(
            null,
            Map.of(
                SameDaySettings.WINDOW,
                "2",
                "RECONCILER_DATABASE_URL",
                pg.url("days"),
                "RECONCILER_DATABASE_USER",
                "postgres"));
    writeDays(settings);

    LedgerOutcome d1 = run(settings, D1);
    assertThat(d1.emptyStart()).isNotNull();
    assertThat(open(d1)).containsExactly("SALES:A", "SALES:B", "SALES:M", "PROCESSOR:C");

    LedgerOutcome d2 = run(settings, D2);
    assertThat(d2.emptyStart()).as("D2 carries D1's items").isNull();
    assertThat(d2.cleared()).extracting(ClearedItem::transactionId).containsExactly("M", "C");
    assertThat(open(d2)).containsExactly("SALES:A", "SALES:B");
    try (LedgerStore ledger = Ledgers.open(settings, dir.resolve("none.db"), Clock.systemUTC())) {
      assertThat(ledger.lastRunDate()).contains(D2);
      assertThat(ledger.openNow()).extracting(OpenItem::transactionId).containsExactly("A", "B");
    }

    assertThat(run(settings, D3).cleared()).extracting(ClearedItem::transactionId).contains("A");
    assertThat(run(settings, D4).open()).isEmpty();
    assertThat(itemsKeptInPostgres("WHERE cleared_on IS NOT NULL")).isEqualTo(4);
    assertThat(itemsKeptInPostgres("WHERE cleared_on IS NULL")).isZero();
  }

  private LedgerOutcome run(Settings settings, LocalDate day) {
    return new ReconcileService(settings, Clock.systemUTC(), Progress.NONE)
        .run(new ReconcileRequest(day, "r-" + day, dir.resolve("none.db"), dir.resolve("out")))
        .result()
        .ledger();
  }

  private static List<String> open(LedgerOutcome ledger) {
    return ledger.open().stream().map(i -> i.source() + ":" + i.transactionId()).toList();
  }

  /** The rows of {@link LedgerDays}, written into the input tables in PostgreSQL. */
  private static void writeDays(Settings settings) throws Exception {
    try (PgInputWriter in = PgInputWriter.create(settings.database())) {
      sale(in, "A", "10.00", "completed", D1);
      sale(in, "B", "5.00", "completed", D1);
      sale(in, "M", "3.00", "completed", D1);
      sale(in, "U", "9.00", "pending", D1);
      payment(in, "C", "7.00", D1);
      sale(in, "C", "7.00", "completed", D2);
      payment(in, "M", "3.50", D2);
      sale(in, "X", "1.00", "completed", D2);
      payment(in, "X", "1.00", D2);
      payment(in, "A", "10.00", D3);
      payment(in, "B", "5.00", D4);
      in.commit();
    }
  }

  private static void sale(PgInputWriter in, String id, String amount, String status, LocalDate d)
      throws Exception {
    in.sale(id, "ORD-" + id, "CUST-1", amount, "USD", status, d + "T12:00:00Z");
  }

  private static void payment(PgInputWriter in, String id, String amount, LocalDate d)
      throws Exception {
    in.processorTransaction("PR-" + id, id, amount, "USD", "0.30", "settled", d + "T12:00:00Z");
  }

  private static long itemsKeptInPostgres(String where) throws Exception {
    try (Connection c = DriverManager.getConnection(pg.url("days"), "postgres", "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM reconciler_ledger_items " + where)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
