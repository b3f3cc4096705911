package dev.reconciler.core.ledger;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.store.KeepAlive;
import dev.reconciler.core.store.Postgres;
import dev.reconciler.core.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock of a ledger kept in PostgreSQL: a session advisory lock in the ledger's database, held
 * on a connection of its own for the run, so runs on every host that reaches the database queue on
 * it. The server lets it go when the connection ends, however it ends: closed here, or dropped when
 * a worker is killed. Each holder has its own connection, so threads of one process queue too.
 */
final class PgLedgerLock implements LedgerLock {
  private static final Logger log = LoggerFactory.getLogger(PgLedgerLock.class);

  /**
   * The first key of the two-key advisory locks a run holds; {@link #WRITE} guards one write
   * transaction, and a run's read of the carried items takes it shared, so that it waits for a
   * record still being written by a run that lost its lock (see {@link #confirmHeld}). Two classes,
   * since a run writes its ledger on another connection while it holds its run lock, and one key
   * would have it wait for itself.
   */
  // "LGDR" in ASCII: a class of keys no other advisory lock of ours uses.
  static final int RUN = 0x4c474452;

  static final int WRITE = RUN + 1;

  private final Connection connection;
  private final String shown;
  private final KeepAlive keepAlive;

  private PgLedgerLock(Connection connection, String shown, Duration every) {
    this.connection = connection;
    this.shown = shown;
    this.keepAlive = KeepAlive.start(connection, "the ledger's lock in " + shown, every);
  }

  /**
   * Blocks until this thread holds the ledger named {@code input} in the database. Its connection,
   * idle while the run works, is kept alive ({@link KeepAlive}).
   */
  static PgLedgerLock acquire(Settings.Database database, String input) {
    return acquire(database, input, KeepAlive.EVERY);
  }

  /** {@link #acquire}, its connection kept alive {@code every} so often. */
  static PgLedgerLock acquire(Settings.Database database, String input, Duration every) {
    Connection c = Postgres.session(database);
    try {
      if (!call(c, "pg_try_advisory_lock", RUN, input)) {
        log.info("Waiting for another run to finish with the ledger of {}", input);
        call(c, "pg_advisory_lock", RUN, input);
      }
      return new PgLedgerLock(c, database.shownUrl(), every);
    } catch (SQLException | RuntimeException e) {
      throw JdbcLedgerStore.failed(
          c, e, "locking the ledger of " + input + " in " + database.shownUrl());
    }
  }

  /**
   * Calls an advisory-lock function on the two keys ({@code kind}, a hash of {@code input}): a hash
   * shared by two inputs only makes their runs wait for each other, never lets two runs of one in.
   *
   * @return what it returned, true for the functions that return nothing
   */
  static boolean call(Connection c, String function, int kind, String input) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT " + function + "(?, ?)")) {
      st.setInt(1, kind);
      st.setInt(2, input.hashCode());
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        Object result = rs.getObject(1);
        return !(result instanceof Boolean b) || b;
      }
    }
  }

  /**
   * Asks the server whether this session still holds the run lock: a session the server ended (an
   * idle_session_timeout, a restart, a connection dropped by the network) lost it, and another run
   * may hold it now. The lock connection holds one run lock, so the class and the pid name it.
   */
  @Override
  public void confirmHeld() {
    synchronized (connection) {
      confirm();
    }
  }

  private void confirm() {
    try (PreparedStatement st =
        connection.prepareStatement(
            "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
                + " AND classid = ?::oid AND granted")) {
      st.setLong(1, RUN);
      try (ResultSet rs = st.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      throw new StoreException(confirming(), new SQLException("no run lock held by this session"));
    } catch (SQLException e) {
      throw new StoreException(confirming(), e);
    }
  }

  private String confirming() {
    return "confirming the run still holds the ledger's lock in "
        + shown
        + " before it commits (a lock whose session ended may be another run's now: nothing of"
        + " this run is committed)";
  }

  @Override
  public void close() {
    keepAlive.close();
    // Ending the session releases its advisory locks: no unlock that a lost connection could miss.
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("releasing the ledger's lock in " + shown, e);
    }
  }
}
