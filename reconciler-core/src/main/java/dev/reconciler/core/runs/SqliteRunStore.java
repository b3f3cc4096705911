package dev.reconciler.core.runs;

import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.store.Sqlite;
import dev.reconciler.core.store.StoreException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Runs in the reconciliation_runs table of a SQLite file. Writes are upserts keyed by run id, so a
 * redelivered task with the same run id updates its own record instead of adding another; each
 * write first migrates the table to this code's layout ({@link RunTable}). Reads never write, so
 * they work on a read-only or not yet migrated database, reading the columns it has.
 */
public final class SqliteRunStore implements RunStore {
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

  private static final String INSERT = insertStatement();

  private final Path db;
  private final int busyTimeoutMs;
  private final boolean ownFile;

  private SqliteRunStore(Path db, int busyTimeoutMs, boolean ownFile) {
    this.db = db;
    this.busyTimeoutMs = busyTimeoutMs;
    this.ownFile = ownFile;
  }

  /**
   * Runs kept beside the input tables, in a database someone else made: never created here, so a
   * mistyped path stays "database not found" rather than becoming an empty database.
   */
  public static SqliteRunStore inDatabase(Path db, int busyTimeoutMs) {
    return new SqliteRunStore(db, busyTimeoutMs, false);
  }

  /** Runs in a file of their own, made (with its directories) by the first write. */
  public static SqliteRunStore ownFile(Path db, int busyTimeoutMs) {
    return new SqliteRunStore(db, busyTimeoutMs, true);
  }

  private static String insertStatement() {
    StringJoiner columns = new StringJoiner(", ");
    StringJoiner marks = new StringJoiner(", ");
    RunTable.COLUMNS.forEach(
        c -> {
          columns.add(c);
          marks.add("?");
        });
    return "INSERT OR REPLACE INTO " + RunTable.NAME + " (" + columns + ") VALUES (" + marks + ")";
  }

  @Override
  public void save(RunRecord run) {
    if (ownFile) {
      createFile();
    }
    // One transaction for migration and row.
    Sqlite.inWriteTransaction(
        db,
        busyTimeoutMs,
        "recording run " + run.runId(),
        c -> {
          RunTable.migrate(c);
          insert(c, run);
          return null;
        });
  }

  private static void insert(Connection c, RunRecord run) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(INSERT)) {
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
      int i = RunTable.TEXT_COLUMNS.size() + 1;
      for (String key : RunCounts.KEYS) {
        Long n = run.counts().get(key);
        if (n == null) {
          st.setNull(i++, Types.INTEGER);
        } else {
          st.setLong(i++, n);
        }
      }
      st.executeUpdate();
    }
  }

  /** An empty file is an empty database to SQLite; two processes racing here both get the file. */
  private void createFile() {
    if (Files.isRegularFile(db)) {
      return;
    }
    try {
      Path parent = db.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.createFile(db);
    } catch (FileAlreadyExistsException e) {
      if (!Files.isRegularFile(db)) { // else: another process made it just now
        throw cannotMake("a file is in the way: " + e.getFile(), e);
      }
    } catch (IOException e) {
      throw cannotMake(String.valueOf(e.getMessage()), e);
    }
  }

  private UserError cannotMake(String why, IOException e) {
    return new UserError(
        "cannot make the runs database "
            + db.toAbsolutePath().normalize()
            + " ([paths] runs_database): "
            + why,
        e);
  }

  /**
   * {@inheritDoc} A row whose start is not a timestamp comes after every one whose start is. None
   * when the file or its run table does not exist.
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
    if (!Files.exists(db)) {
      return List.of();
    }
    try (Connection c = Sqlite.openReadOnly(db, busyTimeoutMs)) {
      Set<String> present = RunTable.columns(c);
      String select = RunRowReader.selectList(present);
      if (select.isEmpty() || (!where.isEmpty() && !present.contains("run_id"))) {
        return List.of();
      }
      String order = present.contains("started_at") ? NEWEST_FIRST : "";
      String sql = "SELECT " + select + " FROM " + RunTable.NAME + " " + where + order + limit;
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
      throw new StoreException("reading " + RunTable.NAME + " of " + db, e);
    }
  }

  @Override
  public String toString() {
    return db.toString();
  }
}
