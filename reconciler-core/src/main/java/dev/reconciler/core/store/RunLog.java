package dev.reconciler.core.store;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /** The runs recorded, newest start first, at most {@code limit}. */
  public List<RunRecord> recent(int limit) {
    return query("SELECT * FROM reconciliation_runs ORDER BY started_at DESC LIMIT " + limit);
  }

  /** The run with this id, or null. */
  public RunRecord find(String runId) {
    List<RunRecord> runs = query("SELECT * FROM reconciliation_runs WHERE run_id = ?", runId);
    return runs.isEmpty() ? null : runs.get(0);
  }

  private List<RunRecord> query(String sql, String... params) {
    List<RunRecord> runs = new ArrayList<>();
    try (Connection c = Sqlite.openReadWrite(db, busyTimeoutMs)) {
      createTable(c);
      try (PreparedStatement st = c.prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) {
          st.setString(i + 1, params[i]);
        }
        ResultSet rs = st.executeQuery();
        while (rs.next()) {
          Map<String, Long> counts = new LinkedHashMap<>();
          for (String column : COUNT_COLUMNS) {
            long n = rs.getLong(column);
            if (!rs.wasNull()) {
              counts.put(column, n);
            }
          }
          String finished = rs.getString("finished_at");
          runs.add(
              new RunRecord(
                  rs.getString("run_id"),
                  LocalDate.parse(rs.getString("business_date")),
                  Instant.parse(rs.getString("started_at")),
                  finished == null ? null : Instant.parse(finished),
                  rs.getString("status"),
                  counts,
                  AmountsJson.read(rs.getString("amounts")),
                  rs.getString("match_rate") == null
                      ? null
                      : new BigDecimal(rs.getString("match_rate")),
                  rs.getString("report_path"),
                  rs.getString("error")));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading reconciliation_runs", e);
    }
    return runs;
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
