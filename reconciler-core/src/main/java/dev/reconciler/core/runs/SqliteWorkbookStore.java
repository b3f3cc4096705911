package dev.reconciler.core.runs;

import java.nio.file.Path;

/** Workbooks in the run store's SQLite file, their tables made by Flyway (V2). */
public final class SqliteWorkbookStore extends JdbcWorkbookStore {
  /** The store in {@code db}, the file the runs are recorded in. */
  public SqliteWorkbookStore(Path db, int busyTimeoutMs) {
    this(db, busyTimeoutMs, false);
  }

  /** As above; {@code ownFile}: the runs' own file, made by the first write (see RunStores). */
  public SqliteWorkbookStore(Path db, int busyTimeoutMs, boolean ownFile) {
    super(new SqliteRunsDatabase(db, busyTimeoutMs, ownFile));
  }
}
