package dev.reconciler.core.runs;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.store.PgSchema;
import dev.reconciler.core.store.Postgres;
import dev.reconciler.core.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The PostgreSQL database of [database] url holding run store tables, made by Flyway ({@link
 * PgSchema}) before the first write. Each write transaction first takes one advisory lock, so
 * writers on every host take turns as SQLite's write lock makes them: the stores' plain DELETE then
 * INSERT of a run's rows then never meets another writer's rows halfway (two hosts storing the same
 * part would otherwise both pass the DELETE and one fail on the key).
 */
final class PgRunsDatabase implements RunsDatabase {
  /**
   * The advisory lock of run store writes: the two-int form, whose keys never equal a one-bigint
   * key another part of the product may lock; 0x52554e53 is "RUNS".
   */
  private static final String LOCK = "SELECT pg_advisory_xact_lock(1381322323, 0)";

  private final Settings.Database database;
  private final Work<?> schema;

  /** Tables all made by Flyway. */
  PgRunsDatabase(Settings.Database database) {
    this(database, c -> null);
  }

  /**
   * @param schema what a write does first, after the lock, beyond Flyway's scripts
   */
  PgRunsDatabase(Settings.Database database, Work<?> schema) {
    this.database = database;
    this.schema = schema;
  }

  @Override
  public <T> T write(String doing, Work<T> work) {
    PgSchema.migrate(database);
    // Closed with its transaction open (any failure), the connection's work is rolled back.
    try (Connection c = Postgres.connect(database);
        Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      st.execute(LOCK);
      schema.apply(c);
      T result = work.apply(c);
      c.commit();
      return result;
    } catch (SQLException e) {
      throw new StoreException(doing + " in " + database.shownUrl(), e);
    }
  }

  @Override
  public <T> T read(String table, String doing, Read<T> read) {
    try (Connection c = Postgres.connect(database)) {
      // One snapshot for the whole read (a workbook's row and its chunks agree), and a transaction,
      // without which PgJDBC ignores the fetch size and reads every row at once.
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      c.setAutoCommit(false);
      Set<String> columns = tableColumns(c, table);
      T result = columns.isEmpty() ? null : read.apply(c, columns);
      c.rollback();
      return result;
    } catch (SQLException e) {
      throw new StoreException(doing + " from " + database.shownUrl(), e);
    }
  }

  /** The column names of {@code table} in the current schema, lower-case; empty when none. */
  static Set<String> tableColumns(Connection c, String table) throws SQLException {
    Set<String> names = new HashSet<>();
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ?")) {
      st.setString(1, table);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1).toLowerCase(Locale.ROOT));
        }
      }
    }
    return names;
  }

  @Override
  public String toString() {
    return database.shownUrl();
  }
}
