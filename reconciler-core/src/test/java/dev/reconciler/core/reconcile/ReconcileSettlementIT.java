package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.SameDaySettings;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.imports.RowType;
import dev.reconciler.core.runs.RunCounts;
import dev.reconciler.core.settle.ImportedDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reconcile of an imported processor table: the settlement sheets, Summary and run counts. */
class ReconcileSettlementIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  private static final String AT = "2026-11-24T10:00:00Z";

  @TempDir Path dir;

  @Test
  void aReconcileOfAnImportedTableListsRefundsChargebacksFeesAndPayouts() throws Exception {
    ImportedDatabase db =
        new ImportedDatabase(dir.resolve("input.db"))
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
    Settings settings = SameDaySettings.load(Map.of("RECONCILER_FEES_RATE_CARD", "USD:2.9%+0.30"));

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
  }

  @Test
  void aTableOfPaymentsOnlyHasEmptySettlementSheets() throws Exception {
    ImportedDatabase db = new ImportedDatabase(dir.resolve("plain.db"), false);
    db.sale("T1", "100.00", "USD", "completed");
    db.exec(
        "INSERT INTO processor_transactions VALUES ('T1', '100.00', 'USD', 'settled', '"
            + AT
            + "', 'ch_1', '2.90')");

    RunOutcome outcome =
        new ReconcileService(SameDaySettings.defaults(), Clock.systemUTC(), Progress.NONE)
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
