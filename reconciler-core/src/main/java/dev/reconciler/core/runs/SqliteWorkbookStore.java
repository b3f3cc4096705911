package dev.reconciler.core.runs;

import dev.reconciler.core.store.Sqlite;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Workbooks in the run store's SQLite file, the tables made by the first write. */
public final class SqliteWorkbookStore extends JdbcWorkbookStore {
  private static final int VERSION = 1;

  /** The store in {@code db}, the file the runs are recorded in. */
  public SqliteWorkbookStore(Path db, int busyTimeoutMs) {
    this(db, busyTimeoutMs, false);
  }

  /** As above; {@code ownFile}: the runs' own file, made by the first write (see RunStores). */
  public SqliteWorkbookStore(Path db, int busyTimeoutMs, boolean ownFile) {
    super(new SqliteRunsDatabase(db, busyTimeoutMs, ownFile, SqliteWorkbookStore::migrate));
  }

  private static Void migrate(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE IF NOT EXISTS "
              + TABLE
              + " (run_id TEXT PRIMARY KEY, file_name TEXT NOT NULL, size INTEGER,"
              + " sha256 TEXT, created_at TEXT NOT NULL, pruned_at TEXT)");
      st.execute(
          "CREATE TABLE IF NOT EXISTS "
              + CHUNKS
              + " (run_id TEXT NOT NULL, seq INTEGER NOT NULL, bytes BLOB NOT NULL,"
              + " PRIMARY KEY (run_id, seq))");
    }
    Sqlite.recordLayout(c, TABLE, VERSION);
    return null;
  }
}
