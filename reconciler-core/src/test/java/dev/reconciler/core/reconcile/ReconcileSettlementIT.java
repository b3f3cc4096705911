package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.SameDaySettings;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.imports.RowType;
import dev.reconciler.core.runs.RunCounts;
import dev.reconciler.core.settle.ImportedDatabase;
import dev.reconciler.core.store.EmbeddedPg;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A reconcile of an imported processor table: the settlement sheets, Summary and run counts, with
 * the tables in SQLite and in PostgreSQL.
 */
class ReconcileSettlementIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  private static final String AT = "2026-11-24T10:00:00Z";

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @TempDir Path dir;
  private Backend.Store store;

  /** Fresh input tables in the backend's store; {@code imported}: as an import leaves them. */
  private ImportedDatabase tables(Backend backend, boolean imported) throws Exception {
    store = backend.fresh(pg, dir, "input");
    return store.database() == null
        ? new ImportedDatabase(store.input(), imported)
        : ImportedDatabase.postgres(pg.url(store.database()), store.input(), imported);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void aReconcileOfAnImportedTableListsRefundsChargebacksFeesAndPayouts(Backend backend)
      throws Exception {
    ImportedDatabase db =
        tables(backend, true)
            .sale("T1", "100.00", "USD", "completed")
            .sale("T2", "100.00", "USD", "refunded")
            .payment("T1", "ch_1", "100.00", "3.20", "96.80", "USD", AT)
            .payment("T2", "ch_2", "100.00", "3.50", "96.50", "USD", AT)
            .refund("T2", "re_2", "ch_2", "-40.00", "USD", AT)
            .refund("T9", "re_9", "ch_9", "-5.00", "USD", AT)
            .row(
                RowType.CHARGEBACK,
                "dispute",
                "T1",
                "-50.00",
                "15.00",
                "-65.00",
                "USD",
                AT,
                null,
                "du_1",
                "ch_1")
            .row(
                RowType.PAYMENT,
                "charge",
                "T3",
                "10.00",
                "0.59",
                "9.41",
                "USD",
                AT,
                "po_1",
                "ch_3",
                "ch_3")
            .row(
                RowType.PAYOUT,
                "payout",
                null,
                "-9.00",
                "0.00",
                "-9.00",
                "USD",
                AT,
                "po_1",
                "po_1",
                null);
    Settings settings =
        SameDaySettings.load(store.env(Map.of("RECONCILER_FEES_RATE_CARD", "USD:2.9%+0.30")));

    RunOutcome outcome =
        new ReconcileService(settings, Clock.systemUTC(), Progress.NONE)
            .run(new ReconcileRequest(DAY, "run-settle", db.file(), dir.resolve("out")));
    WorkbookRows workbook = new WorkbookRows(outcome.report());

    assertThat(ids(workbook, "Refunds", "Transaction ID")).containsExactly("T9");
    assertThat(workbook.rows("Refunds").get(0)).containsEntry("Reason", "sale unknown");
    assertThat(ids(workbook, "Chargebacks", "Transaction ID")).containsExactly("T1");
    assertThat(workbook.rows("Chargebacks").get(0)).containsEntry("Status", "open");
    assertThat(ids(workbook, "Fees", "Transaction ID")).containsExactly("T2");
    assertThat(ids(workbook, "Payouts", "Payout ID")).containsExactly("po_1");
    assertThat(workbook.summary())
        .containsEntry("Refunds", "1")
        .containsEntry("Chargebacks", "1")
        .containsEntry("Fees", "1")
        .containsEntry("Payouts", "1");
    assertThat(RunCounts.of(outcome.result()))
        .containsEntry("refund", 1L)
        .containsEntry("chargeback", 1L)
        .containsEntry("fee", 1L)
        .containsEntry("payout", 1L);
    assertThat(store.storedRun(settings, "run-settle").status()).isEqualTo("SUCCESS");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void aTableOfPaymentsOnlyHasEmptySettlementSheets(Backend backend) throws Exception {
    ImportedDatabase db = tables(backend, false);
    db.sale("T1", "100.00", "USD", "completed");
    db.contractPayment("T1", "100.00", "USD", AT, "ch_1", "2.90");

    RunOutcome outcome =
        new ReconcileService(
                SameDaySettings.load(store.env(Map.of())), Clock.systemUTC(), Progress.NONE)
            .run(new ReconcileRequest(DAY, "run-plain", db.file(), dir.resolve("out")));

    assertThat(outcome.result().matched()).isEqualTo(1);
    assertThat(outcome.result().settlement().size()).isZero();
    WorkbookRows workbook = new WorkbookRows(outcome.report());
    assertThat(workbook.sheetNames()).contains("Refunds", "Chargebacks", "Fees", "Payouts");
    assertThat(workbook.rows("Payouts")).isEmpty();
  }

  private static List<String> ids(WorkbookRows workbook, String sheet, String column) {
    return workbook.rows(sheet).stream().map(r -> r.get(column)).toList();
  }
}
