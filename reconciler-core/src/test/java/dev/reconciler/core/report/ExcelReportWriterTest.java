package dev.reconciler.core.report;

import static dev.reconciler.core.report.ResultBuilder.aFullResult;
import static dev.reconciler.core.report.ResultBuilder.aResult;
import static dev.reconciler.core.report.ResultBuilder.missingInProcessor;
import static dev.reconciler.core.report.ResultBuilder.missingInSales;
import static dev.reconciler.core.report.ResultBuilder.processorTxn;
import static dev.reconciler.core.report.ResultBuilder.sale;
import static dev.reconciler.core.report.Workbooks.contents;
import static dev.reconciler.core.report.Workbooks.open;
import static dev.reconciler.core.report.Workbooks.row;
import static dev.reconciler.core.report.Workbooks.sheetNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.load.RejectedRow;
import dev.reconciler.core.match.ReconciliationResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExcelReportWriterTest {
  private static final List<String> ALL_SHEETS =
      List.of(
          "missing_in_processor",
          "missing_in_sales",
          "amount_mismatch",
          "failed_payment",
          "currency_mismatch",
          "duplicate_id",
          "rejected");

  @TempDir Path dir;

  @Test
  void writesSummaryFirstThenConfiguredSheetsInOrder() throws IOException {
    try (XSSFWorkbook wb = write(aFullResult().build(), ALL_SHEETS)) {
      assertThat(sheetNames(wb))
          .containsExactly(
              "Summary",
              "Missing in Processor",
              "Missing in Sales",
              "Amount Mismatch",
              "Failed Payments",
              "Currency Mismatch",
              "Duplicate IDs",
              "Rejected Rows");
    }
  }

  @Test
  void writesOnlyTheConfiguredSheetsInTheirConfiguredOrder() throws IOException {
    List<String> sheets = List.of("rejected", "duplicate_id", "amount_mismatch", "duplicate_id");
    try (XSSFWorkbook wb = write(aFullResult().build(), sheets)) {
      assertThat(sheetNames(wb))
          .containsExactly("Summary", "Rejected Rows", "Duplicate IDs", "Amount Mismatch");
    }
  }

  @Test
  void givesEveryDataSheetABoldFrozenFilteredHeader() throws IOException {
    try (XSSFWorkbook wb = write(aFullResult().build(), ALL_SHEETS)) {
      for (int s = 1; s < wb.getNumberOfSheets(); s++) {
        XSSFSheet sheet = wb.getSheetAt(s);
        Row header = sheet.getRow(0);
        for (Cell cell : header) {
          assertThat(wb.getFontAt(cell.getCellStyle().getFontIndex()).getBold())
              .as("%s %s", sheet.getSheetName(), cell)
              .isTrue();
        }
        PaneInformation pane = sheet.getPaneInformation();
        assertThat(pane.isFreezePane()).isTrue();
        assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 1);
        assertThat(pane.getVerticalSplitPosition()).isZero();
        assertThat(sheet.getCTWorksheet().isSetAutoFilter()).isTrue();
      }
    }
  }

  @Test
  void printsEverySheetLandscapeOnePageWide() throws IOException {
    try (XSSFWorkbook wb = write(aFullResult().build(), ALL_SHEETS)) {
      for (int s = 0; s < wb.getNumberOfSheets(); s++) {
        XSSFSheet sheet = wb.getSheetAt(s);
        assertThat(sheet.getFitToPage()).as(sheet.getSheetName()).isTrue();
        assertThat(sheet.getPrintSetup().getLandscape()).as(sheet.getSheetName()).isTrue();
        assertThat(sheet.getPrintSetup().getFitWidth())
            .as(sheet.getSheetName())
            .isEqualTo((short) 1);
        assertThat(sheet.getPrintSetup().getFitHeight()).as(sheet.getSheetName()).isZero();
      }
    }
  }

  @Test
  void filtersOverHeaderAndData() throws IOException {
    try (XSSFWorkbook wb = write(aFullResult().build(), ALL_SHEETS)) {
      assertThat(autoFilter(wb, "Missing in Processor")).isEqualTo("A1:H3");
      assertThat(autoFilter(wb, "Amount Mismatch")).isEqualTo("A1:O2");
      assertThat(autoFilter(wb, "Rejected Rows")).isEqualTo("A1:E3");
    }
  }

  @Test
  void writesMissingInProcessorColumns() throws IOException {
    try (XSSFWorkbook wb = write(aFullResult().build(), ALL_SHEETS)) {
      XSSFSheet sheet = wb.getSheet("Missing in Processor");
      assertThat(row(sheet, 0))
          .containsExactly(
              "Transaction ID",
              "Currency",
              "Sales amount",
              "Sales status",
              "Sales line",
              "Order ID",
              "Customer ID",
              "Created at");
      assertThat(row(sheet, 1))
          .containsExactly(
              "TXN-1",
              "USD",
              "1234.5678",
              "paid",
              "1.0",
              "ORD-TXN-1",
              "CUST-TXN-1",
              "2024-03-15T09:30:00Z");
    }
  }

  @Test
  void writesAmountsAsExactNumbersWithTheAmountFormat() throws IOException {
    try (XSSFWorkbook wb = write(aFullResult().build(), ALL_SHEETS)) {
      XSSFSheet sheet = wb.getSheet("Missing in Processor");
      assertAmount(sheet.getRow(1).getCell(2), "1234.5678");
      assertAmount(sheet.getRow(2).getCell(2), "0.01");
      assertWholeYen(wb.getSheet("Missing in Sales").getRow(1).getCell(2), "1500");
    }
  }

  @Test
  void showsEachAmountWithItsCurrencysDecimals() throws IOException {
    ReconciliationResult result =
        aResult()
            .with(missingInProcessor(sale("T-JPY", "1500", "JPY").line(1).build()))
            .with(missingInProcessor(sale("T-JPY-FRACTION", "1500.5", "JPY").line(2).build()))
            .with(missingInProcessor(sale("T-KWD", "12.5", "KWD").line(3).build()))
            .with(missingInProcessor(sale("T-USD", "12", "USD").line(4).build()))
            .build();
    try (XSSFWorkbook wb = write(result, ALL_SHEETS)) {
      XSSFSheet sheet = wb.getSheet("Missing in Processor");
      java.util.Map<String, Cell> amountOf = new java.util.HashMap<>();
      for (int r = 1; r <= sheet.getLastRowNum(); r++) {
        amountOf.put(sheet.getRow(r).getCell(0).getStringCellValue(), sheet.getRow(r).getCell(2));
      }
      assertWholeYen(amountOf.get("T-JPY"), "1500");
      // A fraction of a yen is shown, not rounded away.
      assertAmount(amountOf.get("T-JPY-FRACTION"), "1500.5", "#,##0.0###");
      assertAmount(amountOf.get("T-KWD"), "12.5", "#,##0.000#");
      assertAmount(amountOf.get("T-USD"), "12", "#,##0.00##");
    }
  }

  @Test
  void writesBothSidesAndTheDifferenceOfAnAmountMismatch() throws IOException {
    try (XSSFWorkbook wb = write(aFullResult().build(), ALL_SHEETS)) {
      XSSFSheet sheet = wb.getSheet("Amount Mismatch");
      assertThat(row(sheet, 0))
          .containsExactly(
              "Transaction ID",
              "Currency",
              "Sales amount",
              "Processor amount",
              "Difference",
              "Sales status",
              "Processor status",
              "Sales line",
              "Processor line",
              "Order ID",
              "Customer ID",
              "Processor ref",
              "Fee",
              "Created at",
              "Processed at");
      Row row = sheet.getRow(1);
      assertAmount(row.getCell(2), "100.00");
      assertAmount(row.getCell(3), "100.05");
      assertAmount(row.getCell(4), "0.05");
      assertAmount(row.getCell(12), "0.30");
      assertThat(row.getCell(13).getStringCellValue()).isEqualTo("2024-03-15T09:30:00Z");
      assertThat(row.getCell(14).getStringCellValue()).isEqualTo("2024-03-15T09:30:05+00:00");
    }
  }

  @Test
  void showsBothCurrenciesOfACurrencyMismatch() throws IOException {
    try (XSSFWorkbook wb = write(aFullResult().build(), ALL_SHEETS)) {
      XSSFSheet sheet = wb.getSheet("Currency Mismatch");
      assertThat(row(sheet, 0))
          .startsWith("Transaction ID", "Sales currency", "Processor currency");
      assertThat(row(sheet, 1)).startsWith("TXN-6", "USD", "JPY");
    }
  }

  @Test
  void listsDuplicateRowsWithTheirSource() throws IOException {
    try (XSSFWorkbook wb = write(aFullResult().build(), ALL_SHEETS)) {
      XSSFSheet sheet = wb.getSheet("Duplicate IDs");
      assertThat(row(sheet, 0))
          .containsExactly(
              "Source",
              "Transaction ID",
              "Line",
              "Amount",
              "Currency",
              "Status",
              "Timestamp",
              "Reference");
      assertThat(row(sheet, 1))
          .containsExactly(
              "Sales", "TXN-7", "9.0", "10.0", "USD", "paid", "2024-03-15T09:30:00Z", "ORD-TXN-7");
      assertThat(row(sheet, 2))
          .containsExactly(
              "Processor",
              "TXN-8",
              "4.0",
              "300.0",
              "JPY",
              "paid",
              "2024-03-15T09:30:05+00:00",
              "PR-TXN-8");
    }
  }

  @Test
  void listsRejectedRowsLeavingAMissingIdBlank() throws IOException {
    try (XSSFWorkbook wb = write(aFullResult().build(), ALL_SHEETS)) {
      XSSFSheet sheet = wb.getSheet("Rejected Rows");
      assertThat(row(sheet, 0)).containsExactly("Source", "File", "Line", "Raw ID", "Reason");
      assertThat(row(sheet, 1))
          .containsExactly("Sales", "12.0", "+CMD", "unparseable amount 'abc'");
      assertThat(sheet.getRow(1).getCell(1)).isNull();
      assertThat(sheet.getRow(2).getCell(3)).isNull();
      assertThat(sheet.getRow(2).getCell(4).getStringCellValue())
          .isEqualTo("missing transaction_id");
    }
  }

  /**
   * A row an import rejected names its file; the row that counts the lines its import did not keep
   * has no line.
   */
  @Test
  void listsARowAnImportRejectedWithItsFile() throws IOException {
    ReconciliationResult result =
        aResult()
            .rejected(
                new RejectedRow(
                    Source.PROCESSOR, 17, null, "unknown currency 'QQQ'", "stripe-11-24.csv", 1))
            .rejected(
                new RejectedRow(Source.PROCESSOR, 0, null, "3 more rows", "stripe-11-24.csv", 3))
            .build();
    try (XSSFWorkbook wb = write(result, ALL_SHEETS)) {
      XSSFSheet sheet = wb.getSheet("Rejected Rows");
      assertThat(row(sheet, 1))
          .containsExactly("Processor", "stripe-11-24.csv", "17.0", "unknown currency 'QQQ'");
      assertThat(row(sheet, 2)).containsExactly("Processor", "stripe-11-24.csv", "3 more rows");
      assertThat(sheet.getRow(2).getCell(2)).isNull();
    }
  }

  @Test
  void cutsTextLongerThanACellHoldsVisiblyAndStillWritesTheReport() throws IOException {
    String huge = "O" + "x".repeat(39_999);
    ReconciliationResult result =
        aResult()
            .database(huge)
            .with(missingInProcessor(sale("TXN-LONG", "1.00", "USD").reference(huge).build()))
            .with(ResultBuilder.duplicate(sale("TXN-DUP", "2.00", "USD").reference(huge).build()))
            .rejected(new RejectedRow(Source.SALES, 5, huge, "unparseable amount '" + huge + "'"))
            .build();
    try (XSSFWorkbook wb = write(result, ALL_SHEETS)) {
      assertCut(Workbooks.rowLabelled(wb.getSheet("Summary"), "Database").getCell(1), huge, 40_000);
      assertCut(wb.getSheet("Missing in Processor").getRow(1).getCell(5), huge, 40_000);
      assertCut(wb.getSheet("Duplicate IDs").getRow(1).getCell(7), huge, 40_000);
      Row rejected = wb.getSheet("Rejected Rows").getRow(1);
      assertCut(rejected.getCell(3), huge, 40_000);
      assertCut(rejected.getCell(4), "unparseable amount '" + huge, 40_021);
    }
  }

  /** A cut cell: within Excel's limit, the value's start, and a marker naming its length. */
  private static void assertCut(Cell cell, String value, int length) {
    String text = cell.getStringCellValue();
    assertThat(text.length()).isLessThanOrEqualTo(32_767);
    assertThat(text).startsWith(value.substring(0, 32_000));
    assertThat(text).endsWith("… [truncated, " + length + " characters]");
  }

  @Test
  void writesAmountsADoubleCannotHoldAsExactRightAlignedText() throws IOException {
    ReconciliationResult result =
        aResult()
            .with(missingInProcessor(sale("BIG", "99999999999999.9999", "USD").line(1).build()))
            .with(missingInProcessor(sale("EDGE", "99999999999.9999", "USD").line(2).build()))
            .with(missingInProcessor(sale("YEN", "1234567890123456", "JPY").line(3).build()))
            .with(
                ResultBuilder.amountMismatch(
                    sale("WIDE", "-99999999999999.9999", "USD").build(),
                    processorTxn("WIDE", "99999999999999.9999", "USD").build()))
            .build();
    try (XSSFWorkbook wb = write(result, ALL_SHEETS)) {
      XSSFSheet missing = wb.getSheet("Missing in Processor");
      assertTextAmount(missing.getRow(1).getCell(2), "99,999,999,999,999.9999");
      // Fifteen significant digits are the most a double (and Excel's display) holds exactly.
      assertAmount(missing.getRow(2).getCell(2), "99999999999.9999");
      assertTextAmount(missing.getRow(3).getCell(2), "1,234,567,890,123,456");
      Row mismatch = wb.getSheet("Amount Mismatch").getRow(1);
      assertTextAmount(mismatch.getCell(2), "-99,999,999,999,999.9999");
      assertTextAmount(mismatch.getCell(3), "99,999,999,999,999.9999");
      assertTextAmount(mismatch.getCell(4), "199,999,999,999,999.9998");
    }
  }

  @Test
  void writesTotalsADoubleCannotHoldAsExactText() throws IOException {
    ReconciliationResult result =
        aResult().total("USD", "999999999999999.999", "0.01").total("EUR", "5", "7.25").build();
    try (XSSFWorkbook wb = write(result, ALL_SHEETS)) {
      XSSFSheet summary = wb.getSheet("Summary");
      Row usd = Workbooks.rowLabelled(summary, "USD");
      assertTextAmount(usd.getCell(1), "999,999,999,999,999.999");
      assertAmount(usd.getCell(2), "0.01");
      assertTextAmount(usd.getCell(3), "-999,999,999,999,999.989");
      Row eur = Workbooks.rowLabelled(summary, "EUR");
      assertAmount(eur.getCell(1), "5");
      assertAmount(eur.getCell(3), "2.25");
    }
  }

  /** An amount written as text, digit for digit, right-aligned like the numbers beside it. */
  static void assertTextAmount(Cell cell, String expected) {
    assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
    assertThat(cell.getStringCellValue()).isEqualTo(expected);
    assertThat(cell.getCellStyle().getAlignment()).isEqualTo(HorizontalAlignment.RIGHT);
  }

  @Test
  void quotePrefixesExactlyTheTextThatLooksLikeAFormula() throws IOException {
    try (XSSFWorkbook wb = write(aFullResult().build(), ALL_SHEETS)) {
      Cell hyperlink = wb.getSheet("Missing in Processor").getRow(2).getCell(0);
      assertThat(hyperlink.getCellType()).isEqualTo(CellType.STRING);
      assertThat(hyperlink.getStringCellValue())
          .isEqualTo("=HYPERLINK(\"http://evil.example\",\"x\")");
      assertThat(hyperlink.getCellStyle().getQuotePrefixed()).isTrue();

      Cell minusFive = wb.getSheet("Missing in Sales").getRow(1).getCell(5);
      assertThat(minusFive.getStringCellValue()).isEqualTo("-5");
      assertThat(minusFive.getCellStyle().getQuotePrefixed()).isTrue();

      Cell plus = wb.getSheet("Rejected Rows").getRow(1).getCell(3);
      assertThat(plus.getStringCellValue()).isEqualTo("+CMD");
      assertThat(plus.getCellStyle().getQuotePrefixed()).isTrue();

      Cell plain = wb.getSheet("Missing in Processor").getRow(1).getCell(0);
      assertThat(plain.getStringCellValue()).isEqualTo("TXN-1");
      assertThat(plain.getCellStyle().getQuotePrefixed()).isFalse();
    }
  }

  @Test
  void showsTextThatSpellsAnExcelEscapeAsItIsNeverAsTheCharacterItEncodes() throws IOException {
    // Excel, LibreOffice and POI read _xHHHH_ in cell text as U+HHHH: _x003D_ would show as an
    // '=' that no quote prefix guards, and _x000D__x000A_ as a line break.
    String formula = "_x003D_HYPERLINK(\"http://evil.example\",\"x\")";
    String lines = "ORD_x000D__x000A_-7 _x41_ _x005F_";
    ReconciliationResult result =
        aResult()
            .with(missingInProcessor(sale("TXN-ESC", "1.00", "USD").reference(formula).build()))
            .rejected(new RejectedRow(Source.SALES, 5, lines, "unknown status"))
            .build();
    try (XSSFWorkbook wb = write(result, ALL_SHEETS)) {
      assertThat(wb.getSheet("Missing in Processor").getRow(1).getCell(5).getStringCellValue())
          .isEqualTo(formula);
      assertThat(wb.getSheet("Rejected Rows").getRow(1).getCell(3).getStringCellValue())
          .isEqualTo(lines);
    }
  }

  @Test
  void continuesALongTableOnNumberedSheetsEachWithItsHeader() throws IOException {
    ResultBuilder result = aResult();
    for (int i = 1; i <= 7; i++) {
      result.with(missingInProcessor(sale("TXN-" + i, i + ".00", "USD").line(i).build()));
    }
    try (XSSFWorkbook wb = writeSplit(result, 3, "missing_in_processor")) {
      assertThat(sheetNames(wb))
          .containsExactly(
              "Summary",
              "Missing in Processor",
              "Missing in Processor (2)",
              "Missing in Processor (3)");
      assertThat(idsOn(wb.getSheet("Missing in Processor")))
          .containsExactly("TXN-1", "TXN-2", "TXN-3");
      assertThat(idsOn(wb.getSheet("Missing in Processor (2)")))
          .containsExactly("TXN-4", "TXN-5", "TXN-6");
      assertThat(idsOn(wb.getSheet("Missing in Processor (3)"))).containsExactly("TXN-7");
      for (int s = 1; s <= 3; s++) {
        XSSFSheet sheet = wb.getSheetAt(s);
        assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Transaction ID");
        assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
      }
      assertThat(autoFilter(wb, "Missing in Processor (3)")).isEqualTo("A1:H2");
    }
  }

  @Test
  void fillsManyLongSheetsOnTwoThreadsEachInItsOwnOrder() throws IOException {
    // Sheets of very different sizes, each well past the 100-row window, so both threads flush
    // rows to their sheets' files at the same time.
    ResultBuilder result = aResult();
    List<String> missing = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      missing.add(String.format("MIP-%05d", i));
      result.with(missingInProcessor(sale(missing.get(i), i + ".25", "USD").line(i).build()));
    }
    for (int i = 0; i < 700; i++) {
      extra.add(String.format("MIS-%05d", i));
      result.with(missingInSales(processorTxn(extra.get(i), "1.00", "EUR").line(i).build()));
    }
    for (int i = 0; i < 900; i++) {
      result.rejected(new RejectedRow(Source.SALES, i, "R-" + i, "blank amount"));
    }
    try (XSSFWorkbook wb =
        writeSplit(result, 500, "missing_in_processor", "missing_in_sales", "rejected")) {
      assertThat(sheetNames(wb))
          .containsExactly(
              "Summary",
              "Missing in Processor",
              "Missing in Processor (2)",
              "Missing in Processor (3)",
              "Missing in Processor (4)",
              "Missing in Processor (5)",
              "Missing in Sales",
              "Missing in Sales (2)",
              "Rejected Rows",
              "Rejected Rows (2)");
      assertThat(idsAcross(wb, "Missing in Processor", 5)).isEqualTo(missing);
      assertThat(idsAcross(wb, "Missing in Sales", 2)).isEqualTo(extra);
      for (XSSFSheet sheet :
          List.of(wb.getSheet("Missing in Sales (2)"), wb.getSheet("Rejected Rows (2)"))) {
        assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
        assertThat(sheet.getRow(0).getCell(0).getCellStyle().getFont().getBold()).isTrue();
      }
      assertThat(wb.getSheet("Rejected Rows (2)").getLastRowNum()).isEqualTo(400);
    }
  }

  /** Writes the result with at most {@code maxRows} data rows per sheet, and opens it. */
  private XSSFWorkbook writeSplit(ResultBuilder result, int maxRows, String... sheets)
      throws IOException {
    Settings.Report settings =
        new Settings.Report("reconciliation_{date}.xlsx", List.of(sheets), maxRows);
    return open(new ExcelReportWriter(settings).write(result.build(), target()));
  }

  private static List<String> idsAcross(XSSFWorkbook wb, String label, int parts) {
    List<String> ids = new ArrayList<>();
    for (int part = 1; part <= parts; part++) {
      ids.addAll(idsOn(wb.getSheet(part == 1 ? label : label + " (" + part + ")")));
    }
    return ids;
  }

  @Test
  void writesAHeaderOnlySheetWhenAKindHasNoFindings() throws IOException {
    try (XSSFWorkbook wb = write(aResult().build(), ALL_SHEETS)) {
      XSSFSheet sheet = wb.getSheet("Failed Payments");
      assertThat(sheet.getLastRowNum()).isZero();
      assertThat(autoFilter(wb, "Failed Payments")).isEqualTo("A1:N1");
    }
  }

  @Test
  void writesTheSameCellsEveryTime() throws IOException {
    ReconciliationResult result = aFullResult().build();
    ExcelReportWriter writer = new ExcelReportWriter(settings(ALL_SHEETS));
    Path first = writer.write(result, dir.resolve("first.xlsx"));
    Path second = writer.write(result, dir.resolve("second.xlsx"));

    try (XSSFWorkbook a = open(first);
        XSSFWorkbook b = open(second)) {
      assertThat(contents(a)).isNotEmpty().isEqualTo(contents(b));
    }
  }

  @Test
  void replacesAnExistingReportLeavingNoTempFiles() throws IOException {
    Path target = target();
    Files.writeString(target, "yesterday's half-written report");

    Path written = new ExcelReportWriter(settings(ALL_SHEETS)).write(aFullResult().build(), target);

    assertThat(written).isEqualTo(target);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
    try (XSSFWorkbook wb = open(target)) {
      assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo("Summary");
    }
  }

  @Test
  void aPendingReportReplacesTheOldOneOnlyWhenPublishedAndLeavesNothingWhenClosedUnpublished()
      throws IOException {
    Path target = target();
    Files.writeString(target, "the report of the run before");
    ExcelReportWriter writer = new ExcelReportWriter(settings(ALL_SHEETS));

    try (ExcelReportWriter.Pending dropped = writer.writePending(aFullResult().build(), target)) {
      assertThat(dropped.target()).isEqualTo(target);
      assertThat(target).hasContent("the report of the run before");
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).as("the unpublished temp file is gone").containsExactly(target);
    }
    assertThat(target).hasContent("the report of the run before");

    try (ExcelReportWriter.Pending kept = writer.writePending(aFullResult().build(), target)) {
      assertThat(kept.publish()).isEqualTo(target);
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
    try (XSSFWorkbook wb = open(target)) {
      assertThat(wb.getSheetAt(0).getSheetName()).isEqualTo("Summary");
    }
  }

  @Test
  void deletesTheTempFilesAKilledWriterLeftButNotAFreshOne() throws IOException {
    Path target = target();
    String prefix = "." + target.getFileName() + ".";
    Path stale = Files.writeString(dir.resolve(prefix + "0a1b.tmp"), "half a report, killed");
    Files.setLastModifiedTime(
        stale, FileTime.from(Instant.now().minus(ExcelReportWriter.STALE_TEMP).minusSeconds(60)));
    Path fresh = Files.writeString(dir.resolve(prefix + "2c3d.tmp"), "another writer, now");
    Path otherReport = dir.resolve(".reconciliation_2026-11-23.xlsx.4e5f.tmp");
    Files.writeString(otherReport, "another day's");
    Files.setLastModifiedTime(otherReport, Files.getLastModifiedTime(stale));

    new ExcelReportWriter(settings(ALL_SHEETS)).write(aFullResult().build(), target);

    assertThat(stale).doesNotExist();
    assertThat(fresh).exists();
    assertThat(otherReport).exists();
    assertThat(target).isRegularFile();
  }

  @Test
  void deletesItsStreamingTempFiles() throws IOException {
    // A tmp of this test's own: the shared /tmp/reconciler-poi-<uid> also holds the temp files of
    // any other build running at the same time, which made this comparison fail now and then.
    String shared = System.getProperty("java.io.tmpdir");
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    System.setProperty("java.io.tmpdir", tmp.toString());
    try {
      Path poiTemp = PrivateTempFiles.install();
      assertThat(poiTemp).startsWith(tmp);
      assertThat(streamingTempFiles(poiTemp)).isEmpty();

      new ExcelReportWriter(settings(ALL_SHEETS)).write(aFullResult().build(), target());

      assertThat(poiTemp).as("still where POI writes").isEqualTo(PrivateTempFiles.install());
      assertThat(streamingTempFiles(poiTemp)).isEmpty();
    } finally {
      System.setProperty("java.io.tmpdir", shared);
      PrivateTempFiles.install();
    }
  }

  @Test
  void createsTheReportDirectory() throws IOException {
    Path target = dir.resolve("reports/2024/reconciliation_2024-03-15.xlsx");

    new ExcelReportWriter(settings(ALL_SHEETS)).write(aFullResult().build(), target);

    assertThat(target).isRegularFile();
  }

  @Test
  void refusesAnUnknownSheetId() {
    assertThatThrownBy(() -> new ExcelReportWriter(settings(List.of("summary"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'summary'");
  }

  private XSSFWorkbook write(ReconciliationResult result, List<String> sheets) throws IOException {
    return open(new ExcelReportWriter(settings(sheets)).write(result, target()));
  }

  private Path target() {
    return dir.resolve("reconciliation_2024-03-15.xlsx");
  }

  static Settings.Report settings(List<String> sheets) {
    return new Settings.Report("reconciliation_{date}.xlsx", sheets, 1_048_575);
  }

  private static String autoFilter(XSSFWorkbook wb, String sheet) {
    return wb.getSheet(sheet).getCTWorksheet().getAutoFilter().getRef();
  }

  private static List<Path> streamingTempFiles(Path poiTemp) throws IOException {
    if (!Files.isDirectory(poiTemp)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(poiTemp)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("poi-sxssf"))
          .sorted()
          .toList();
    }
  }

  private static List<String> idsOn(XSSFSheet sheet) {
    return java.util.stream.IntStream.rangeClosed(1, sheet.getLastRowNum())
        .mapToObj(r -> sheet.getRow(r).getCell(0).getStringCellValue())
        .toList();
  }

  /** An amount of a currency with cents (USD, EUR, ...). */
  static void assertAmount(Cell cell, String expected) {
    assertAmount(cell, expected, "#,##0.00##");
  }

  /** A whole amount of a currency without decimals (JPY). */
  static void assertWholeYen(Cell cell, String expected) {
    assertAmount(cell, expected, "#,##0");
  }

  static void assertAmount(Cell cell, String expected, String format) {
    assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
    assertThat(BigDecimal.valueOf(cell.getNumericCellValue()))
        .isEqualByComparingTo(new BigDecimal(expected));
    assertThat(cell.getCellStyle().getDataFormatString()).isEqualTo(format);
  }
}
