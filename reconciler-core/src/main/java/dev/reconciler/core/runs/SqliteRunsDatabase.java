package dev.reconciler.core.runs;

import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.store.Sqlite;
import dev.reconciler.core.store.StoreException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * A SQLite file holding run store tables, made by Flyway ({@link SqliteSchema}) before a write; a
 * store may complete its tables further in its write transaction ({@code schema}), under SQLite's
 * write lock.
 */
final class SqliteRunsDatabase implements RunsDatabase {
  private final Path db;
  private final int busyTimeoutMs;
  private final boolean ownFile;
  private final Work<?> schema;

  /** Tables all made by Flyway; {@code ownFile} as below. */
  SqliteRunsDatabase(Path db, int busyTimeoutMs, boolean ownFile) {
    this(db, busyTimeoutMs, ownFile, c -> null);
  }

  /**
   * @param ownFile whether the file is the runs' own ([paths] runs_database), made (with its
   *     directories) by the first write of any of its stores; else it is the input database, which
   *     someone else made and which is never created here, so a mistyped path stays "database not
   *     found" rather than becoming an empty database
   * @param schema what a write does first in its transaction, beyond Flyway's migrations
   */
  SqliteRunsDatabase(Path db, int busyTimeoutMs, boolean ownFile, Work<?> schema) {
    this.db = db;
    this.busyTimeoutMs = busyTimeoutMs;
    this.ownFile = ownFile;
    this.schema = schema;
  }

  @Override
  public <T> T write(String doing, Work<T> work) {
    if (ownFile) {
      createFile();
    }
    SqliteSchema.migrate(db, busyTimeoutMs);
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

  @Override
  public String toString() {
    return db.toString();
  }
}
