package dev.reconciler.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a PostgreSQL connection that waits while its run works (the ledger's lock, a ledger record
 * written and waiting for its commit) from looking idle: a server's idle_session_timeout or
 * idle_in_transaction_session_timeout, or a firewall or load balancer that drops idle connections
 * (minutes, commonly), would otherwise end its session mid-run, and the run would fail at its
 * commit, again on every retry when it runs longer than the timeout.
 */
public final class KeepAlive implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KeepAlive.class);

  /** How often a waiting connection says something to the server. */
  public static final Duration EVERY = Duration.ofSeconds(20);

  /**
   * One daemon thread serves every waiting connection of the process: a query each, now and then.
   */
  private static final ScheduledExecutorService THREAD =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "postgres-keepalive");
            t.setDaemon(true);
            return t;
          });

  private final Connection connection;
  private final String what;
  private final ScheduledFuture<?> task;

  private KeepAlive(Connection connection, String what, Duration every) {
    this.connection = connection;
    this.what = what;
    long ms = every.toMillis();
    this.task = THREAD.scheduleWithFixedDelay(this::ping, ms, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * Sends {@code SELECT 1} on {@code connection} every so often until closed. Other uses of the
   * connection meanwhile synchronize on it, as the query does.
   *
   * @param what the connection's role, for the warning when it fails
   */
  public static KeepAlive start(Connection connection, String what, Duration every) {
    return new KeepAlive(connection, what, every);
  }

  /** A failure is only logged, once: the run finds out at its commit. */
  private void ping() {
    synchronized (connection) {
      try (Statement st = connection.createStatement()) {
        st.execute("SELECT 1");
      } catch (SQLException e) {
        task.cancel(false);
        log.warn(
            "The connection holding {} failed ({}): its run will not commit, and is retried",
            what,
            e.getMessage());
      }
    }
  }

  /** Stops the queries; the connection is left as it is. */
  @Override
  public void close() {
    task.cancel(false);
  }
}
