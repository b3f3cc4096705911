package dev.reconciler.core.report;

import static dev.reconciler.core.report.ExcelReportWriterTest.assertAmount;
import static dev.reconciler.core.report.ExcelReportWriterTest.assertWholeYen;
import static dev.reconciler.core.report.ExcelReportWriterTest.settings;
import static dev.reconciler.core.report.ResultBuilder.aFullResult;
import static dev.reconciler.core.report.ResultBuilder.aResult;
import static dev.reconciler.core.report.Workbooks.open;
import static dev.reconciler.core.report.Workbooks.row;
import static dev.reconciler.core.report.Workbooks.rowLabelled;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.match.ReconciliationResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummarySheetTest {
  @TempDir Path dir;

  @Test
  void namesTheRun() throws IOException {
    try (XSSFWorkbook wb = write(aFullResult().build())) {
      XSSFSheet summary = wb.getSheet("Summary");
      assertThat(summary.getRow(0).getCell(0).getStringCellValue())
          .isEqualTo("Daily Reconciliation");
      assertThat(row(summary, rowLabelled(summary, "Business date").getRowNum()))
          .containsExactly("Business date", "2024-03-15");
      assertThat(row(summary, rowLabelled(summary, "Run ID").getRowNum()))
          .containsExactly("Run ID", "run-42");
      assertThat(row(summary, rowLabelled(summary, "Database").getRowNum()))
          .containsExactly("Database", "data/reconciler.db");
    }
  }

  @Test
  void accountsForEachSidesRows() throws IOException {
    try (XSSFWorkbook wb = write(aFullResult().build())) {
      XSSFSheet summary = wb.getSheet("Summary");
      Row header = rowLabelled(summary, "Source");
      assertThat(row(summary, header.getRowNum()))
          .containsExactly(
              "Source",
              "Table",
              "Rows read",
              "Rejected",
              "Exact duplicates",
              "Conflicting duplicates",
              "Accepted");
      assertThat(row(summary, header.getRowNum() + 1))
          .containsExactly("Sales", "sales_transactions", "10.0", "1.0", "0.0", "1.0", "8.0");
      assertThat(row(summary, header.getRowNum() + 2))
          .containsExactly(
              "Processor", "processor_transactions", "9.0", "1.0", "1.0", "1.0", "6.0");
    }
  }

  @Test
  void showsMatchedUnsettledWithItsNoteAndMatchRate() throws IOException {
    try (XSSFWorkbook wb = write(aFullResult().build())) {
      XSSFSheet summary = wb.getSheet("Summary");
      assertThat(rowLabelled(summary, "Matched").getCell(1).getNumericCellValue()).isEqualTo(5);
      Row unsettled = rowLabelled(summary, "Unsettled sales");
      assertThat(unsettled.getCell(1).getNumericCellValue()).isEqualTo(2);
      assertThat(unsettled.getCell(2).getStringCellValue())
          .isEqualTo("sales not paid with no processor row: nothing expected to settle");
      // 5 matched of 5 + 6 findings (duplicate-id rows are not counted).
      assertThat(rowLabelled(summary, "Match rate %").getCell(1).getNumericCellValue())
          .isEqualTo(45.45);
    }
  }

  @Test
  void showsNotApplicableMatchRateWhenNothingWasToMatch() throws IOException {
    try (XSSFWorkbook wb = write(aResult().build())) {
      XSSFSheet summary = wb.getSheet("Summary");
      assertThat(rowLabelled(summary, "Match rate %").getCell(1).getStringCellValue())
          .isEqualTo("n/a");
    }
  }

  @Test
  void countsAndSumsEveryKindPerCurrency() throws IOException {
    try (XSSFWorkbook wb = write(aFullResult().build())) {
      XSSFSheet summary = wb.getSheet("Summary");
      assertThat(row(summary, rowLabelled(summary, "Kind").getRowNum()))
          .containsExactly("Kind", "Count", "Amount JPY", "Amount USD");
      assertKind(summary, "Missing in Processor", 2, "0", "1234.5778");
      assertKind(summary, "Missing in Sales", 1, "1500", "0");
      assertKind(summary, "Amount Mismatch", 1, "0", "0.05");
      assertKind(summary, "Failed Payments", 1, "0", "20");
      assertKind(summary, "Currency Mismatch", 1, "0", "50");
      assertKind(summary, "Duplicate IDs", 2, "300", "10");
      assertThat(rowLabelled(summary, "Total").getCell(1).getNumericCellValue()).isEqualTo(8);
    }
  }

  @Test
  void listsEveryKindWithZeroCountsWhenThereAreNoFindings() throws IOException {
    try (XSSFWorkbook wb = write(aResult().build())) {
      XSSFSheet summary = wb.getSheet("Summary");
      assertThat(row(summary, rowLabelled(summary, "Kind").getRowNum()))
          .containsExactly("Kind", "Count");
      for (String kind :
          List.of(
              "Missing in Processor",
              "Missing in Sales",
              "Amount Mismatch",
              "Failed Payments",
              "Currency Mismatch",
              "Duplicate IDs")) {
        assertThat(rowLabelled(summary, kind).getCell(1).getNumericCellValue()).isZero();
      }
    }
  }

  @Test
  void totalsEachCurrencyWithProcessorMinusSales() throws IOException {
    try (XSSFWorkbook wb = write(aFullResult().build())) {
      XSSFSheet summary = wb.getSheet("Summary");
      assertThat(row(summary, rowLabelled(summary, "Currency").getRowNum()))
          .containsExactly("Currency", "Sales total", "Processor total", "Difference");
      Row usd = rowLabelled(summary, "USD");
      assertAmount(usd.getCell(1), "1404.5778");
      assertAmount(usd.getCell(2), "170.05");
      assertAmount(usd.getCell(3), "-1234.5278");
      Row jpy = rowLabelled(summary, "JPY");
      assertWholeYen(jpy.getCell(3), "1850");
    }
  }

  @Test
  void countsRejectedRows() throws IOException {
    try (XSSFWorkbook wb = write(aFullResult().build())) {
      XSSFSheet summary = wb.getSheet("Summary");
      assertThat(rowLabelled(summary, "Rejected rows").getCell(1).getNumericCellValue())
          .isEqualTo(2);
    }
  }

  private static void assertKind(
      XSSFSheet summary, String kind, long count, String jpy, String usd) {
    Row row = rowLabelled(summary, kind);
    assertThat(row.getCell(1).getNumericCellValue()).as(kind).isEqualTo(count);
    assertWholeYen(row.getCell(2), jpy);
    assertAmount(row.getCell(3), usd);
  }

  private XSSFWorkbook write(ReconciliationResult result) throws IOException {
    Path target = dir.resolve("report.xlsx");
    return open(new ExcelReportWriter(settings(List.of())).write(result, target));
  }
}
