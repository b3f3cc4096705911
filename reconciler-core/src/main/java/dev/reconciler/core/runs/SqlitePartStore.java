package dev.reconciler.core.runs;

import dev.reconciler.core.store.Sqlite;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Parts of sharded runs in the run store's SQLite file, the table made by the first write. */
public final class SqlitePartStore extends JdbcPartStore {
  private static final int VERSION = 1;

  /** The store in {@code db}, the file the runs are recorded in. */
  public SqlitePartStore(Path db, int busyTimeoutMs) {
    this(db, busyTimeoutMs, false);
  }

  /** As above; {@code ownFile}: the runs' own file, made by the first write (see RunStores). */
  public SqlitePartStore(Path db, int busyTimeoutMs, boolean ownFile) {
    super(new SqliteRunsDatabase(db, busyTimeoutMs, ownFile, SqlitePartStore::migrate));
  }

  private static Void migrate(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE IF NOT EXISTS "
              + TABLE
              + " (run_id TEXT NOT NULL, shard_index INTEGER NOT NULL,"
              + " shard_count INTEGER NOT NULL, created_at TEXT NOT NULL, bytes BLOB NOT"
              + " NULL, PRIMARY KEY (run_id, shard_index))");
    }
    Sqlite.recordLayout(c, TABLE, VERSION);
    return null;
  }
}
