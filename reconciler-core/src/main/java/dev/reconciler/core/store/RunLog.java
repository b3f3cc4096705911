package dev.reconciler.core.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The reconciliation_runs audit table. Writes are upserts keyed by run id, so a redelivered task
 * with the same run id updates its own record instead of adding another.
 */
public final class RunLog {
  /** Count columns, in table order. */
  public static final List<String> COUNT_COLUMNS =
      List.of(
          "sales_rows",
          "processor_rows",
          "matched",
          "missing_in_processor",
          "missing_in_sales",
          "amount_mismatch",
          "failed_payment",
          "currency_mismatch",
          "duplicate_id",
          "rejected",
          "exact_duplicates");

  /**
   * Newest real run first: rows whose started_at is an ISO-8601 date-time (as SQLite's julianday
   * reads it, offsets included) by that instant, then every other row. Not by the text, which put
   * 'yesterday', a number or a blob above every run and '…:00.5Z' below '…:00Z'; not by rowid,
   * which still puts junk written after the runs first, changes when a record is replaced and may
   * change on VACUUM. The GLOB keeps out what julianday reads but no writer means as a start time:
   * 'now', a bare number, a bare date.
   */
  private static final String NEWEST_FIRST =
      " ORDER BY CASE WHEN started_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:*'"
          + " THEN julianday(started_at) END DESC, started_at DESC";

  private final Path db;
  private final int busyTimeoutMs;

  public RunLog(Path db, int busyTimeoutMs) {
    this.db = db;
    this.busyTimeoutMs = busyTimeoutMs;
  }

  /** Inserts or replaces the record with this run id. */
  public void save(RunRecord run) {
    StringBuilder columns =
        new StringBuilder(
            "run_id, business_date, started_at, finished_at, status, report_path, error, amounts, match_rate");
    COUNT_COLUMNS.forEach(c -> columns.append(", ").append(c));
    String marks = "?" + ", ?".repeat(8 + COUNT_COLUMNS.size());
    try (Connection c = Sqlite.openReadWrite(db, busyTimeoutMs)) {
      createTable(c);
      try (PreparedStatement st =
          c.prepareStatement(
              "INSERT OR REPLACE INTO reconciliation_runs ("
                  + columns
                  + ") VALUES ("
                  + marks
                  + ")")) {
        st.setString(1, run.runId());
        st.setString(2, run.businessDate().toString());
        st.setString(3, run.startedAt().toString());
        st.setString(4, run.finishedAt() == null ? null : run.finishedAt().toString());
        st.setString(5, run.status());
        st.setString(6, run.reportPath());
        st.setString(7, run.error());
        st.setString(8, AmountsJson.write(run.amounts()));
        st.setString(
            9, run.matchRatePercent() == null ? null : run.matchRatePercent().toPlainString());
        int i = 10;
        for (String column : COUNT_COLUMNS) {
          Long n = run.counts().get(column);
          if (n == null) {
            st.setNull(i++, Types.INTEGER);
          } else {
            st.setLong(i++, n);
          }
        }
        st.executeUpdate();
      }
    } catch (SQLException e) {
      throw new StoreException("recording run " + run.runId(), e);
    }
  }

  /**
   * The runs recorded, newest start first (a row whose start is not a timestamp comes after every
   * one whose start is), at most {@code limit}; none when the database has no run table. Reads
   * only: never creates the table nor writes anything, so it works on a read-only database and
   * beside a writer that holds the write lock.
   */
  public List<RunRecord> recent(int limit) {
    return query("", " LIMIT " + Math.max(0, limit));
  }

  /** The run with this id, or null (also when the database has no run table); reads only. */
  public RunRecord find(String runId) {
    List<RunRecord> runs = query("WHERE run_id = ?", " LIMIT 1", runId);
    return runs.isEmpty() ? null : runs.get(0);
  }

  /**
   * Rows as records; a malformed field never throws but is noted in the record's problems, and only
   * the columns the table has are read (a table someone else created may lack some).
   */
  private List<RunRecord> query(String where, String limit, String... params) {
    try (Connection c = Sqlite.openReadOnly(db, busyTimeoutMs)) {
      Set<String> present = columns(c);
      if (present.isEmpty() || (!where.isEmpty() && !present.contains("run_id"))) {
        return List.of();
      }
      String order = present.contains("started_at") ? NEWEST_FIRST : "";
      String sql =
          "SELECT "
              + RunRowReader.selectList(present)
              + " FROM reconciliation_runs "
              + where
              + order
              + limit;
      List<RunRecord> runs = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) {
          st.setString(i + 1, params[i]);
        }
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            runs.add(new RunRowReader(rs, present).read());
          }
        }
      }
      return runs;
    } catch (SQLException e) {
      throw new StoreException("reading reconciliation_runs of " + db, e);
    }
  }

  /** The run table's column names, lower-case; empty when there is no such table. */
  private static Set<String> columns(Connection c) throws SQLException {
    Set<String> columns = new HashSet<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA table_info(reconciliation_runs)")) {
      while (rs.next()) {
        columns.add(rs.getString("name").toLowerCase(Locale.ROOT));
      }
    }
    return columns;
  }

  private static void createTable(Connection c) throws SQLException {
    StringBuilder ddl =
        new StringBuilder(
            "CREATE TABLE IF NOT EXISTS reconciliation_runs (run_id TEXT PRIMARY KEY, "
                + "business_date TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL, "
                + "report_path TEXT, error TEXT, amounts TEXT, match_rate TEXT");
    COUNT_COLUMNS.forEach(col -> ddl.append(", ").append(col).append(" INTEGER"));
    try (Statement st = c.createStatement()) {
      st.execute(ddl.append(")").toString());
    }
  }
}
