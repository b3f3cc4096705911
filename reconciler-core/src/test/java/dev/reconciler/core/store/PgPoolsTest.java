package dev.reconciler.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.reconciler.core.config.Settings;
import java.io.InputStream;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

class PgPoolsTest {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @Test
  void aClosedConnectionsSessionServesTheNextOne() throws SQLException {
    pg.newDatabase("reused");
    Settings.Database database = pg.settings("reused");

    int first = backendPid(database);

    assertThat(backendPid(database)).isEqualTo(first);
  }

  /**
   * A transaction open when its connection is closed is rolled back, as the session's end rolls it
   * back on a connection of its own, even when only a COPY through the driver's API wrote in it:
   * the pool sees no statement then, and resetting auto-commit would commit the copied rows.
   */
  @Test
  void rowsCopiedInATransactionLeftOpenAreRolledBackOnClose() throws Exception {
    pg.newDatabase("copied");
    Settings.Database database = pg.settings("copied");
    execute(database, "CREATE TABLE t (x int)");

    try (Connection c = Postgres.connect(database)) {
      c.setAutoCommit(false);
      c.unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn("COPY t FROM STDIN", new StringReader("1\n2\n"));
    }

    assertThat(count(database, "SELECT count(*) FROM t")).isZero();
    try (Connection c = Postgres.connect(database)) {
      assertThat(c.getAutoCommit()).as("handed out as a new connection is").isTrue();
    }
  }

  /**
   * A COPY stream its reader dropped halfway (an out-of-memory error, a stop) leaves the rest of
   * the table on the wire: that session ends, and the next borrower's work is not handed it.
   */
  @Test
  // Handed the rest, the next borrower's driver would wait for the stream's end for good.
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aCopyStreamLeftHalfReadDoesNotReachTheNextBorrower() throws Exception {
    pg.newDatabase("half_read");
    Settings.Database database = pg.settings("half_read");
    execute(database, "CREATE TABLE t AS SELECT x FROM generate_series(1, 100000) AS x");
    int copied;
    try (Connection c = Postgres.connect(database)) {
      copied = pid(c);
      InputStream in = new PGCopyInputStream(c.unwrap(PGConnection.class), "COPY t TO STDOUT");
      assertThat(in.read()).isEqualTo('1');
    }

    try (Connection c = Postgres.connect(database)) {
      assertThat(pid(c)).isNotEqualTo(copied);
      assertThat(count(c, "SELECT count(*) FROM t")).isEqualTo(100_000);
    }
  }

  /**
   * A run its worker stopped still records its failure: logging in never looked at the interrupt,
   * and neither does a wait for the pool's first session. The interrupt stays for the work to see.
   */
  @Test
  void anInterruptedThreadStillGetsASessionAndKeepsItsInterrupt() throws SQLException {
    pg.newDatabase("interrupted");
    Settings.Database database = pg.settings("interrupted");

    Thread.currentThread().interrupt();
    int pid;
    try {
      pid = backendPid(database);
    } finally {
      assertThat(Thread.interrupted()).as("still interrupted").isTrue();
    }
    assertThat(pid).isPositive();
  }

  /**
   * A database that is not there fails at once with the driver's own message, and a pool is not
   * kept for it: once it exists the next connection works.
   */
  @Test
  void aDatabaseNotThereFailsWithTheDriversMessageUntilItIs() throws SQLException {
    Settings.Database database = pg.settings("later");

    Throwable failure = catchThrowable(() -> Postgres.connect(database));

    assertThat(failure)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("connecting to " + database.shownUrl())
        .hasMessageContaining("does not exist");
    pg.newDatabase("later");
    assertThat(backendPid(database)).isPositive();
  }

  /**
   * Released, the pool's idle sessions end: the server then drops the database, which it refuses
   * while anyone is connected (it waits a few seconds for sessions on their way out).
   */
  @Test
  void releasedTheDatabaseCanBeDropped() throws SQLException {
    pg.newDatabase("dropped");
    pg.newDatabase("beside");
    Settings.Database database = pg.settings("dropped");
    backendPid(database);

    pg.release(database);

    try (Connection c = DriverManager.getConnection(pg.url("beside"), "postgres", "");
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE " + pg.serverWide("dropped"));
    }
  }

  /** A session of its own is not the pool's: closing it ends it, and what it held. */
  @Test
  void aSessionOfItsOwnEndsWhenClosed() throws SQLException {
    pg.newDatabase("session");
    Settings.Database database = pg.settings("session");
    int pooled = backendPid(database);
    int own;
    try (Connection c = Postgres.session(database)) {
      own = pid(c);
    }

    assertThat(own).isNotEqualTo(pooled);
    // The server ends a session shortly after its client leaves.
    long deadline = System.nanoTime() + 10_000_000_000L;
    long left;
    while ((left = count(database, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + own)) > 0
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(left).isZero();
  }

  /**
   * The pool makes a session for a waiting borrower once. When every session is in use and one of
   * them then ends instead of coming back (its driver's API was used), the borrower still gets a
   * session: without asking again it would wait out the whole wait and fail with one free to make.
   */
  @Test
  void aSessionEndedWhileAllWereInUseIsMadeAgainForTheBorrowerWaiting() throws Exception {
    pg.newDatabase("ended");
    Settings.Database database = sized(pg.settings("ended"), 2);
    Connection ended = Postgres.connect(database);
    try (Connection held = Postgres.connect(database)) {
      CompletableFuture<Integer> waiter = new CompletableFuture<>();
      Thread borrower =
          new Thread(
              () -> {
                try {
                  waiter.complete(backendPid(database));
                } catch (Throwable e) {
                  waiter.completeExceptionally(e);
                }
              });
      borrower.start();
      awaitWaiting(borrower);
      // The pool's attempt to make one for it finds none may be made, and gives up.
      Thread.sleep(500);

      ended.unwrap(PGConnection.class);
      ended.close();

      assertThat(waiter.get(30, TimeUnit.SECONDS)).isNotEqualTo(pid(held));
    }
  }

  /** A pool whose sessions are all busy is waited on beyond one request's wait. */
  @Test
  void aBorrowerWaitsForABusySessionLongerThanOneRequest() throws Exception {
    pg.newDatabase("busy");
    Settings.Database database = sized(pg.settings("busy"), 1);
    Connection busy = Postgres.connect(database);
    int pid = pid(busy);
    CompletableFuture<Integer> waiter =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return backendPid(database);
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });

    Thread.sleep(PgPools.SLICE.toMillis() * 2);
    assertThat(waiter).isNotDone();
    busy.close();

    assertThat(waiter.get(30, TimeUnit.SECONDS)).isEqualTo(pid);
  }

  /** Work that found every session busy for the whole wait is told which setting bounds them. */
  @Test
  void allSessionsBusyNamesThePoolSize() {
    Settings.Database database = sized(pg.settings("any"), 3);

    // A SQLException is also an Iterable of its causes: asserted as a Throwable.
    Throwable failure =
        PgPools.why(new SQLTransientConnectionException("request timed out"), database);

    assertThat(failure)
        .hasMessage(
            "no session free within 10 s: this process's [database] pool_size = 3 sessions were"
                + " all in use");
    SQLException driver = new SQLException("connection refused");
    assertThat((Throwable) PgPools.why(new SQLTransientConnectionException("to", driver), database))
        .as("the driver's own reason when it gave one")
        .isSameAs(driver);
  }

  private static Settings.Database sized(Settings.Database d, int poolSize) {
    return new Settings.Database(
        d.salesTable(),
        d.processorTable(),
        d.busyTimeoutMs(),
        d.postgresUrl(),
        d.user(),
        d.password(),
        poolSize);
  }

  /**
   * Until the thread waits on the pool (a thread waiting for a session is parked with a timeout).
   */
  private static void awaitWaiting(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (thread.getState() != Thread.State.TIMED_WAITING) {
      assertThat(System.nanoTime()).as("waiting by now").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static int backendPid(Settings.Database database) throws SQLException {
    try (Connection c = Postgres.connect(database)) {
      return pid(c);
    }
  }

  private static int pid(Connection c) throws SQLException {
    return (int) count(c, "SELECT pg_backend_pid()");
  }

  private static void execute(Settings.Database database, String sql) throws SQLException {
    try (Connection c = Postgres.connect(database);
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static long count(Settings.Database database, String sql) throws SQLException {
    try (Connection c = Postgres.connect(database)) {
      return count(c, sql);
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
