package dev.reconciler.core.report;

import static dev.reconciler.core.report.ExcelReportWriterTest.assertAmount;
import static dev.reconciler.core.report.ExcelReportWriterTest.assertWholeYen;
import static dev.reconciler.core.report.ResultBuilder.aResult;
import static dev.reconciler.core.report.Workbooks.open;
import static dev.reconciler.core.report.Workbooks.row;
import static dev.reconciler.core.report.Workbooks.rowLabelled;
import static dev.reconciler.core.report.Workbooks.sheetNames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.match.ReconciliationResult;
import dev.reconciler.core.settle.ChargebackFinding;
import dev.reconciler.core.settle.FeeFinding;
import dev.reconciler.core.settle.PayoutFinding;
import dev.reconciler.core.settle.RefundFinding;
import dev.reconciler.core.settle.Settlement;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettlementSheetsTest {
  private static final List<String> SHEETS = List.of("refund", "chargeback", "fee", "payout");

  @TempDir Path dir;

  private static BigDecimal d(String s) {
    return s == null ? null : new BigDecimal(s);
  }

  static RefundFinding refund(String id, String reason, String refunded, String currency) {
    return new RefundFinding(
        id,
        reason,
        "completed",
        d("100.00"),
        d(refunded),
        currency,
        "re_1, re_2",
        "2024-03-14T10:00:00Z",
        "2024-03-15T10:00:00Z",
        d(refunded));
  }

  static Settlement oneOfEach() {
    return new Settlement(
        List.of(
            refund("TXN-R1", "sale still paid internally", "20.00", "USD"),
            refund("=1+1", "sale unknown", "1500", "JPY")),
        List.of(
            new ChargebackFinding(
                "TXN-C1",
                "open",
                "USD",
                d("50.00"),
                d("15.00"),
                d("0"),
                d("-65.00"),
                "du_1",
                "2024-03-15T08:00:00Z",
                "2024-03-15T08:00:00Z",
                d("65.00"))),
        List.of(
            new FeeFinding(
                "TXN-F1",
                "gross - fee is not net",
                "USD",
                d("100.00"),
                d("2.90"),
                d("97.00"),
                null,
                d("-0.10"),
                null,
                "ch_f1",
                "2024-03-15T09:00:00Z",
                17,
                d("0.10"))),
        List.of(
            new PayoutFinding(
                "po_1",
                "acct_1",
                "USD",
                d("97.00"),
                d("90.00"),
                d("-7.00"),
                "mismatch",
                2,
                "2024-03-15T23:00:00Z",
                d("7.00")),
            new PayoutFinding(
                "_x003D_po",
                null,
                "USD",
                d("15.00"),
                null,
                null,
                "amount not in file",
                2,
                "2024-03-15T12:00:00Z",
                d("15.00"))));
  }

  private XSSFWorkbook write(ReconciliationResult result, List<String> sheets, int maxRows)
      throws IOException {
    Settings.Report settings = new Settings.Report("reconciliation_{date}.xlsx", sheets, maxRows);
    return open(
        new ExcelReportWriter(settings)
            .write(result, dir.resolve("reconciliation_2024-03-15.xlsx")));
  }

  @Test
  void theDefaultSheetsIncludeTheFourSettlementSheetsBeforeRejectedRows() throws IOException {
    Settings.Report defaults = SettingsLoader.defaults().report();
    try (XSSFWorkbook wb =
        write(aResult().settlement(oneOfEach()).build(), defaults.sheets(), 1_048_575)) {
      assertThat(sheetNames(wb))
          .containsSubsequence(
              "Duplicate IDs", "Refunds", "Chargebacks", "Fees", "Payouts", "Rejected Rows");
    }
  }

  @Test
  void writesEachSettlementSheetsHeadersAndCells() throws IOException {
    try (XSSFWorkbook wb = write(aResult().settlement(oneOfEach()).build(), SHEETS, 1_048_575)) {
      XSSFSheet refunds = wb.getSheet("Refunds");
      assertThat(row(refunds, 0))
          .containsExactly(
              "Transaction ID",
              "Reason",
              "Sale status",
              "Sale amount",
              "Refunded",
              "Currency",
              "Refund refs",
              "First refund at",
              "Last refund at");
      assertThat(row(refunds, 1).subList(0, 3))
          .containsExactly("TXN-R1", "sale still paid internally", "completed");
      assertAmount(refunds.getRow(1).getCell(3), "100.00");
      assertAmount(refunds.getRow(1).getCell(4), "20.00");
      assertWholeYen(refunds.getRow(2).getCell(4), "1500");

      XSSFSheet chargebacks = wb.getSheet("Chargebacks");
      assertThat(row(chargebacks, 0))
          .containsExactly(
              "Transaction ID",
              "Status",
              "Currency",
              "Disputed",
              "Chargeback fee",
              "Reversed",
              "Net",
              "Processor refs",
              "First at",
              "Last at");
      assertThat(row(chargebacks, 1).subList(0, 3)).containsExactly("TXN-C1", "open", "USD");
      assertAmount(chargebacks.getRow(1).getCell(4), "15.00");
      assertAmount(chargebacks.getRow(1).getCell(6), "-65.00");

      XSSFSheet fees = wb.getSheet("Fees");
      assertThat(row(fees, 0))
          .containsExactly(
              "Transaction ID",
              "Reason",
              "Currency",
              "Gross",
              "Fee",
              "Net",
              "Net difference",
              "Rate card fee",
              "Fee difference",
              "Processor ref",
              "Processed at",
              "Processor line");
      assertAmount(fees.getRow(1).getCell(6), "-0.10");
      assertThat(fees.getRow(1).getCell(7)).isNull();
      assertThat(fees.getRow(1).getCell(11).getNumericCellValue()).isEqualTo(17);

      XSSFSheet payouts = wb.getSheet("Payouts");
      assertThat(row(payouts, 0))
          .containsExactly(
              "Payout ID",
              "Account",
              "Currency",
              "Expected",
              "Reported",
              "Difference",
              "Note",
              "Rows",
              "At");
      assertThat(payouts.getRow(1).getCell(0).getStringCellValue()).isEqualTo("po_1");
      assertAmount(payouts.getRow(1).getCell(5), "-7.00");
      assertThat(payouts.getRow(2).getCell(4)).isNull();
      assertThat(payouts.getRow(2).getCell(6).getStringCellValue()).isEqualTo("amount not in file");
    }
  }

  @Test
  void escapesIdsLikeEveryOtherSheet() throws IOException {
    try (XSSFWorkbook wb = write(aResult().settlement(oneOfEach()).build(), SHEETS, 1_048_575)) {
      Cell formula = wb.getSheet("Refunds").getRow(2).getCell(0);
      assertThat(formula.getStringCellValue()).isEqualTo("=1+1");
      assertThat(formula.getCellStyle().getQuotePrefixed()).isTrue();
      assertThat(wb.getSheet("Payouts").getRow(2).getCell(0).getStringCellValue())
          .isEqualTo("_x003D_po");
    }
  }

  @Test
  void continuesALongSettlementSheetWithItsHeader() throws IOException {
    List<RefundFinding> refunds = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      refunds.add(refund("TXN-" + i, "sale unknown", i + ".00", "USD"));
    }
    Settlement settlement = new Settlement(refunds, List.of(), List.of(), List.of());
    try (XSSFWorkbook wb = write(aResult().settlement(settlement).build(), List.of("refund"), 2)) {
      assertThat(sheetNames(wb))
          .containsExactly("Summary", "Refunds", "Refunds (2)", "Refunds (3)");
      assertThat(wb.getSheet("Refunds (3)").getRow(0).getCell(0).getStringCellValue())
          .isEqualTo("Transaction ID");
      assertThat(wb.getSheet("Refunds (3)").getRow(1).getCell(0).getStringCellValue())
          .isEqualTo("TXN-5");
      assertThat(wb.getSheet("Refunds (3)").getLastRowNum()).isEqualTo(1);
    }
  }

  @Test
  void theSummaryCountsTheSettlementKindsWithTheirAmountsButNotInTheMatchRate() throws IOException {
    ReconciliationResult result = aResult().matched(4).settlement(oneOfEach()).build();
    try (XSSFWorkbook wb = write(result, SHEETS, 1_048_575)) {
      XSSFSheet summary = wb.getSheet("Summary");
      Row header = rowLabelled(summary, "Kind");
      assertThat(row(summary, header.getRowNum()))
          .containsExactly("Kind", "Count", "Amount JPY", "Amount USD");
      assertThat(row(summary, rowLabelled(summary, "Refunds").getRowNum()))
          .containsExactly("Refunds", "2.0", "1500.0", "20.0");
      assertThat(row(summary, rowLabelled(summary, "Chargebacks").getRowNum()))
          .containsExactly("Chargebacks", "1.0", "0.0", "65.0");
      assertThat(row(summary, rowLabelled(summary, "Fees").getRowNum()))
          .containsExactly("Fees", "1.0", "0.0", "0.1");
      assertThat(row(summary, rowLabelled(summary, "Payouts").getRowNum()))
          .containsExactly("Payouts", "2.0", "0.0", "22.0");
      assertThat(rowLabelled(summary, "Total").getCell(1).getNumericCellValue()).isEqualTo(6);
      assertThat(rowLabelled(summary, "Match rate %").getCell(1).getNumericCellValue())
          .isEqualTo(100.0);
    }
    assertThat(result.matchRatePercent()).isEqualByComparingTo("100");
    assertThat(result.discrepancyCount()).isEqualTo(6);
  }
}
