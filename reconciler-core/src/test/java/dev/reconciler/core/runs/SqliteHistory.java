package dev.reconciler.core.runs;

import dev.reconciler.core.store.SqliteFiles;
import java.nio.file.Path;
import java.util.List;

/** What Flyway's history in a SQLite file says, for tests. */
final class SqliteHistory {
  private SqliteHistory() {}

  /** The versions applied successfully, in the order they were (the baseline's "0" first). */
  static List<String> applied(Path db) throws Exception {
    return SqliteFiles.query(
        db,
        "SELECT version FROM "
            + SqliteSchema.HISTORY.table()
            + " WHERE success ORDER BY installed_rank");
  }
}
