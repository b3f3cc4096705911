package dev.reconciler.core.report;

import static dev.reconciler.core.report.ExcelReportWriterTest.assertAmount;
import static dev.reconciler.core.report.ExcelReportWriterTest.assertWholeYen;
import static dev.reconciler.core.report.LedgerBuilder.aLedger;
import static dev.reconciler.core.report.LedgerBuilder.cleared;
import static dev.reconciler.core.report.LedgerBuilder.inTransit;
import static dev.reconciler.core.report.LedgerBuilder.missing;
import static dev.reconciler.core.report.ResultBuilder.aResult;
import static dev.reconciler.core.report.ResultBuilder.processorTxn;
import static dev.reconciler.core.report.ResultBuilder.sale;
import static dev.reconciler.core.report.Workbooks.open;
import static dev.reconciler.core.report.Workbooks.row;
import static dev.reconciler.core.report.Workbooks.sheetNames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.ledger.LedgerOutcome;
import dev.reconciler.core.ledger.OpenItem;
import dev.reconciler.core.ledger.Resolution;
import dev.reconciler.core.match.DiscrepancyKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerSheetsTest {
  private static final List<String> LEDGER = SheetIds.LEDGER;

  @TempDir Path dir;

  /** Opened 2 days ago, still in transit (window 3). */
  private static final OpenItem SALE_IN_TRANSIT =
      inTransit(sale("TXN-A", "25.00", "USD").line(7).build(), 2);

  /** A processor row that came first 5 days ago and went missing 2 days ago. */
  private static final OpenItem PROCESSOR_MISSING =
      missing(processorTxn("TXN-B", "1500", "JPY").line(4).build(), 5, 2);

  /** Went missing on this run. */
  private static final OpenItem SALE_MISSING_TODAY =
      missing(sale("=TXN-C", "10.50", "USD").line(9).build(), 3, 0);

  private XSSFWorkbook write(LedgerOutcome ledger, List<String> sheets) throws IOException {
    Settings.Report settings = new Settings.Report("reconciliation_{date}.xlsx", sheets, 1_048_575);
    return open(
        new ExcelReportWriter(settings)
            .write(aResult().ledger(ledger).build(), dir.resolve("report.xlsx")));
  }

  @Test
  void theDefaultSheetsAreEveryIdWithTheLedgerBetweenThePaymentAndSettlementKinds()
      throws IOException {
    List<String> defaults = SettingsLoader.defaults().report().sheets();
    assertThat(defaults).isEqualTo(SheetIds.ALL);
    try (XSSFWorkbook wb = write(aLedger().build(), defaults)) {
      assertThat(sheetNames(wb))
          .containsSubsequence(
              "Duplicate IDs", "In Transit", "Open Items", "Cleared", "Resolved", "Refunds");
    }
  }

  @Test
  void theSettingsAcceptTheLedgerSheetIdsInAnyOrder() throws IOException {
    Path ini =
        Files.writeString(dir.resolve("config.ini"), "[report]\nsheets = resolved, open_items\n");
    Settings.Report report = SettingsLoader.load(ini, Map.of()).report();
    assertThat(report.sheets()).containsExactly("resolved", "open_items");
    try (XSSFWorkbook wb = write(aLedger().build(), report.sheets())) {
      assertThat(sheetNames(wb)).containsExactly("Summary", "Resolved", "Open Items");
    }
  }

  @Test
  void openItemsListsEveryOpenItemWithAgeBucketAndStatus() throws IOException {
    LedgerOutcome ledger =
        aLedger().open(SALE_IN_TRANSIT, PROCESSOR_MISSING, SALE_MISSING_TODAY).build();
    try (XSSFWorkbook wb = write(ledger, LEDGER)) {
      XSSFSheet sheet = wb.getSheet("Open Items");
      assertThat(row(sheet, 0))
          .containsExactly(
              "Source",
              "Transaction ID",
              "Business date",
              "Age (days)",
              "Bucket",
              "Status",
              "Amount",
              "Currency");
      assertThat(row(sheet, 1))
          .containsExactly(
              "Sales", "TXN-A", "2024-03-13", "2.0", "2–7", "in transit", "25.0", "USD");
      assertAmount(sheet.getRow(1).getCell(6), "25.00");
      assertThat(row(sheet, 2))
          .containsExactly(
              "Processor",
              "TXN-B",
              "2024-03-10",
              "5.0",
              "2–7",
              "missing since 2024-03-13",
              "1500.0",
              "JPY");
      assertWholeYen(sheet.getRow(2).getCell(6), "1500");
      assertThat(row(sheet, 3).subList(0, 6))
          .containsExactly(
              "Sales", "=TXN-C", "2024-03-12", "3.0", "2–7", "missing since 2024-03-15");
      assertThat(sheet.getRow(3).getCell(1).getCellStyle().getQuotePrefixed()).isTrue();
      assertThat(sheet.getLastRowNum()).isEqualTo(3);
    }
  }

  @Test
  void keepsTheOutcomesOrderOnEveryLedgerSheet() throws IOException {
    OpenItem first = inTransit(sale("TXN-Z", "1.00", "USD").build(), 0);
    OpenItem second = inTransit(processorTxn("TXN-A", "2.00", "USD").build(), 2);
    OpenItem third = inTransit(sale("TXN-M", "3.00", "USD").build(), 1);
    try (XSSFWorkbook wb = write(aLedger().open(first, second, third).build(), LEDGER)) {
      assertThat(column(wb.getSheet("Open Items"), 1)).containsExactly("TXN-Z", "TXN-A", "TXN-M");
      assertThat(column(wb.getSheet("In Transit"), 1)).containsExactly("TXN-Z", "TXN-A", "TXN-M");
    }
  }

  @Test
  void bucketsAgesAtTheirBoundaries() throws IOException {
    LedgerBuilder ledger = aLedger().window(40);
    int[] ages = {0, 1, 2, 7, 8, 30, 31, 400};
    for (int age : ages) {
      ledger.open(inTransit(sale("TXN-" + age, "1.00", "USD").build(), age));
    }
    try (XSSFWorkbook wb = write(ledger.build(), List.of("open_items"))) {
      XSSFSheet sheet = wb.getSheet("Open Items");
      assertThat(column(sheet, 3))
          .containsExactly("0.0", "1.0", "2.0", "7.0", "8.0", "30.0", "31.0", "400.0");
      assertThat(column(sheet, 4))
          .containsExactly("0–1", "0–1", "2–7", "2–7", "8–30", "8–30", ">30", ">30");
    }
  }

  @Test
  void inTransitListsOnlyItemsInsideTheWindowWithTheDayTheyGoMissing() throws IOException {
    OpenItem dueTomorrow = inTransit(sale("TXN-D", "4.00", "EUR").build(), 2);
    LedgerOutcome ledger =
        aLedger()
            .window(3)
            .open(SALE_IN_TRANSIT, PROCESSOR_MISSING, dueTomorrow, SALE_MISSING_TODAY)
            .build();
    try (XSSFWorkbook wb = write(ledger, LEDGER)) {
      XSSFSheet sheet = wb.getSheet("In Transit");
      assertThat(row(sheet, 0))
          .containsExactly(
              "Source",
              "Transaction ID",
              "Business date",
              "Age (days)",
              "Bucket",
              "Missing on",
              "Amount",
              "Currency");
      assertThat(column(sheet, 1)).containsExactly("TXN-A", "TXN-D");
      assertThat(row(sheet, 1).subList(0, 6))
          .containsExactly("Sales", "TXN-A", "2024-03-13", "2.0", "2–7", "2024-03-16");
      assertThat(wb.getSheet("Open Items").getLastRowNum()).isEqualTo(4);
    }
  }

  @Test
  void windowZeroLeavesInTransitWithOnlyItsHeader() throws IOException {
    LedgerOutcome ledger = aLedger().window(0).open(SALE_MISSING_TODAY).build();
    try (XSSFWorkbook wb = write(ledger, LEDGER)) {
      assertThat(wb.getSheet("In Transit").getLastRowNum()).isZero();
      assertThat(wb.getSheet("In Transit").getRow(0).getCell(0).getStringCellValue())
          .isEqualTo("Source");
      assertThat(wb.getSheet("Open Items").getLastRowNum()).isEqualTo(1);
    }
  }

  @Test
  void clearedShowsTheOriginalDateDaysLateWhoCameFirstAndTheKindOfADisagreeingPair()
      throws IOException {
    OpenItem saleOpen = inTransit(sale("TXN-E", "100.00", "USD").line(3).build(), 2);
    OpenItem processorOpen = missing(processorTxn("TXN-F", "40.00", "USD").line(8).build(), 6, 3);
    LedgerOutcome ledger =
        aLedger()
            .cleared(
                cleared(saleOpen, processorTxn("TXN-E", "100.00", "USD").line(11).build(), null),
                cleared(
                    processorOpen,
                    sale("TXN-F", "45.00", "USD").line(12).build(),
                    DiscrepancyKind.AMOUNT_MISMATCH))
            .build();
    try (XSSFWorkbook wb = write(ledger, LEDGER)) {
      XSSFSheet sheet = wb.getSheet("Cleared");
      assertThat(row(sheet, 0))
          .containsExactly(
              "Transaction ID",
              "Original business date",
              "Cleared on",
              "Days late",
              "Came first",
              "Kind",
              "Currency",
              "Sales amount",
              "Processor amount",
              "Processor currency",
              "Sales status",
              "Processor status",
              "Sales line",
              "Processor line");
      assertThat(row(sheet, 0)).filteredOn(h -> h.contains("late")).containsExactly("Days late");
      Row agreeing = sheet.getRow(1);
      assertThat(row(sheet, 1).subList(0, 5))
          .containsExactly("TXN-E", "2024-03-13", "2024-03-15", "2.0", "Sales");
      assertThat(agreeing.getCell(5)).isNull();
      assertThat(agreeing.getCell(12).getNumericCellValue()).isEqualTo(3);
      assertThat(agreeing.getCell(13).getNumericCellValue()).isEqualTo(11);
      Row late = sheet.getRow(2);
      assertThat(row(sheet, 2).subList(0, 7))
          .containsExactly(
              "TXN-F", "2024-03-09", "2024-03-15", "6.0", "Processor", "Amount Mismatch", "USD");
      assertAmount(late.getCell(7), "45.00");
      assertAmount(late.getCell(8), "40.00");
      assertThat(late.getCell(12).getNumericCellValue()).isEqualTo(12);
      assertThat(late.getCell(13).getNumericCellValue()).isEqualTo(8);
    }
  }

  @Test
  void clearedShowsBothCurrenciesOfALateCurrencyMismatch() throws IOException {
    OpenItem saleOpen = inTransit(sale("TXN-G", "50.00", "USD").build(), 1);
    LedgerOutcome ledger =
        aLedger()
            .cleared(
                cleared(
                    saleOpen,
                    processorTxn("TXN-G", "5000", "JPY").build(),
                    DiscrepancyKind.CURRENCY_MISMATCH))
            .build();
    try (XSSFWorkbook wb = write(ledger, List.of("cleared"))) {
      Row row = wb.getSheet("Cleared").getRow(1);
      assertThat(row.getCell(5).getStringCellValue()).isEqualTo("Currency Mismatch");
      assertThat(row.getCell(6).getStringCellValue()).isEqualTo("USD");
      assertAmount(row.getCell(7), "50.00");
      assertWholeYen(row.getCell(8), "5000");
      assertThat(row.getCell(9).getStringCellValue()).isEqualTo("JPY");
    }
  }

  @Test
  void resolvedShowsOutcomeNoteWhoWhenAndAmount() throws IOException {
    LedgerOutcome ledger =
        aLedger()
            .resolved(
                new Resolution(
                    Source.SALES,
                    "TXN-H",
                    Resolution.Outcome.WRITTEN_OFF,
                    "fee not recoverable",
                    "ana",
                    Instant.parse("2024-03-14T16:20:00Z"),
                    LocalDate.of(2024, 3, 1),
                    new BigDecimal("12.34"),
                    "EUR"),
                new Resolution(
                    Source.PROCESSOR,
                    "TXN-I",
                    Resolution.Outcome.EXPLAINED,
                    "refunded by bank transfer",
                    "bo",
                    Instant.parse("2024-03-15T01:00:00Z"),
                    LocalDate.of(2024, 3, 10),
                    new BigDecimal("900"),
                    "JPY"))
            .build();
    try (XSSFWorkbook wb = write(ledger, LEDGER)) {
      XSSFSheet sheet = wb.getSheet("Resolved");
      assertThat(row(sheet, 0))
          .containsExactly(
              "Source",
              "Transaction ID",
              "Business date",
              "Outcome",
              "Note",
              "By",
              "At",
              "Amount",
              "Currency");
      assertThat(row(sheet, 1))
          .containsExactly(
              "Sales",
              "TXN-H",
              "2024-03-01",
              "written off",
              "fee not recoverable",
              "ana",
              "2024-03-14T16:20:00Z",
              "12.34",
              "EUR");
      assertAmount(sheet.getRow(1).getCell(7), "12.34");
      assertThat(row(sheet, 2).subList(0, 4))
          .containsExactly("Processor", "TXN-I", "2024-03-10", "explained");
      assertWholeYen(sheet.getRow(2).getCell(7), "900");
    }
  }

  @Test
  void givesEveryLedgerSheetAFrozenFilteredHeaderAndContinuesALongOne() throws IOException {
    LedgerBuilder ledger = aLedger();
    for (int i = 0; i < 5; i++) {
      ledger.open(inTransit(sale("TXN-" + i, "1.00", "USD").build(), i));
    }
    Settings.Report settings = new Settings.Report("r_{date}.xlsx", LEDGER, 2);
    try (XSSFWorkbook wb =
        open(
            new ExcelReportWriter(settings)
                .write(aResult().ledger(ledger.build()).build(), dir.resolve("r.xlsx")))) {
      assertThat(sheetNames(wb))
          .containsExactly(
              "Summary",
              "In Transit",
              "In Transit (2)",
              "In Transit (3)",
              "Open Items",
              "Open Items (2)",
              "Open Items (3)",
              "Cleared",
              "Resolved");
      for (int s = 1; s < wb.getNumberOfSheets(); s++) {
        XSSFSheet sheet = wb.getSheetAt(s);
        assertThat(sheet.getPaneInformation().isFreezePane()).as(sheet.getSheetName()).isTrue();
        assertThat(sheet.getCTWorksheet().isSetAutoFilter()).as(sheet.getSheetName()).isTrue();
      }
      assertThat(column(wb.getSheet("Open Items (3)"), 1)).containsExactly("TXN-4");
    }
  }

  /** The text of one column's data cells, top to bottom. */
  private static List<String> column(XSSFSheet sheet, int column) {
    List<String> values = new ArrayList<>();
    IntStream.rangeClosed(1, sheet.getLastRowNum())
        .forEach(r -> values.add(sheet.getRow(r).getCell(column).toString()));
    return values;
  }
}
