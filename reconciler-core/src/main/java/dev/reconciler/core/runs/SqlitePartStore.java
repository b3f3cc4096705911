package dev.reconciler.core.runs;

import java.nio.file.Path;

/** Parts of sharded runs in the run store's SQLite file, its table made by Flyway (V2). */
public final class SqlitePartStore extends JdbcPartStore {
  /** The store in {@code db}, the file the runs are recorded in. */
  public SqlitePartStore(Path db, int busyTimeoutMs) {
    this(db, busyTimeoutMs, false);
  }

  /** As above; {@code ownFile}: the runs' own file, made by the first write (see RunStores). */
  public SqlitePartStore(Path db, int busyTimeoutMs, boolean ownFile) {
    super(new SqliteRunsDatabase(db, busyTimeoutMs, ownFile));
  }
}
