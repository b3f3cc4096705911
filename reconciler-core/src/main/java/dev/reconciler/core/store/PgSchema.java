package dev.reconciler.core.store;

import dev.reconciler.core.config.Settings;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables the product writes to PostgreSQL (runs, parts, workbooks, ledger), made and kept at
 * this code's layout by Flyway from the scripts under {@code db/postgresql}. Workers on several
 * hosts starting together migrate one at a time, under an advisory lock, and apply each script
 * once.
 */
public final class PgSchema {
  private static final Logger log = LoggerFactory.getLogger(PgSchema.class);

  /**
   * The newest script's version under {@code db/postgresql}: a database whose history has it
   * applied needs nothing.
   */
  static final int LATEST_VERSION = 6;

  /**
   * Not Flyway's default flyway_schema_history, as on SQLite: the database is usually the company's
   * own, whose application may version its tables with a Flyway of its own under that name. One
   * history for both mixes their versions with ours, and each Flyway then refuses to start on the
   * other's rows ("applied migration not resolved locally").
   */
  static final SchemaHistory HISTORY =
      new SchemaHistory("classpath:db/postgresql", "reconciler_schema_history", LATEST_VERSION);

  /** Where versions before {@link #HISTORY} had its name kept our history: Flyway's default. */
  static final String EARLIER_HISTORY = "flyway_schema_history";

  /** The scripts under {@code db/postgresql} (a test keeps the list in step with them). */
  static final Set<String> SCRIPTS =
      Set.of(
          "V1__runs_parts_workbooks.sql",
          "V2__ledger.sql",
          "V3__ledger_rerun_indexes.sql",
          "V4__ledger_unpaid_sales.sql",
          "V5__ledger_pruned.sql",
          "V6__ledger_cleared_index.sql");

  /** Serialises migrations between processes (any constant of our own). */
  private static final long LOCK = 0x7265636f6e63696cL; // "reconcil"

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
      migrateLocked(database);
    }
    MIGRATED.add(key);
  }

  /**
   * Migrates under an advisory lock of our own, held by this session, re-reading the history once
   * it has the lock. Flyway's own lock does not cover making its history table: a second Flyway
   * that found the table made but the first one's baseline not yet in it refused to start ("Unable
   * to baseline ... it already exists, and is empty"), failing a worker that started beside another
   * on a new database.
   */
  private static void migrateLocked(Settings.Database database) {
    // Closing the connection ends the session, which gives the lock back.
    try (Connection c = Postgres.session(database)) {
      advisoryLock(c, "pg_advisory_lock");
      if (HISTORY.current(c)) {
        return; // another process migrated while this one waited for the lock
      }
      adoptEarlierHistory(c);
      HISTORY.migrate(
          database.shownUrl(),
          flyway ->
              flyway.dataSource(database.postgresUrl(), database.user(), database.password()));
    } catch (SQLException e) {
      throw new StoreException("migrating the schema of " + database.shownUrl(), e);
    }
  }

  /** Takes {@link #LOCK} with {@code function}, for the session or for the transaction. */
  private static void advisoryLock(Connection c, String function) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement("SELECT " + function + "(?)")) {
      lock.setLong(1, LOCK);
      lock.execute();
    }
  }

  /** Whether Flyway's history says every script is applied ({@link SchemaHistory#current}). */
  static boolean current(Settings.Database database) {
    try (Connection c = Postgres.connect(database)) {
      return HISTORY.current(c);
    } catch (SQLException | StoreException e) {
      return false;
    }
  }

  /**
   * Copies our rows from {@link #EARLIER_HISTORY} into {@link #HISTORY}, when that does not exist
   * yet. Where every row is ours (a database an earlier version migrated) the earlier table stays
   * for the earlier version's processes, and a warning says to drop it once they are gone; where
   * another Flyway's rows share it, ours are deleted from it and theirs stay as they are. A table
   * with no row of ours (the company's own Flyway) is not touched. One transaction under an
   * advisory lock, so hosts starting together copy it once.
   */
  static void adoptEarlierHistory(Settings.Database database) {
    try (Connection c = Postgres.connect(database)) {
      adoptEarlierHistory(c);
    } catch (SQLException e) {
      throw new StoreException(
          "copying the schema history from " + EARLIER_HISTORY + " in " + database.shownUrl(), e);
    }
  }

  private static void adoptEarlierHistory(Connection c) throws SQLException {
    c.setAutoCommit(false);
    try {
      adopt(c);
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static void adopt(Connection c) throws SQLException {
    // Re-entrant: a session already holding the lock (migrateLocked) gets it at once.
    advisoryLock(c, "pg_advisory_xact_lock");
    if (exists(c, HISTORY.table()) || !exists(c, EARLIER_HISTORY)) {
      return;
    }
    List<Integer> ours = new ArrayList<>();
    int theirs = 0;
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT installed_rank, version, type, script FROM " + EARLIER_HISTORY)) {
      while (rs.next()) {
        if (ours(rs.getString(2), rs.getString(3), rs.getString(4))) {
          ours.add(rs.getInt(1));
        } else {
          theirs++;
        }
      }
    }
    if (ours.isEmpty()) {
      return;
    }
    try (Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE " + HISTORY.table() + " (LIKE " + EARLIER_HISTORY + " INCLUDING ALL)");
    }
    Array ranks = c.createArrayOf("integer", ours.toArray());
    String oursIn = " FROM " + EARLIER_HISTORY + " WHERE installed_rank = ANY(?)";
    execute(c, "INSERT INTO " + HISTORY.table() + " SELECT *" + oursIn, ranks);
    if (theirs > 0) {
      execute(c, "DELETE" + oursIn, ranks);
      log.warn(
          "Schema history {} also held {} row(s) of another Flyway: this reconciler's {} row(s)"
              + " moved to {}, the others left as they were",
          EARLIER_HISTORY,
          theirs,
          ours.size(),
          HISTORY.table());
    } else {
      // Left in place, so that processes of the earlier version still running on this database
      // (a rolling upgrade) keep finding their history current instead of re-running scripts.
      log.warn(
          "Schema history copied from {} to {}; once no reconciler older than this one uses the"
              + " database, drop {} so that another Flyway may use that name",
          EARLIER_HISTORY,
          HISTORY.table(),
          EARLIER_HISTORY);
    }
  }

  /**
   * A row our Flyway wrote: one of our scripts, or the baseline it writes (version 0, where
   * Flyway's default baseline is 1) on a database that already held tables.
   */
  static boolean ours(String version, String type, String script) {
    return SCRIPTS.contains(script) || ("BASELINE".equals(type) && "0".equals(version));
  }

  private static void execute(Connection c, String sql, Array parameter) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setArray(1, parameter);
      st.execute();
    }
  }

  /** Whether {@code table} is in the schema Flyway uses (the connection's current one). */
  private static boolean exists(Connection c, String table) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT 1 FROM information_schema.tables"
                + " WHERE table_schema = current_schema() AND table_name = ?")) {
      st.setString(1, table);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next();
      }
    }
  }
}
