package dev.reconciler.core.runs;

import dev.reconciler.core.store.SchemaHistory;
import dev.reconciler.core.store.Sqlite;
import dev.reconciler.core.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * The product's own tables in the SQLite file that records runs (runs, parts, workbooks, ledger),
 * made and kept at this code's layout by Flyway from the scripts under {@code db/sqlite}, as {@link
 * dev.reconciler.core.store.PgSchema} does on PostgreSQL. V1 ({@link EarlierSqliteLayouts})
 * completes in place what a version before Flyway made. The input tables in the same file are
 * upstream's (or generate's and import's), made by code, never by Flyway.
 */
public final class SqliteSchema {
  /**
   * Not Flyway's default flyway_schema_history: the file may be upstream's own database, whose
   * tables another Flyway may version under that name, and one history for both would mix their
   * versions with ours.
   */
  static final SchemaHistory HISTORY =
      new SchemaHistory("classpath:db/sqlite", "reconciler_schema_history", 7);

  private SqliteSchema() {}

  /**
   * Brings {@code db} (which must exist) to this code's layout before a write. Checked at every
   * write, not once per process: the file may be replaced under a long-lived worker (generate
   * --clean), and the check is one query.
   */
  public static void migrate(Path db, int busyTimeoutMs) {
    long deadline = System.nanoTime() + busyTimeoutMs * 1_000_000L;
    while (!current(db, busyTimeoutMs)) {
      // Waited for in short turns, looking at the history between them: the exclusive lock needs
      // a moment when no other connection holds the file, which a writer that migrated first and
      // then records one part after another may not leave for a whole busy timeout.
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      try {
        migrateLocked(db, (int) Math.max(1, Math.min(LOCK_TURN_MS, left)));
        return;
      } catch (StoreException e) {
        if (!Sqlite.busy(e) || left <= LOCK_TURN_MS) {
          throw e;
        }
      }
    }
  }

  /** Longest single wait for the file's exclusive lock before the history is looked at again. */
  private static final int LOCK_TURN_MS = 250;

  private static void migrateLocked(Path db, int busyTimeoutMs) {
    // Flyway takes no lock on SQLite (concurrent migration is not supported there, it logs), so
    // two workers starting on one file would both apply V1: it runs on a connection holding the
    // file's lock, and the second finds the history current once it gets the lock.
    try (Connection locked = Sqlite.openExclusive(db, busyTimeoutMs)) {
      if (HISTORY.current(locked)) {
        return; // another process migrated while this one waited for the lock
      }
      SQLiteConnection connection = locked.unwrap(SQLiteConnection.class);
      HISTORY.migrate(
          db.toString(),
          flyway ->
              flyway.dataSource(new Held(connection)).javaMigrations(new EarlierSqliteLayouts()));
    } catch (SQLException e) {
      throw new StoreException("migrating the schema of " + db, e);
    }
  }

  /** The fast path: a read-only look at the history. */
  static boolean current(Path db, int busyTimeoutMs) {
    try (Connection c = Sqlite.openReadOnly(db, busyTimeoutMs)) {
      return HISTORY.current(c);
    } catch (SQLException e) {
      return false;
    }
  }

  /** Hands Flyway the locked connection: on SQLite it asks for one and keeps it. */
  private static final class Held extends SQLiteDataSource {
    private final SQLiteConnection connection;

    Held(SQLiteConnection connection) {
      this.connection = connection;
    }

    @Override
    public SQLiteConnection getConnection(String user, String password) {
      return connection;
    }
  }
}
