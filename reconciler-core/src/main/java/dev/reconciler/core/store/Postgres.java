package dev.reconciler.core.store;

import dev.reconciler.core.config.Settings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/** Connections to the PostgreSQL database of [database] url. */
public final class Postgres {
  /** What starts every binary COPY stream, before its flags and header-extension length. */
  public static final byte[] COPY_SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0
  };

  private Postgres() {}

  /**
   * A configured table or column name as PostgreSQL takes it written plainly: in lower case (SQLite
   * matches a name in any case), quoted so that a reserved word names it too.
   */
  static String identifier(String name) {
    return "\"" + folded(name) + "\"";
  }

  /** {@link #identifier} unquoted: the name of the table an import makes and a reconcile reads. */
  static String folded(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * A connection logged in as [database] user and password (blank: the driver's defaults), from
   * this process's pool ({@link PgPools}): its session outlives its close, so it must not be left
   * holding a session-level lock or setting.
   */
  public static Connection connect(Settings.Database database) {
    try {
      return PgPools.connect(database);
    } catch (SQLException e) {
      throw new StoreException("connecting to " + database.shownUrl(), e);
    }
  }

  /**
   * A connection of its own, outside the pool, whose session ends when it is closed: for what holds
   * a session-level advisory lock, which closing it has to give back, and for a COPY stream, which
   * a failure may leave half read (see {@link PooledConnection}).
   */
  public static Connection session(Settings.Database database) {
    try {
      return login(database);
    } catch (SQLException e) {
      throw new StoreException("connecting to " + database.shownUrl(), e);
    }
  }

  /** A new session, its errors shown with the URL masked (the pool's are made here too). */
  static Connection login(Settings.Database database) throws SQLException {
    Properties login = new Properties();
    if (!database.user().isBlank()) {
      login.setProperty("user", database.user());
    }
    if (!database.password().isEmpty()) {
      login.setProperty("password", database.password());
    }
    // The driver's messages name the host and the user, never the password.
    login.setProperty("ApplicationName", "reconciler");
    try {
      return DriverManager.getConnection(database.postgresUrl(), login);
    } catch (SQLException e) {
      throw masked(e, database);
    }
  }

  /**
   * The driver's error with the URL shown masked: a URL it cannot parse (a password holding a '%')
   * it quotes whole, password and all, in a message that reaches the log and the console.
   */
  private static SQLException masked(SQLException e, Settings.Database database) {
    String message = String.valueOf(e.getMessage());
    if (!message.contains(database.postgresUrl())) {
      return e;
    }
    SQLException shown =
        new SQLException(
            message.replace(database.postgresUrl(), database.shownUrl()),
            e.getSQLState(),
            e.getErrorCode());
    shown.setStackTrace(e.getStackTrace());
    return shown;
  }
}
