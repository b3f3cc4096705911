package dev.reconciler.core.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway's history of the product's own tables in one database, PostgreSQL's or SQLite's, and the
 * fast path both share: one query tells whether every migration is applied, where starting Flyway
 * to find that out cost ~130 ms warm and ~700 ms cold per command (its classes and its scan of the
 * classpath). Flyway itself is only touched when that query says something is pending.
 *
 * @param location where the scripts are, as Flyway names it
 * @param table Flyway's history table
 * @param latestVersion the newest migration's version (a test keeps it in step with the scripts)
 */
public record SchemaHistory(String location, String table, int latestVersion) {
  /**
   * Whether the history on {@code c} says every migration up to {@link #latestVersion} is applied
   * and none failed. A database a newer reconciler migrated further is current too: Flyway would
   * only warn that it is newer and change nothing (future migrations are ignored), but at a cost
   * paid at every write while old and new workers share it during an upgrade; the warning is logged
   * here, once per process. Anything else (no history yet, a failed migration) is left to Flyway,
   * which also validates the scripts then.
   */
  public boolean current(Connection c) {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT version, success FROM " + table)) {
      boolean allApplied = true;
      int newest = -1;
      while (rs.next()) {
        allApplied &= rs.getBoolean(2);
        newest = Math.max(newest, wholeNumber(rs.getString(1)));
      }
      if (allApplied && newest > latestVersion && WARNED.add(table)) {
        log.warn(
            "The schema history {} is at version {}, newer than this reconciler's {}: a newer"
                + " version migrated it; this one uses it as it is",
            table,
            newest,
            latestVersion);
      }
      return allApplied && newest >= latestVersion;
    } catch (SQLException e) {
      return false;
    }
  }

  private static final Logger log = LoggerFactory.getLogger(SchemaHistory.class);

  /** Histories found newer than this code, each warned of once per process. */
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  /** A version that is a plain number, else -1 (a baseline's "0" counts; a repeatable has none). */
  private static int wholeNumber(String version) {
    return version != null && version.matches("[0-9]{1,9}") ? Integer.parseInt(version) : -1;
  }

  /**
   * Applies what is pending, with {@code database} naming where (its connection, and any Java
   * migrations).
   *
   * @param shown the database for messages
   */
  public void migrate(String shown, UnaryOperator<FluentConfiguration> database) {
    Run.migrate(this, shown, database);
  }

  /**
   * A class of its own so that Flyway's classes are loaded only when it runs: verifying a method
   * that catches FlywayException would load that class with the fast path's.
   */
  private static final class Run {
    static void migrate(
        SchemaHistory history, String shown, UnaryOperator<FluentConfiguration> database) {
      try {
        database
            .apply(Flyway.configure())
            .locations(history.location)
            .table(history.table)
            // The input tables (upstream's, or generate's) may already be in the same database.
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate();
      } catch (FlywayException e) {
        throw new StoreException("migrating the schema of " + shown, e);
      }
    }
  }
}
