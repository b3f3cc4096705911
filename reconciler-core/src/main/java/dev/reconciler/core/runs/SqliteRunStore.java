package dev.reconciler.core.runs;

import java.nio.file.Path;

/**
 * Runs in the reconciliation_runs table of a SQLite file, made by Flyway; each write first adds the
 * count columns the table lacks ({@link RunTable}).
 */
public final class SqliteRunStore extends JdbcRunStore {
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

  private static final String UPSERT = RunTable.insert("INSERT OR REPLACE", "");

  private SqliteRunStore(Path db, int busyTimeoutMs, boolean ownFile) {
    super(
        new SqliteRunsDatabase(db, busyTimeoutMs, ownFile, RunTable::addMissingColumns),
        UPSERT,
        NEWEST_FIRST);
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
}
