package dev.reconciler.core.reconcile;

import static dev.reconciler.core.match.DiscrepancyKind.AMOUNT_MISMATCH;
import static dev.reconciler.core.match.DiscrepancyKind.DUPLICATE_ID;
import static dev.reconciler.core.match.DiscrepancyKind.MISSING_IN_PROCESSOR;
import static dev.reconciler.core.match.DiscrepancyKind.MISSING_IN_SALES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.alert.AlertComposer;
import dev.reconciler.core.config.SameDaySettings;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.ledger.OpenItem;
import dev.reconciler.core.load.Cleaner;
import dev.reconciler.core.match.Discrepancy;
import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.match.ReconciliationResult;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.core.store.EmbeddedPg;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Hand-made databases (SQLite and PostgreSQL) for the edges the generator does not aim at. */
class ReconcileEdgeCasesIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @TempDir Path dir;
  private Backend.Store store;
  private TestDatabase db;
  private Settings settings;

  private void createDatabase(Backend backend) throws Exception {
    store = backend.fresh(pg, dir, "input");
    db = new TestDatabase(store);
    settings = settings(Map.of());
  }

  /** Same-day settings with these overrides, reaching the test's database. */
  private Settings settings(Map<String, String> env) {
    return SameDaySettings.load(store.env(env));
  }

  private RunOutcome reconcile() {
    return reconcile(DAY);
  }

  private RunOutcome reconcile(LocalDate day) {
    return new ReconcileService(settings, Clock.systemUTC(), Progress.NONE)
        .run(new ReconcileRequest(day, "run-edge-" + day, db.file(), dir.resolve("out")));
  }

  private static List<String> ids(ReconciliationResult r, DiscrepancyKind kind) {
    return r.discrepancies().stream()
        .filter(d -> d.kind() == kind)
        .map(Discrepancy::transactionId)
        .toList();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void anEmptyDayGivesAnEmptyReportNotAnError(Backend backend) throws Exception {
    createDatabase(backend);
    db.pair("OTHER-DAY", "5.00", "USD")
        .exec("UPDATE sales SET created_at = '2026-11-20T10:00:00Z'");
    db.exec("UPDATE processor_transactions SET processed_at = '2026-11-20T10:00:00Z'");
    RunOutcome outcome = reconcile();
    assertThat(outcome.result().discrepancies()).isEmpty();
    assertThat(outcome.result().matched()).isZero();
    assertThat(outcome.result().matchRatePercent()).isNull();
    assertThat(new WorkbookRows(outcome.report()).summary()).isNotEmpty();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void allMatchedGivesAHundredPercent(Backend backend) throws Exception {
    createDatabase(backend);
    db.pair("A", "1.00", "USD").pair("B", "2,000.50", "EUR").pair("C", 300, "JPY");
    ReconciliationResult r = reconcile().result();
    assertThat(r.discrepancies()).isEmpty();
    assertThat(r.matched()).isEqualTo(3);
    assertThat(r.matchRatePercent()).isEqualByComparingTo("100");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void withOnlySalesPresentEveryPaidSaleIsMissingInProcessor(Backend backend) throws Exception {
    createDatabase(backend);
    db.sale("A", "1.00", "USD", "completed", "2026-11-24T01:00:00Z")
        .sale("B", "2.00", "USD", "paid", "2026-11-24T02:00:00Z")
        .sale("C", "3.00", "USD", "pending", "2026-11-24T03:00:00Z");
    ReconciliationResult r = reconcile().result();
    assertThat(ids(r, MISSING_IN_PROCESSOR)).containsExactly("A", "B");
    assertThat(r.unsettledSales()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void withOnlyProcessorRowsPresentEveryOneIsMissingInSales(Backend backend) throws Exception {
    createDatabase(backend);
    db.payment("X", "1.00", "USD", "settled", "2026-11-24T01:00:00Z")
        .payment("Y", "1.00", "USD", "failed", "2026-11-24T01:00:00Z");
    assertThat(ids(reconcile().result(), MISSING_IN_SALES)).containsExactly("X", "Y");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void flagsOnlyDifferencesBeyondTheToleranceAroundItsBoundary(Backend backend) throws Exception {
    createDatabase(backend);
    db.sale("LOW", "100.00", "USD", "completed", "2026-11-24T10:00:00Z")
        .payment("LOW", "100.005", "USD", "settled", "2026-11-24T10:00:00Z")
        .sale("AT", "100.00", "USD", "completed", "2026-11-24T10:00:00Z")
        .payment("AT", "99.99", "USD", "settled", "2026-11-24T10:00:00Z")
        .sale("HIGH", "100.00", "USD", "completed", "2026-11-24T10:00:00Z")
        .payment("HIGH", "100.015", "USD", "settled", "2026-11-24T10:00:00Z")
        .sale("UNDER", "100.00", "USD", "completed", "2026-11-24T10:00:00Z")
        .payment("UNDER", "99.985", "USD", "settled", "2026-11-24T10:00:00Z");
    ReconciliationResult r = reconcile().result();
    assertThat(ids(r, AMOUNT_MISMATCH)).containsExactly("HIGH", "UNDER");
    assertThat(r.discrepancies().get(0).difference()).isEqualByComparingTo("0.015");
    assertThat(r.matched()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void dropsExactDuplicatesAndListsConflictingOnesWithTheirCanonicalRow(Backend backend)
      throws Exception {
    createDatabase(backend);
    db.pair("D1", "10.00", "USD")
        .sale("D1", "10.00", "USD", "completed", "2026-11-24T10:00:00Z")
        .pair("D2", "20.00", "USD")
        .sale("D2", "25.00", "USD", "completed", "2026-11-24T10:00:00Z");
    ReconciliationResult r = reconcile().result();
    assertThat(r.sales().exactDuplicates()).isEqualTo(1);
    assertThat(r.sales().conflictingDuplicates()).isEqualTo(1);
    assertThat(r.discrepancies())
        .filteredOn(d -> d.kind() == DUPLICATE_ID)
        .extracting(d -> d.sale().amount().toPlainString())
        .containsExactly("20.00", "25.00");
    assertThat(r.matched()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void placesRowsOnTheBusinessDayOfTheConfiguredZone(Backend backend) throws Exception {
    createDatabase(backend);
    settings = settings(Map.of("RECONCILER_RECONCILIATION_TIMEZONE", "America/New_York"));
    // 03:00Z on the 25th is still the 24th in New York; 03:00Z on the 24th is the 23rd there.
    db.sale("LATE", "1.00", "USD", "completed", "2026-11-25T03:00:00Z")
        .sale("EARLY", "1.00", "USD", "completed", "2026-11-24T03:00:00Z")
        .sale("LOCAL", "1.00", "USD", "completed", "2026-11-24 23:30:00");
    assertThat(ids(reconcile().result(), MISSING_IN_PROCESSOR)).containsExactly("LATE", "LOCAL");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void matchesARowWhoseOffsetIsMoreThanADayFromTheZonesOnTheDayOfItsInstantOnly(Backend backend)
      throws Exception {
    createDatabase(backend);
    settings = settings(Map.of("RECONCILER_RECONCILIATION_TIMEZONE", "Pacific/Kiritimati"));
    // 2026-11-22T23:30-11:00 is 2026-11-23T10:30Z, which is 2026-11-24T00:30 at +14:00: its text
    // says the 22nd, its business day is the 24th.
    db.sale("FAR", "9.99", "USD", "completed", "2026-11-22T23:30:00-11:00")
        .payment("FAR", "9.99", "USD", "settled", "2026-11-22T23:30:00-11:00");
    for (LocalDate day = DAY.minusDays(4); !day.isAfter(DAY.plusDays(4)); day = day.plusDays(1)) {
      ReconciliationResult r = reconcile(day).result();
      boolean itsDay = day.equals(DAY);
      assertThat(r.matched()).as("matched on %s", day).isEqualTo(itsDay ? 1 : 0);
      assertThat(r.discrepancies()).as("discrepancies on %s", day).isEmpty();
      assertThat(r.sales().rowsRead() + r.processor().rowsRead())
          .as("rows read on %s", day)
          .isEqualTo(itsDay ? 2 : 0);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void rejectsUndatableAndMalformedRowsWithLineAndReason(Backend backend) throws Exception {
    createDatabase(backend);
    db.sale("A", "abc", "USD", "completed", "2026-11-24T10:00:00Z")
        .sale("B", "1.00", "USD", "completed", "not a date")
        .sale("C", "1.00", "USD", "completed", null);
    ReconciliationResult r = reconcile().result();
    assertThat(r.rejected())
        .extracting(x -> x.line() + ":" + x.reason())
        .containsExactly(
            "1:unparseable amount 'abc'",
            "2:unparseable timestamp 'not a date'",
            "3:unparseable timestamp 'null'");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void rejectsAnIdTooLongToKeepAndStillRecordsTheLedger(Backend backend) throws Exception {
    createDatabase(backend);
    // Text that does not compress: PostgreSQL's index entries hold ~2.7 kB of it, the ledger's key
    // among them, so an open item with this id failed the whole run there.
    StringBuilder hostile = new StringBuilder();
    for (Random random = new Random(7); hostile.length() < 3_000; ) {
      hostile.append(
          Long.toString(random.nextLong() & Long.MAX_VALUE, 36).toUpperCase(Locale.ROOT));
    }
    String limit = "X".repeat(Cleaner.LONGEST_ID_BYTES);
    db.sale(hostile.toString(), "1.00", "USD", "completed", "2026-11-24T10:00:00Z")
        .sale(limit, "2.00", "USD", "completed", "2026-11-24T10:00:00Z");

    ReconciliationResult r = reconcile().result();

    assertThat(r.rejected())
        .extracting(x -> x.line() + ":" + x.reason())
        .containsExactly(
            "1:transaction id longer than 1000 bytes '"
                + hostile.substring(0, 60)
                + "…' ("
                + hostile.length()
                + " characters)");
    assertThat(r.ledger().open()).extracting(OpenItem::transactionId).containsExactly(limit);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void neverMatchesIdsThatOnlyUnicodeCaseMappingWouldMakeEqual(Backend backend) throws Exception {
    createDatabase(backend);
    db.sale("txn-ß-match", "5.00", "USD", "completed", "2026-11-24T10:00:00Z")
        .payment("TXN-SS-MATCH", "5.00", "USD", "settled", "2026-11-24T10:00:00Z")
        .sale("txn-ı-dotless", "5.00", "USD", "completed", "2026-11-24T10:00:00Z")
        .payment("TXN-I-DOTLESS", "5.00", "USD", "settled", "2026-11-24T10:00:00Z")
        .pair(" txn-ascii\u00a0", "5.00", "USD")
        .sale("\u00a0\u00a0", "5.00", "USD", "completed", "2026-11-24T10:00:00Z");
    ReconciliationResult r = reconcile().result();
    assertThat(r.matched()).isEqualTo(1);
    assertThat(ids(r, MISSING_IN_PROCESSOR)).containsExactly("TXN-ß-MATCH", "TXN-ı-DOTLESS");
    assertThat(ids(r, MISSING_IN_SALES)).containsExactly("TXN-I-DOTLESS", "TXN-SS-MATCH");
    assertThat(r.rejected())
        .extracting(x -> x.line() + ":" + x.reason())
        .containsExactly("4:missing transaction id");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void keepsFormulaLikeTextInertInTheWorkbook(Backend backend) throws Exception {
    createDatabase(backend);
    db.sale("=HYPERLINK(\"http://x\")", "1.00", "USD", "completed", "2026-11-24T10:00:00Z");
    Path report = reconcile().report();
    try (XSSFWorkbook wb = new XSSFWorkbook(report.toFile())) {
      var cell = wb.getSheet(MISSING_IN_PROCESSOR.label()).getRow(1).getCell(0);
      assertThat(cell.getStringCellValue()).isEqualTo("=HYPERLINK(\"HTTP://X\")");
      assertThat(cell.getCellStyle().getQuotePrefixed()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void writesTheReportWhenAnOrderIdIsLongerThanACellHolds(Backend backend) throws Exception {
    createDatabase(backend);
    db.sale("LONG", "1.00", "USD", "completed", "2026-11-24T10:00:00Z");
    db.exec("UPDATE sales SET order_id = '" + "O".repeat(40_000) + "'");
    Path report = reconcile().report();
    try (XSSFWorkbook wb = new XSSFWorkbook(report.toFile())) {
      String orderId =
          wb.getSheet(MISSING_IN_PROCESSOR.label()).getRow(1).getCell(5).getStringCellValue();
      assertThat(orderId.length()).isLessThanOrEqualTo(32_767);
      assertThat(orderId)
          .startsWith("O".repeat(32_000))
          .endsWith("… [truncated, 40000 characters]");
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void totalsPastALongAreExactInTheResultTheWorkbookTheRunRecordAndTheAlert(Backend backend)
      throws Exception {
    createDatabase(backend);
    // The largest amount the input allows, ten times matched and ten times missing: each side's
    // total is past what a long of 1/10,000 holds.
    String largest = "99999999999999.9999";
    for (int i = 0; i < 10; i++) {
      db.pair("BIG-" + i, largest, "USD")
          .sale("MISS-" + i, largest, "USD", "completed", "2026-11-24T10:00:00Z");
    }
    RunOutcome outcome = reconcile();
    assertThat(outcome.result().totals())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.sales()).isEqualByComparingTo("1999999999999999.9980");
              assertThat(t.processor()).isEqualByComparingTo("999999999999999.9990");
            });
    try (XSSFWorkbook wb = new XSSFWorkbook(outcome.report().toFile())) {
      Sheet summary = wb.getSheet("Summary");
      Row usd = labelled(summary, "USD");
      assertThat(exactAmount(usd.getCell(1))).isEqualByComparingTo("1999999999999999.9980");
      assertThat(exactAmount(usd.getCell(2))).isEqualByComparingTo("999999999999999.9990");
      assertThat(exactAmount(usd.getCell(3))).isEqualByComparingTo("-999999999999999.9990");
      assertThat(exactAmount(labelled(summary, MISSING_IN_PROCESSOR.label()).getCell(2)))
          .isEqualByComparingTo("999999999999999.9990");
      assertThat(exactAmount(wb.getSheet(MISSING_IN_PROCESSOR.label()).getRow(1).getCell(2)))
          .isEqualByComparingTo(largest);
    }
    RunRecord run = store.storedRun(settings, "run-edge-" + DAY);
    assertThat(run.amounts().get(MISSING_IN_PROCESSOR.id()).get("USD"))
        .isEqualByComparingTo("999999999999999.999");
    assertThat(
            new AlertComposer(settings.email(), settings.paths().reportDir())
                .discrepancies(run)
                .text())
        .contains("USD 999,999,999,999,999.999");
  }

  /** The Summary row whose first cell holds this label. */
  private static Row labelled(Sheet sheet, String label) {
    for (Row row : sheet) {
      if (row.getCell(0) != null && label.equals(WorkbookRows.text(row.getCell(0)))) {
        return row;
      }
    }
    throw new AssertionError("no row labelled " + label);
  }

  /** An amount cell's exact value, whether written as a number or as grouped text. */
  private static BigDecimal exactAmount(Cell cell) {
    return new BigDecimal(WorkbookRows.text(cell).replace(",", ""));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRerunWithTheSameRunIdReplacesItsReportAndRecord(Backend backend) throws Exception {
    createDatabase(backend);
    db.pair("A", "1.00", "USD");
    Path first = reconcile().report();
    db.sale("B", "1.00", "USD", "completed", "2026-11-24T10:00:00Z");
    Path second = reconcile().report();
    assertThat(second).isEqualTo(first);
    try (var files = Files.list(first.getParent())) {
      assertThat(files).containsExactly(first);
    }
    assertThat(RunStores.open(settings, db.file()).recent(10))
        .hasSize(1)
        .first()
        .satisfies(run -> assertThat(run.counts()).containsEntry("missing_in_processor", 1L));
  }

  /** SQLite only: on PostgreSQL the input is a database of [database] url, never a file path. */
  @Test
  void aMissingDatabaseFileIsAUserErrorNamingIt() {
    assertThatThrownBy(
            () ->
                new ReconcileService(SameDaySettings.defaults(), Clock.systemUTC(), Progress.NONE)
                    .run(new ReconcileRequest(DAY, "r", dir.resolve("nope.db"), dir)))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("database not found")
        .hasMessageContaining("nope.db");
    assertThat(Files.exists(dir.resolve("nope.db"))).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aMissingTableOrColumnIsAUserErrorNamingIt(Backend backend) throws Exception {
    createDatabase(backend);
    db.exec("ALTER TABLE sales RENAME COLUMN amount TO amt");
    assertThatThrownBy(this::reconcile)
        .isInstanceOf(UserError.class)
        .hasMessageContaining("table 'sales'")
        .hasMessageContaining("no column 'amount'");
    db.exec("DROP TABLE processor_transactions");
    db.exec("ALTER TABLE sales RENAME COLUMN amt TO amount");
    assertThatThrownBy(this::reconcile)
        .isInstanceOf(UserError.class)
        .hasMessageContaining("table 'processor_transactions' not found");
  }
}
