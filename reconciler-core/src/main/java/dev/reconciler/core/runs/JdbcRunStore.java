package dev.reconciler.core.runs;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs in the reconciliation_runs table ({@link RunTable}), in SQL both databases run but for the
 * upsert and the newest-first order. Writes are upserts keyed by run id, so a redelivered task with
 * the same run id updates its own record instead of adding another. Reads never write, so they work
 * on a database that cannot be written or is not yet migrated, reading the columns it has.
 */
abstract class JdbcRunStore implements RunStore {
  private final RunsDatabase db;
  private final String upsert;
  private final String newestFirst;

  /**
   * @param upsert the statement of {@link RunTable#insert} that replaces a run's row
   * @param newestFirst the ORDER BY clause putting the newest real start first
   */
  JdbcRunStore(RunsDatabase db, String upsert, String newestFirst) {
    this.db = db;
    this.upsert = upsert;
    this.newestFirst = newestFirst;
  }

  @Override
  public void save(RunRecord run) {
    db.write(
        "recording run " + run.runId(),
        c -> {
          try (PreparedStatement st = c.prepareStatement(upsert)) {
            RunTable.bind(st, run);
            st.executeUpdate();
          }
          return null;
        });
  }

  /**
   * {@inheritDoc} A row whose start is not a timestamp comes after every one whose start is. None
   * when the database or its run table does not exist.
   */
  @Override
  public List<RunRecord> recent(int limit) {
    return query("", " LIMIT " + Math.max(0, limit));
  }

  @Override
  public RunRecord find(String runId) {
    List<RunRecord> runs = query("WHERE run_id = ?", " LIMIT 1", runId);
    return runs.isEmpty() ? null : runs.get(0);
  }

  /**
   * Rows as records; a malformed field never throws but is noted in the record's problems, and only
   * the columns the table has are read (an older layout, or a table someone else created, may lack
   * some).
   */
  private List<RunRecord> query(String where, String limit, String... params) {
    List<RunRecord> runs =
        db.read(
            RunTable.NAME,
            "reading " + RunTable.NAME,
            (c, present) -> {
              List<RunRecord> read = new ArrayList<>();
              String select = RunRowReader.selectList(present);
              if (select.isEmpty() || (!where.isEmpty() && !present.contains("run_id"))) {
                return read;
              }
              String order = present.contains("started_at") ? newestFirst : "";
              String sql = "SELECT " + select + " FROM " + RunTable.NAME + " " + where + order;
              try (PreparedStatement st = c.prepareStatement(sql + limit)) {
                for (int i = 0; i < params.length; i++) {
                  st.setString(i + 1, params[i]);
                }
                try (ResultSet rs = st.executeQuery()) {
                  while (rs.next()) {
                    read.add(new RunRowReader(rs, present).read());
                  }
                }
              }
              return read;
            });
    return runs == null ? List.of() : runs;
  }

  @Override
  public String toString() {
    return db.toString();
  }
}
