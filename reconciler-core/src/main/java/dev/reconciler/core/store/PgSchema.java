package dev.reconciler.core.store;

import dev.reconciler.core.config.Settings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The tables the product writes to PostgreSQL (runs, parts, workbooks, ledger), made and kept at
 * this code's layout by Flyway from the scripts under {@code db/postgresql}. Flyway holds an
 * advisory lock while it migrates, so workers on several hosts starting together apply each script
 * once.
 */
public final class PgSchema {
  static final String LOCATION = "classpath:db/postgresql";

  /** URLs already migrated by this process: a check per store opening would cost a round trip. */
  private static final Set<String> MIGRATED = ConcurrentHashMap.newKeySet();

  private PgSchema() {}

  /** Brings the database of [database] url to this code's layout, once per process. */
  public static void migrate(Settings.Database database) {
    String key = database.postgresUrl() + "\n" + database.user();
    if (MIGRATED.contains(key)) {
      return;
    }
    if (current(database)) {
      MIGRATED.add(key);
      return;
    }
    try {
      Flyway.configure()
          .dataSource(database.postgresUrl(), database.user(), database.password())
          .locations(LOCATION)
          // Input tables made by generate or by the company's own loader may already be there.
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StoreException("migrating the schema of " + database.shownUrl(), e);
    }
    MIGRATED.add(key);
  }

  /**
   * The newest script's version under {@link #LOCATION}: a database whose history has it applied
   * needs nothing (a test keeps this in step with the scripts).
   */
  static final int LATEST_VERSION = 2;

  /**
   * Whether Flyway's history says every script up to {@link #LATEST_VERSION} is applied: one query,
   * where starting Flyway to find that out took ~130 ms of every command on PostgreSQL (its classes
   * and its scan of the classpath). Anything else (no history yet, a failed script, a newer
   * database) is left to Flyway, which also validates the scripts then.
   */
  static boolean current(Settings.Database database) {
    try (Connection c = Postgres.connect(database);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT bool_and(success), max(CASE WHEN version ~ '^[0-9]+$'"
                    + " THEN CAST(version AS integer) END) FROM flyway_schema_history")) {
      return rs.next() && rs.getBoolean(1) && rs.getInt(2) == LATEST_VERSION;
    } catch (SQLException | StoreException e) {
      return false;
    }
  }
}
