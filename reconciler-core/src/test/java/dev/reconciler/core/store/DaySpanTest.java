package dev.reconciler.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Shard;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.settle.ImportedDatabase;
import dev.reconciler.core.store.DaySpan.Range;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rowid ranges a day's read pages through: those of the day's rows, and the undated rows apart,
 * found through the day indexes; the whole table without them.
 */
class DaySpanTest {
  private static final String DAY = "2026-11-24";
  private static final String NEXT = "2026-11-25";

  @TempDir Path dir;

  @Test
  void withoutTheIndexesTheSpanIsTheWholeTable() throws Exception {
    try (Connection c = threeDays("plain.db", false)) {
      assertThat(DaySpan.of(c, "t", "ts", DAY, NEXT, true)).isEqualTo(DaySpan.WHOLE);
      assertThat(DaySpan.of(c, "t", "ts", DAY, NEXT, false)).isEqualTo(DaySpan.WHOLE);
    }
  }

  @Test
  void theSpanIsTheDaysRowsWithTheUndatedRowsApart() throws Exception {
    try (Connection c = threeDays("indexed.db", true)) {
      // Rows 101-200 are the day's; 50 (NULL), 150 (text) and 250 (a BLOB) are undated.
      assertThat(DaySpan.of(c, "t", "ts", DAY, NEXT, true))
          .containsExactly(new Range(49, 50), new Range(100, 200), new Range(249, 250));
      assertThat(DaySpan.of(c, "t", "ts", DAY, NEXT, false)).containsExactly(new Range(100, 200));
      assertThat(DaySpan.of(c, "t", "ts", "2026-12-01", "2026-12-02", true))
          .containsExactly(new Range(49, 50), new Range(149, 150), new Range(249, 250));
      assertThat(DaySpan.of(c, "t", "ts", "2026-12-01", "2026-12-02", false)).isEmpty();
    }
  }

  @Test
  void manyUndatedRowsOutsideTheDayWidenTheSpanInstead() throws Exception {
    try (Connection c = threeDays("many.db", true);
        Statement st = c.createStatement()) {
      st.execute(
          "WITH RECURSIVE n(i) AS (SELECT 1000 UNION ALL SELECT i + 1 FROM n WHERE i < "
              + (1000 + DaySpan.UNDATED_KEPT_APART - 3)
              + ") INSERT INTO t(rowid, ts) SELECT i, NULL FROM n");
      // 50, 250 and 62 rows from 1000: 64 apart, each a range of its own.
      assertThat(DaySpan.of(c, "t", "ts", DAY, NEXT, true))
          .hasSize(3 + DaySpan.UNDATED_KEPT_APART - 2)
          .startsWith(new Range(49, 50), new Range(100, 200), new Range(249, 250));
      st.execute("INSERT INTO t(rowid, ts) VALUES (5000, 'no date')");
      assertThat(DaySpan.of(c, "t", "ts", DAY, NEXT, true)).containsExactly(new Range(49, 5000));
    }
  }

  /**
   * The window's keys are its dates and any malformed date part that sorts among them: those are
   * read by the day's condition (and rejected by the load), so the span holds them too.
   */
  @Test
  void malformedDatePartsAmongTheDatesAreInTheSpan() throws Exception {
    try (Connection c =
            indexedTable(
                "odd.db",
                "INSERT INTO t(rowid, ts) VALUES (-3, '2026-11-31T10:00:00Z'),"
                    + " (-2, '2026-11-29T23:00Z'), (100, '2026-11-30T10:00:00Z'),"
                    + " (101, '2026-12-01T10:00:00Z'), (700, '2026-11-3'), (800, '2026-12-02'),"
                    + " (900, '2026-11-99x')");
        Statement st = c.createStatement()) {
      assertThat(DaySpan.of(c, "t", "ts", "2026-11-30", "2026-12-02", false))
          .containsExactly(new Range(-4, 900));
      // An instant's upper end takes in its own date.
      assertThat(DaySpan.of(c, "t", "ts", "2026-11-30T00:00:00Z", "2026-12-02T00:00:00Z", false))
          .containsExactly(new Range(-4, 900));
      assertThat(DaySpan.of(c, "t", "ts", "2026-12-01", "2026-12-02T10:00:00Z", false))
          .containsExactly(new Range(100, 800));
      // A date part that is not UTF-8 (a byte 0xFF), among the window's dates.
      st.execute("INSERT INTO t(rowid, ts) VALUES (950, CAST(x'323032362d31312d33ff' AS TEXT))");
      assertThat(DaySpan.of(c, "t", "ts", "2026-11-30", "2026-12-02", false))
          .containsExactly(new Range(-4, 950));
    }
  }

  /** A window of many dates: the first ones sought key by key, the rest in one pass. */
  @Test
  void aWindowOfManyDatesIsFoundWhole() throws Exception {
    // 100 dates, the later ones written first: the lowest rowids are among the last keys.
    try (Connection c =
        indexedTable(
            "many-days.db",
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999)"
                + " INSERT INTO t(rowid, ts) SELECT 1000 - i,"
                + " date('2026-01-01', '+' || (i / 10) || ' days') || 'T12:00:00Z' FROM n")) {
      assertThat(DaySpan.of(c, "t", "ts", "2026-01-01", "2026-04-11", false))
          .containsExactly(new Range(0, 1000));
      // Days 5 to 58: rowids 411 to 950, 54 dates, beyond the keys sought one by one.
      assertThat(DaySpan.of(c, "t", "ts", "2026-01-06", "2026-03-01", false))
          .containsExactly(new Range(410, 950));
      assertThat(DaySpan.KEYS_SOUGHT).isLessThan(54);
    }
  }

  @Test
  void anIndexOfTheNameThatCannotServeIsNotUsed() throws Exception {
    try (Connection c = threeDays("other.db", false);
        Statement st = c.createStatement()) {
      st.execute("ALTER TABLE t ADD COLUMN other TEXT");
      st.execute("CREATE INDEX t_day ON t(other)");
      st.execute(DaySpan.indexSql("t", "ts").get(1));
      assertThat(DaySpan.of(c, "t", "ts", DAY, NEXT, false)).isEqualTo(DaySpan.WHOLE);
      st.execute("DROP INDEX t_day");
      st.execute(DaySpan.indexSql("t", "ts").get(0));
      assertThat(DaySpan.of(c, "t", "ts", DAY, NEXT, false)).containsExactly(new Range(100, 200));
      // One of that name without the undated rows' condition.
      st.execute("DROP INDEX t_undated");
      st.execute("CREATE INDEX t_undated ON t(ts)");
      assertThat(DaySpan.of(c, "t", "ts", DAY, NEXT, true)).isEqualTo(DaySpan.WHOLE);
    }
  }

  /**
   * A day's load reads the same rows through the span as without it: the day's, those of other
   * spellings in its window, and the undated rows, the ones before and after the day's range too.
   */
  @Test
  void theLoadReadsTheSameRowsThroughTheSpan() throws Exception {
    Path db = dir.resolve("load.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      InputTables.create(st);
      st.execute(
          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 14000)"
              + " INSERT INTO sales(transaction_id, amount, currency, status, created_at)"
              + " SELECT 'TXN-' || i, 1, 'USD', 'paid', CASE"
              + " WHEN i IN (7, 13999) THEN NULL WHEN i = 7000 THEN 'soon'"
              + " WHEN i = 12 THEN '2026-11-24 09:00:00+02:00'"
              + " ELSE date('2026-11-21', '+' || ((i - 1) / 2000) || ' days') || 'T10:00:00Z'"
              + " END FROM n");
    }
    List<String> whole = loadedIds(db);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      for (String sql : DaySpan.indexSql("sales", "created_at")) {
        st.execute(sql);
      }
    }
    List<String> spanned = loadedIds(db);

    assertThat(spanned).isEqualTo(whole);
    // Seven days of 2,000: those from the day before to the day after (the dates the load reads
    // for a day in UTC, in two pages), the other spelling and the undated rows.
    assertThat(spanned)
        .contains("TXN-7", "TXN-12", "TXN-7000", "TXN-13999", "TXN-4001", "TXN-10000")
        .doesNotContain("TXN-4000", "TXN-10001")
        .hasSize(6_003);
  }

  private static List<String> loadedIds(Path db) {
    List<String> ids = new ArrayList<>();
    try (SqliteInputSource reader =
        new SqliteInputSource(db, SqliteInputSourceContractTest.SCHEMA, 1000)) {
      java.time.Instant start = java.time.Instant.parse(DAY + "T00:00:00Z");
      reader.readDay(
          Source.SALES,
          start,
          start.plus(java.time.Duration.ofDays(1)),
          fields -> ids.add(fields.toRawRow().id()));
    }
    return ids;
  }

  /** A day's load pages through a rowid range: SQLite seeks it rather than scanning the table. */
  @Test
  void theLoadsPagesSeekTheirRange() throws Exception {
    Path db = dir.resolve("plan.db");
    InputSchema schema = SqliteInputSourceContractTest.SCHEMA;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      InputTables.create(st);
      for (String sql : DaySpan.indexSql("sales", "created_at")) {
        st.execute(sql);
      }
      try (SqliteInputSource reader = new SqliteInputSource(db, schema, 1000);
          ResultSet rs =
              st.executeQuery("EXPLAIN QUERY PLAN " + reader.readDaySql(Source.SALES, Shard.ALL))) {
        StringBuilder plan = new StringBuilder();
        while (rs.next()) {
          plan.append(rs.getString("detail")).append('\n');
        }
        assertThat(plan.toString()).contains("INTEGER PRIMARY KEY (rowid>? AND rowid<?)");
      }
    }
  }

  /**
   * The settlement rules' reads of a day (the payments the fee pass reads, the other rows) give the
   * same rows with the day indexes as without, other days' rows and other spellings around.
   */
  @Test
  void theSettlementReadsOfADayAreTheSameThroughTheSpan() throws Exception {
    Path file = dir.resolve("settle.db");
    ImportedDatabase db = new ImportedDatabase(file);
    db.exec("BEGIN");
    String[] days = {"2026-11-23", DAY, NEXT};
    for (int d = 0; d < days.length; d++) {
      for (int i = 0; i < 300; i++) {
        String at = days[d] + "T" + String.format("%02d", i % 24) + ":00:00Z";
        // Payouts of rows of every day (po_0 to po_2), and a payout of this day alone.
        String payout = i % 4 == 3 ? "po_day" + d : "po_" + (i % 3);
        db.row(
            dev.reconciler.core.imports.RowType.PAYMENT,
            "charge",
            "T" + d + "-" + i,
            "10.00",
            "0.59",
            "9.41",
            "USD",
            at,
            payout,
            "ch_" + d + "_" + i,
            "ch_" + d + "_" + i);
        if (i % 10 == 0) {
          db.refund(
              "T" + d + "-" + i, "re_" + d + "_" + i, "ch_" + d + "_" + i, "-2.00", "USD", at);
        }
      }
    }
    db.exec("COMMIT");
    // Spellings other than the canonical one, in the window's margin: read, left to the caller.
    db.exec(
        "UPDATE processor_transactions SET processed_at = '2026-11-24 23:30:00-05:00'"
            + " WHERE row_key IN ('key-5', 'key-900')");
    SettlementReader.Window window =
        new SettlementReader.Window(
            DAY + "T00:00:00Z", NEXT + "T00:00:00Z", "2026-11-23", "2026-11-26");

    List<Object> before = settlementReads(file, window);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      for (String sql : DaySpan.indexSql("processor_transactions", "processed_at")) {
        st.execute(sql);
      }
      st.execute(SettlementReader.payoutIndexSql("processor_transactions"));
      assertThat(
              DaySpan.of(
                  c, "processor_transactions", "processed_at", "2026-11-24", NEXT + "T", false))
          .hasSize(1)
          .isNotEqualTo(DaySpan.WHOLE);
    }
    List<Object> after = settlementReads(file, window);

    assertThat(after).isEqualTo(before);
    // One page of the day's 300 payments and more, then its 30 refunds and more, then the rows of
    // po_0, po_2 and po_day0 of the days before and after.
    assertThat(before).hasSizeGreaterThan(30 + 1 + 300);
    assertThat(before.subList(before.indexOf("elsewhere"), before.size()))
        .anySatisfy(r -> assertThat(r.toString()).contains("po_day0"))
        .noneSatisfy(r -> assertThat(r.toString()).contains("po_day1"));
    assertThat(before.get(0).toString()).matches("30[0-9]:.*");
  }

  /** The rows of the day's payment pages and of its other rows, as read. */
  private static List<Object> settlementReads(Path file, SettlementReader.Window window) {
    List<Object> rows = new ArrayList<>();
    try (SettlementReader reader =
        new SettlementReader(file, SettingsLoader.defaults().database(), "transaction_id")) {
      reader.payments(
          window,
          (packed, count, after, last) -> {
            List<String> page = new ArrayList<>();
            for (String row :
                new String(packed, java.nio.charset.StandardCharsets.UTF_8).split("\u001e")) {
              page.add(row);
            }
            // A page's rows come in no promised order.
            page.sort(null);
            rows.add(count + ":" + page);
          });
      reader.nonPayments(window, rows::add);
      rows.add("elsewhere");
      reader.payoutRowsElsewhere(window, List.of("po_0", "po_2", "po_day0", "po_day1"), rows::add);
    }
    return rows;
  }

  /** Table t(ts) of the rows {@code insert} writes, with the day indexes. */
  private Connection indexedTable(String name, String insert) throws Exception {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(name));
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t(ts TEXT)");
      st.execute(insert);
      for (String sql : DaySpan.indexSql("t", "ts")) {
        st.execute(sql);
      }
    }
    return c;
  }

  /**
   * Table t(ts) of rows 1-300, 100 a day over three days from the one before {@link #DAY}, with
   * undated rows at 50 (NULL), 150 (text) and 250 (a BLOB); with the day indexes or without.
   */
  private Connection threeDays(String name, boolean indexed) throws Exception {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(name));
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t(ts TEXT)");
    }
    try (Statement st = c.createStatement();
        PreparedStatement insert = c.prepareStatement("INSERT INTO t(rowid, ts) VALUES (?, ?)")) {
      String[] days = {"2026-11-23", DAY, NEXT};
      for (int i = 1; i <= 300; i++) {
        insert.setLong(1, i);
        insert.setObject(2, days[(i - 1) / 100] + "T10:00:00Z");
        if (i == 50) {
          insert.setObject(2, null);
        } else if (i == 150) {
          insert.setObject(2, "yesterday");
        } else if (i == 250) {
          insert.setBytes(2, DAY.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        insert.executeUpdate();
      }
      if (indexed) {
        for (String sql : DaySpan.indexSql("t", "ts")) {
          st.execute(sql);
        }
      }
    }
    return c;
  }
}
