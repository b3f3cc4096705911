package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.SameDaySettings;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.ExportSpec;
import dev.reconciler.core.generate.FeeCard;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.generate.GroundTruth;
import dev.reconciler.core.imports.ImportFormat;
import dev.reconciler.core.imports.ProcessorImporter;
import dev.reconciler.core.store.DaySpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The daily case on SQLite: a day's export imported into one table every day, with that day's
 * sales, and each day reconciled in order. From the second import on, the table has the indexes
 * that let a day's reads touch only the day's rows ({@link DaySpan}); each day's workbook must be
 * exactly the one the same days give read whole (a copy without those indexes).
 */
class DaysInOneTableIT {
  private static final LocalDate FIRST = LocalDate.of(2026, 3, 27);
  private static final int DAYS = 3;

  /** The indexes the reads find a day's rows and a payout's by. */
  private static final List<String> SPAN_INDEXES =
      List.of(
          "processor_transactions_day",
          "processor_transactions_undated",
          "processor_transactions_payout_rows",
          "sales_day",
          "sales_undated");

  @TempDir Path dir;

  // One format, in a zone whose business day straddles two UTC dates: the day's reads and the
  // spans are the same code for every format (each format's import is tested elsewhere), and the
  // suite's time is short.
  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource({"STRIPE, America/Los_Angeles"})
  void eachDaysWorkbookIsTheOneTheTableReadWholeGives(ImportFormat format, String zone)
      throws Exception {
    Path db = dir.resolve("daily.db");
    Settings settings = null;
    for (int d = 0; d < DAYS; d++) {
      Path day = dir.resolve("day" + d + ".db");
      Path file = dir.resolve("day" + d + ".csv");
      GroundTruth truth = generate(format, zone, FIRST.plusDays(d), d + 1, day, file);
      if (d == 0) {
        Files.copy(day, db);
      } else {
        appendSales(db, day);
      }
      settings =
          SameDaySettings.load(
              Map.of(
                  "RECONCILER_RECONCILIATION_TIMEZONE",
                  zone,
                  "RECONCILER_FEES_RATE_CARD",
                  truth.export().rateCard()));
      assertThat(new ProcessorImporter(settings).importFile(format, file, db).rejectedTotal())
          .isZero();
    }
    // Rows of the third day's payouts written far from that day, in time and in the table: one
    // before every other row, one after (as another tool might), dated the first day.
    String third = FIRST.plusDays(2).toString();
    movePayoutRow(db, third, -1L);
    movePayoutRow(db, third, null);
    // And sales no day can place, which every day's load reads (and rejects), far from any day's.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO sales(rowid, transaction_id, amount, currency, status, created_at)"
              + " VALUES (-5, 'UNDATED-1', '1.00', 'USD', 'paid', NULL)");
      st.execute(
          "INSERT INTO sales(transaction_id, amount, currency, status, created_at)"
              + " VALUES ('UNDATED-2', '2.00', 'USD', 'paid', 'soon')");
    }
    Path whole = dir.resolve("whole.db");
    Files.copy(db, whole);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + whole);
        Statement st = c.createStatement()) {
      for (String index : SPAN_INDEXES) {
        st.execute("DROP INDEX \"" + index + "\"");
      }
    }
    // The day's reads do skip other days' rows: the second day's span leaves out the last's.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      List<DaySpan.Range> span =
          DaySpan.of(
              c,
              "processor_transactions",
              "processed_at",
              FIRST.plusDays(1).toString(),
              FIRST.plusDays(2).toString(),
              true);
      assertThat(span).hasSize(1).isNotEqualTo(DaySpan.WHOLE);
      assertThat(span.get(0).last()).isLessThan(rows(c));
    }

    for (int d = 0; d < DAYS; d++) {
      LocalDate date = FIRST.plusDays(d);
      Path spanned = reconcile(settings, date, db, "spanned");
      Path read = reconcile(settings, date, whole, "whole");
      SameWorkbook.assertSame(format + " " + date, read, spanned);
    }
  }

  private Path reconcile(Settings settings, LocalDate date, Path db, String name) throws Exception {
    return new ReconcileService(settings, Clock.systemUTC(), Progress.NONE)
        .run(new ReconcileRequest(date, "run-" + date, db, dir.resolve(name)))
        .report();
  }

  private static long rows(Connection c) throws Exception {
    try (Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT max(rowid) FROM processor_transactions")) {
      return rs.getLong(1);
    }
  }

  /**
   * Writes a copy of the last payment of {@code date} that has a payout, dated {@link #FIRST}, at
   * rowid {@code rowid} (null: the next).
   */
  private static void movePayoutRow(Path db, String date, Long rowid) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS temp.moved");
      st.execute(
          "CREATE TEMP TABLE moved AS SELECT * FROM processor_transactions WHERE rowid = (SELECT"
              + " max(rowid) FROM processor_transactions WHERE processed_at LIKE '"
              + date
              + "%' AND payout_id IS NOT NULL AND row_type = 'payment')");
      st.execute(
          "UPDATE moved SET row_key = row_key || '-moved-"
              + (rowid == null ? "last" : "first")
              + "', processed_at = '"
              + FIRST
              + "T12:00:00Z'");
      List<String> columns = new java.util.ArrayList<>();
      try (var rs = st.executeQuery("SELECT * FROM moved")) {
        assertThat(rs.next()).as("a payment of " + date + " with a payout").isTrue();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          columns.add("\"" + rs.getMetaData().getColumnName(i) + "\"");
        }
      }
      String list = String.join(", ", columns);
      st.execute(
          rowid == null
              ? "INSERT INTO processor_transactions(" + list + ") SELECT " + list + " FROM moved"
              : "INSERT INTO processor_transactions(rowid, "
                  + list
                  + ") SELECT "
                  + rowid
                  + ", "
                  + list
                  + " FROM moved");
    }
  }

  /** A day's sales arrive: appended to the daily database's sales table. */
  private static void appendSales(Path db, Path day) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute("ATTACH DATABASE '" + day.toString().replace("'", "''") + "' AS day");
      st.execute("INSERT INTO main.sales SELECT * FROM day.sales");
    }
  }

  private GroundTruth generate(
      ImportFormat format, String zone, LocalDate date, long seed, Path db, Path file)
      throws Exception {
    Settings defaults = SameDaySettings.load(Map.of("RECONCILER_RECONCILIATION_TIMEZONE", zone));
    return DataGenerator.writingTo(defaults.database(), Progress.NONE)
        .generate(
            new GenerationSpec(
                date,
                1000,
                seed,
                ZoneId.of(zone),
                defaults.reconciliation().amountTolerance(),
                GenerationSpec.Rates.defaults(),
                new ExportSpec(format, FeeCard.defaults(), ExportSpec.Rates.defaults())),
            db,
            file,
            dir.resolve("day" + seed + ".truth.json"));
  }
}
