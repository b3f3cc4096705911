package dev.reconciler.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.reconciler.core.config.Settings;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * This process's pools of PostgreSQL connections (HikariCP), one per URL, user and password. A run
 * opened some fourteen sessions, more with parts (run records, the inputs, the ledger's reads and
 * writes), and a new one costs the server a process and the client a login each time, more across a
 * network with TLS and SCRAM.
 *
 * <p>A pooled connection goes back with its transaction rolled back and its auto-commit, read-only
 * and isolation settings reset ({@link PooledConnection} says when its session ends instead), but
 * anything else its session holds stays for the next borrower: so whatever holds a session-level
 * lock opens its own connection ({@link Postgres#session}).
 */
final class PgPools {
  /** An idle worker's connections go back to the server, not held all day between runs. */
  static final Duration IDLE = Duration.ofSeconds(30);

  /**
   * How long a borrower waits out a server that is restarting, or a pool whose sessions are all
   * busy, before its work fails.
   */
  static final Duration WAIT = Duration.ofSeconds(10);

  /**
   * How long one request to the pool waits. The pool makes a session for a waiting borrower when it
   * asks, and not again: if another thread takes that session first and it then ends (a connection
   * closed for good, {@link PooledConnection}) instead of coming back, the borrower would wait out
   * the whole of {@link #WAIT} with a session free to make. Asking again each slice makes such a
   * loss cost a slice.
   */
  static final Duration SLICE = Duration.ofSeconds(1);

  private static final Map<Key, HikariDataSource> POOLS = new ConcurrentHashMap<>();
  private static final AtomicInteger NAMES = new AtomicInteger();

  private record Key(String url, String user, String password, int size) {
    static Key of(Settings.Database database) {
      return new Key(
          database.postgresUrl(), database.user(), database.password(), database.poolSize());
    }
  }

  private PgPools() {}

  /**
   * A connection from the database's pool, made on first use. A pool is made only once a first
   * session has logged in: a wrong URL, user or password fails at once with the driver's own
   * message, not after the pool's wait for a connection, and leaves no pool behind.
   */
  static Connection connect(Settings.Database database) throws SQLException {
    HikariDataSource pool = POOLS.get(Key.of(database));
    if (pool == null) {
      Postgres.login(database).close();
      pool = POOLS.computeIfAbsent(Key.of(database), k -> open(database));
    }
    Connection pooled;
    try {
      pooled = borrow(pool);
    } catch (SQLTransientConnectionException e) {
      throw why(e, database);
    }
    return new PooledConnection(pooled, pool);
  }

  /**
   * Why no session came: the driver's reason when a login failed; else every session was in use.
   * The pool's own message says only that it waited, and for one request's {@link #SLICE}.
   */
  static SQLException why(SQLTransientConnectionException e, Settings.Database database) {
    if (e.getCause() instanceof SQLException c) {
      return c;
    }
    return new SQLTransientConnectionException(
        "no session free within "
            + WAIT.toSeconds()
            + " s: this process's [database] pool_size = "
            + database.poolSize()
            + " sessions were all in use",
        e);
  }

  /**
   * A connection from the pool, asked for each {@link #SLICE} until {@link #WAIT} has passed, and
   * whether or not the thread is interrupted, its interrupt kept for its work to see: as logging in
   * to the server never looked at it, a run stopped by its worker still records its failure, and
   * only a stop its work checks stops it.
   */
  private static Connection borrow(HikariDataSource pool) throws SQLException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    boolean interrupted = Thread.interrupted();
    try {
      while (true) {
        try {
          return pool.getConnection();
        } catch (SQLTransientConnectionException e) {
          // The pool waited a slice: interrupted meanwhile or not, it is asked again in time.
          interrupted |= Thread.interrupted();
          if (System.nanoTime() - deadline >= 0) {
            throw e;
          }
        } catch (SQLException e) {
          if (!Thread.interrupted()) {
            throw e;
          }
          interrupted = true; // interrupted while it waited: it waits again
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Closes this process's pooled connections to the database of {@code database}'s URL, as any user
   * and with any parameters, idle ones at once: before it is dropped or copied as a template, which
   * PostgreSQL refuses while anyone is connected to it.
   */
  static void close(Settings.Database database) {
    String target = withoutParameters(database.postgresUrl());
    POOLS.keySet().stream()
        .filter(key -> withoutParameters(key.url()).equals(target))
        .toList()
        .forEach(
            key -> {
              HikariDataSource pool = POOLS.remove(key);
              if (pool != null) {
                pool.close();
              }
            });
  }

  private static String withoutParameters(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  private static HikariDataSource open(Settings.Database database) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("reconciler-pg-" + NAMES.incrementAndGet());
    // Sessions made by Postgres.login, as one of its own is: the pool never sees the URL, so the
    // driver's errors, and whatever the pool logs of them, show it masked.
    config.setDataSource(new Login(database));
    config.setMaximumPoolSize(database.poolSize());
    config.setMinimumIdle(0);
    config.setIdleTimeout(IDLE.toMillis());
    config.setConnectionTimeout(SLICE.toMillis());
    // At most the request's wait (the pool would shorten it, and warn).
    config.setValidationTimeout(SLICE.toMillis());
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  /** The pool's source of new sessions: {@link Postgres#login}. */
  private static final class Login implements DataSource {
    private final Settings.Database database;
    private PrintWriter log;
    private int loginTimeout;

    Login(Settings.Database database) {
      this.database = database;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return Postgres.login(database);
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException("the login is [database] user and password");
    }

    @Override
    public PrintWriter getLogWriter() {
      return log;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
      log = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
      loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
      return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
