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
import java.sql.Statement;
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
