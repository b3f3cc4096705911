package dev.reconciler.core.store;

import dev.reconciler.core.config.Settings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tables the product writes to PostgreSQL (runs, parts, workbooks, ledger), made and kept at
 * this code's layout by Flyway from the scripts under {@code db/postgresql}. Flyway holds an
 * advisory lock while it migrates, so workers on several hosts starting together apply each script
 * once.
 */
public final class PgSchema {
  /**
   * The newest script's version under {@code db/postgresql}: a database whose history has it
   * applied needs nothing.
   */
  static final int LATEST_VERSION = 2;

  /** Flyway's default history table: databases migrated before SQLite had one of its own use it. */
  static final SchemaHistory HISTORY =
      new SchemaHistory("classpath:db/postgresql", "flyway_schema_history", LATEST_VERSION);

  /** URLs already migrated by this process: a check per store opening would cost a round trip. */
  private static final Set<String> MIGRATED = ConcurrentHashMap.newKeySet();

  private PgSchema() {}

  /** Brings the database of [database] url to this code's layout, once per process. */
  public static void migrate(Settings.Database database) {
    String key = database.postgresUrl() + "\n" + database.user();
    if (MIGRATED.contains(key)) {
      return;
    }
    if (!current(database)) {
      HISTORY.migrate(
          database.shownUrl(),
          flyway ->
              flyway.dataSource(database.postgresUrl(), database.user(), database.password()));
    }
    MIGRATED.add(key);
  }

  /** Whether Flyway's history says every script is applied ({@link SchemaHistory#current}). */
  static boolean current(Settings.Database database) {
    try (Connection c = Postgres.connect(database)) {
      return HISTORY.current(c);
    } catch (SQLException | StoreException e) {
      return false;
    }
  }
}
