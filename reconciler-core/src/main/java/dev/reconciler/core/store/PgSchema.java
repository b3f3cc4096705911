package dev.reconciler.core.store;

import dev.reconciler.core.config.Settings;
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
}
