package dev.reconciler.core.runs;

import dev.reconciler.core.store.Sqlite;
import dev.reconciler.core.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * A SQLite file holding run store tables: each store makes its own tables in its write transaction
 * ({@code schema}), under SQLite's write lock.
 */
final class SqliteRunsDatabase implements RunsDatabase {
  private final Path db;
  private final int busyTimeoutMs;
  private final Work<?> schema;

  SqliteRunsDatabase(Path db, int busyTimeoutMs, Work<?> schema) {
    this.db = db;
    this.busyTimeoutMs = busyTimeoutMs;
    this.schema = schema;
  }

  @Override
  public <T> T write(String doing, Work<T> work) {
    return Sqlite.inWriteTransaction(
        db,
        busyTimeoutMs,
        doing,
        c -> {
          schema.apply(c);
          return work.apply(c);
        });
  }

  @Override
  public <T> T read(String table, String doing, Read<T> read) {
    if (!Files.exists(db)) {
      return null;
    }
    try (Connection c = Sqlite.openReadOnly(db, busyTimeoutMs)) {
      Set<String> columns = Sqlite.columns(c, table);
      return columns.isEmpty() ? null : read.apply(c, columns);
    } catch (SQLException e) {
      throw new StoreException(doing + " from " + db, e);
    }
  }

  @Override
  public String toString() {
    return db.toString();
  }
}
