package dev.reconciler.core.report;

import static dev.reconciler.core.report.ExcelReportWriterTest.assertAmount;
import static dev.reconciler.core.report.ExcelReportWriterTest.assertWholeYen;
import static dev.reconciler.core.report.ExcelReportWriterTest.settings;
import static dev.reconciler.core.report.LedgerBuilder.aLedger;
import static dev.reconciler.core.report.LedgerBuilder.cleared;
import static dev.reconciler.core.report.LedgerBuilder.inTransit;
import static dev.reconciler.core.report.LedgerBuilder.missing;
import static dev.reconciler.core.report.ResultBuilder.aFullResult;
import static dev.reconciler.core.report.ResultBuilder.aResult;
import static dev.reconciler.core.report.ResultBuilder.processorTxn;
import static dev.reconciler.core.report.ResultBuilder.sale;
import static dev.reconciler.core.report.Workbooks.open;
import static dev.reconciler.core.report.Workbooks.row;
import static dev.reconciler.core.report.Workbooks.rowLabelled;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.ledger.LedgerOutcome;
import dev.reconciler.core.ledger.OpenItem;
import dev.reconciler.core.ledger.Resolution;
import dev.reconciler.core.load.RejectedRow;
import dev.reconciler.core.match.ReconciliationResult;
import dev.reconciler.core.match.SourceStats;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummarySheetTest {
  private static final Resolution WRITTEN_OFF =
      new Resolution(
          Source.SALES,
          "W",
          Resolution.Outcome.WRITTEN_OFF,
          "fee",
          "ana",
          Instant.parse("2024-03-14T10:00:00Z"),
          LocalDate.of(2024, 3, 1),
          new BigDecimal("1.00"),
          "USD");

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

  /** A day whose processor side read nothing says so under the run, where the reader starts. */
  @Test
  void warnsUnderTheRunWhenOneSideReadNoRows() throws IOException {
    ReconciliationResult noProcessor =
        aFullResult()
            .processor(new SourceStats(Source.PROCESSOR, "processor_transactions", 0, 0, 0, 0, 0))
            .build();
    try (XSSFWorkbook wb = write(noProcessor)) {
      XSSFSheet summary = wb.getSheet("Summary");
      Row warning = rowLabelled(summary, SummarySheet.WARNING);
      assertThat(warning.getRowNum()).isEqualTo(rowLabelled(summary, "Database").getRowNum() + 1);
      assertThat(warning.getCell(1).getStringCellValue())
          .isEqualTo(
              "No processor rows were read for "
                  + noProcessor.businessDate()
                  + " (sales rows: 10): was the day's processor file imported?");
    }
    try (XSSFWorkbook wb = write(aFullResult().build())) {
      assertThat(labels(wb.getSheet("Summary"))).doesNotContain(SummarySheet.WARNING);
    }
  }

  @Test
  void countsRejectedRows() throws IOException {
    try (XSSFWorkbook wb = write(aFullResult().build())) {
      XSSFSheet summary = wb.getSheet("Summary");
      assertThat(rowLabelled(summary, "Rejected rows").getCell(1).getNumericCellValue())
          .isEqualTo(2);
      assertThat(labels(summary)).doesNotContain("of which in processor files");
    }
  }

  /** Rows an import rejected count among the rejected rows, and on a line of their own. */
  @Test
  void countsTheRowsProcessorFilesLostApart() throws IOException {
    ReconciliationResult result =
        aFullResult()
            .rejected(
                new RejectedRow(Source.PROCESSOR, 4, null, "unknown currency 'QQQ'", "a.csv", 1))
            .build();
    try (XSSFWorkbook wb = write(result)) {
      XSSFSheet summary = wb.getSheet("Summary");
      assertThat(rowLabelled(summary, "Rejected rows").getCell(1).getNumericCellValue())
          .isEqualTo(3);
      assertThat(
              rowLabelled(summary, "of which in processor files").getCell(1).getNumericCellValue())
          .isEqualTo(1);
    }
  }

  /**
   * A file's run of lines rejected for one reason, and the rows its import did not keep, are one
   * entry each on Rejected Rows but count every row they stand for.
   */
  @Test
  void countsEveryRowAFileEntryStandsFor() throws IOException {
    ReconciliationResult result =
        aFullResult()
            .rejected(
                new RejectedRow(
                    Source.PROCESSOR, 8, null, "blank amount (lines 8 to 10)", "a.csv", 3))
            .rejected(new RejectedRow(Source.PROCESSOR, 0, null, "250 more rows", "a.csv", 250))
            .build();
    try (XSSFWorkbook wb = write(result)) {
      XSSFSheet summary = wb.getSheet("Summary");
      assertThat(rowLabelled(summary, "Rejected rows").getCell(1).getNumericCellValue())
          .isEqualTo(2 + 3 + 250);
      assertThat(
              rowLabelled(summary, "of which in processor files").getCell(1).getNumericCellValue())
          .isEqualTo(3 + 250);
    }
  }

  @Test
  void showsOpenItemsByBucketWithCountsAndAmountsPerCurrency() throws IOException {
    LedgerOutcome ledger =
        aLedger()
            .window(40)
            .open(
                inTransit(sale("A", "1.50", "USD").build(), 0),
                inTransit(sale("B", "2.25", "USD").build(), 1),
                inTransit(processorTxn("C", "700", "JPY").build(), 2),
                inTransit(sale("D", "10.00", "USD").build(), 7),
                inTransit(sale("E", "20.00", "USD").build(), 31))
            .build();
    try (XSSFWorkbook wb = write(aResult().ledger(ledger).build())) {
      XSSFSheet summary = wb.getSheet("Summary");
      assertThat(row(summary, rowLabelled(summary, "Age (days)").getRowNum()))
          .containsExactly("Age (days)", "Count", "Amount JPY", "Amount USD");
      assertBucket(summary, "0–1", 2, "0", "3.75");
      assertBucket(summary, "2–7", 2, "700", "10.00");
      assertBucket(summary, "8–30", 0, "0", "0");
      assertBucket(summary, ">30", 1, "0", "20.00");
    }
  }

  @Test
  void countsWhatTheLedgerHoldsAndWhatChangedToday() throws IOException {
    OpenItem saleOpen = inTransit(sale("X", "5.00", "USD").build(), 1);
    LedgerOutcome ledger =
        aLedger()
            .window(3)
            .open(
                inTransit(sale("A", "1.00", "USD").build(), 0),
                inTransit(sale("B", "1.00", "USD").build(), 2),
                inTransit(processorTxn("F", "1.00", "USD").build(), 1),
                missing(sale("C", "1.00", "USD").build(), 3, 0),
                missing(processorTxn("D", "1.00", "USD").build(), 3, 0),
                missing(processorTxn("E", "1.00", "USD").build(), 9, 6))
            .cleared(cleared(saleOpen, processorTxn("X", "5.00", "USD").build(), null))
            .resolved(WRITTEN_OFF, WRITTEN_OFF, WRITTEN_OFF, WRITTEN_OFF)
            .build();
    try (XSSFWorkbook wb = write(aResult().ledger(ledger).build())) {
      XSSFSheet summary = wb.getSheet("Summary");
      assertLabelled(summary, "Settlement window (days)", 3);
      assertLabelled(summary, "Open items", 6);
      assertLabelled(summary, "In transit", 3);
      assertLabelled(summary, "Went missing today", 2);
      assertLabelled(summary, "Cleared today", 1);
      assertLabelled(summary, "Resolved", 4);
      assertLabelled(summary, "Oldest open item (days)", 9);
      assertThat(labels(summary)).doesNotContain("Ledger started empty");
    }
  }

  @Test
  void saysWhyTheLedgerStartedEmptyAndThatNothingIsOpen() throws IOException {
    LedgerOutcome ledger = aLedger().emptyStart("no run for 2024-03-14").build();
    try (XSSFWorkbook wb = write(aResult().ledger(ledger).build())) {
      XSSFSheet summary = wb.getSheet("Summary");
      assertThat(row(summary, rowLabelled(summary, "Ledger started empty").getRowNum()))
          .containsExactly("Ledger started empty", "no run for 2024-03-14");
      assertThat(rowLabelled(summary, "Oldest open item (days)").getCell(1).getStringCellValue())
          .isEqualTo("none open");
      assertBucket(summary, "0–1", 0);
    }
  }

  @Test
  void keepsEveryEarlierRowWhereItWasAndPutsTheLedgerLast() throws IOException {
    List<String> before;
    try (XSSFWorkbook wb = write(aFullResult().build())) {
      before = labels(wb.getSheet("Summary"));
    }
    LedgerOutcome ledger = aLedger().open(inTransit(sale("A", "1.00", "USD").build(), 0)).build();
    try (XSSFWorkbook wb = write(aFullResult().ledger(ledger).build())) {
      List<String> after = labels(wb.getSheet("Summary"));
      int ledgerStart = after.indexOf("Open items ledger");
      assertThat(ledgerStart).isGreaterThan(after.indexOf("Rejected rows"));
      assertThat(after.subList(0, ledgerStart)).isEqualTo(before.subList(0, ledgerStart));
    }
  }

  private static List<String> labels(XSSFSheet summary) {
    List<String> labels = new ArrayList<>();
    for (Row row : summary) {
      labels.add(row.getCell(0) == null ? "" : row.getCell(0).toString());
    }
    return labels;
  }

  private static void assertLabelled(XSSFSheet summary, String label, long value) {
    assertThat(rowLabelled(summary, label).getCell(1).getNumericCellValue())
        .as(label)
        .isEqualTo(value);
  }

  private static void assertBucket(
      XSSFSheet summary, String bucket, long count, String... amounts) {
    Row row = rowLabelled(summary, bucket);
    assertThat(row.getCell(1).getNumericCellValue()).as(bucket).isEqualTo(count);
    for (int i = 0; i < amounts.length; i++) {
      assertThat(BigDecimal.valueOf(row.getCell(2 + i).getNumericCellValue()))
          .as("%s amount %d", bucket, i)
          .isEqualByComparingTo(amounts[i]);
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
