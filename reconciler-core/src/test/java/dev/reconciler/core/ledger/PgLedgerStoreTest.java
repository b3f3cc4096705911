package dev.reconciler.core.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reconciler.core.config.SameDaySettings;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store's contract against a real PostgreSQL server, each test in a database of its own, and
 * the advisory lock that keeps runs of one ledger apart across hosts.
 */
class PgLedgerStoreTest extends LedgerStoreContract {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private Settings.Database database;

  /** Every store of a test shares one new database, made at the first. */
  @Override
  LedgerStore store(String input) throws SQLException {
    if (database == null) {
      // A name never used before: the schema is migrated once per URL and process.
      String name = "ledger" + DATABASES.incrementAndGet();
      pg.newMigratedDatabase(name);
      database = pg.settings(name);
    }
    return new PgLedgerStore(database, input, CLOCK);
  }

  @Test
  void theLedgerIsNamedByTheDatabaseAndTheSalesTableNotTheHostOrTheUser() {
    Settings.Database here =
        new Settings.Database(
            "sales", "p", 1000, "jdbc:postgresql://localhost:5432/books?ssl=true", "ann", "pw");
    Settings.Database elsewhere =
        new Settings.Database(
            "sales", "p", 1000, "jdbc:postgresql://db.internal/books", "bob", "other");
    assertEquals("books/sales", PgLedgerStore.inputName(here));
    assertEquals(PgLedgerStore.inputName(here), PgLedgerStore.inputName(elsewhere));
    Settings.Database otherTable =
        new Settings.Database(
            "sales_eu", "p", 1000, "jdbc:postgresql://localhost/books", "ann", "pw");
    assertEquals("books/sales_eu", PgLedgerStore.inputName(otherTable));
  }

  /**
   * A run reads the items open after a date through the indexes, not by a scan of every item the
   * ledger ever held (cleared ones grow with its history).
   */
  @Test
  void theOpenItemsAreReadThroughIndexesNotByAScanOfTheLedger() throws Exception {
    List<OpenItem> items = new ArrayList<>();
    List<ClearedItem> cleared = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      OpenItem item = item(Source.SALES, "T" + i, D1, null);
      items.add(item);
      if (i >= 100) {
        cleared.add(new ClearedItem(item, item.row(), D2, null));
      }
    }
    store.record("r1", outcome(D1, items, List.of(), List.of()));
    store.record("r2", outcome(D2, items.subList(0, 100), cleared, List.of()));
    List<String> plan = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(database.postgresUrl(), "postgres", "")) {
      c.createStatement().execute("ANALYZE " + JdbcLedgerStore.ITEMS);
      try (PreparedStatement st =
          c.prepareStatement(
              "EXPLAIN SELECT "
                  + JdbcLedgerStore.OPEN_COLUMNS
                  + " FROM "
                  + JdbcLedgerStore.ITEMS
                  + " WHERE "
                  + PgLedgerStore.OPEN_AFTER)) {
        st.setString(1, "/data/input.db");
        st.setString(2, D2.toString());
        st.setString(3, D2.toString());
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            plan.add(rs.getString(1));
          }
        }
      }
    }
    assertTrue(plan.stream().anyMatch(line -> line.contains("Index")), plan.toString());
    assertFalse(plan.stream().anyMatch(line -> line.contains("Seq Scan")), plan.toString());
    // Not the index of opening dates either: every item of the history is opened before the date.
    assertFalse(
        plan.stream().anyMatch(line -> line.contains(JdbcLedgerStore.ITEMS + "_opened")),
        plan.toString());
  }

  @Test
  void theLedgersTablesAreFlywaysVersionTwo() throws Exception {
    // An empty database, not the other tests' copy of a migrated one: the store makes its tables.
    String name = "ledger" + DATABASES.incrementAndGet();
    pg.newDatabase(name);
    database = pg.settings(name);
    store("any").lastRunDate();
    try (Connection c = DriverManager.getConnection(database.postgresUrl(), "postgres", "");
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT version FROM reconciler_schema_history WHERE success ORDER BY"
                        + " installed_rank")) {
      List<String> versions = new ArrayList<>();
      while (rs.next()) {
        versions.add(rs.getString(1));
      }
      assertTrue(versions.contains("2"), versions.toString());
    }
  }

  @Test
  void ledgersPicksThePostgresStoreAndLockWhenTheUrlIsPostgres() {
    Settings settings =
        SameDaySettings.load(
            Map.of(
                "RECONCILER_DATABASE_URL",
                database.postgresUrl(),
                "RECONCILER_DATABASE_USER",
                "postgres"));
    Path nowhere = Path.of("no-such-input.db");
    try (LedgerStore ledger = Ledgers.open(settings, nowhere, CLOCK);
        LedgerLock lock = Ledgers.lock(settings, nowhere)) {
      assertInstanceOf(PgLedgerStore.class, ledger);
      assertInstanceOf(PgLedgerLock.class, lock);
    }
  }

  @Test
  void aSecondHolderWaitsUntilTheFirstCloses() throws Exception {
    AtomicBoolean entered = new AtomicBoolean();
    Thread second;
    try (LedgerLock first = PgLedgerLock.acquire(database, "books/sales")) {
      second = new Thread(() -> holdBriefly(entered));
      second.start();
      awaitWaiters(1);
      assertFalse(entered.get(), "entered while the first run held the ledger");
    }
    second.join();
    assertTrue(entered.get());
  }

  @Test
  void aHolderWhoseConnectionDropsLetsTheNextRunIn() throws Exception {
    AtomicBoolean entered = new AtomicBoolean();
    LedgerLock first = PgLedgerLock.acquire(database, "books/sales");
    Thread second = new Thread(() -> holdBriefly(entered));
    second.start();
    awaitWaiters(1);
    // As when the worker holding it is killed: the server ends its session, never the holder.
    assertEquals(
        true, runLocks("pg_terminate_backend(pid)", "granted"), "the holder's session ended");
    second.join();
    assertTrue(entered.get());
    first.close();
  }

  /**
   * A run whose lock session the server ended mid-run (an idle_session_timeout, a restart) may no
   * longer commit: the next run holds the lock now and reads the ledger. It waits for the record
   * still being written, and the first run's confirmation before commit fails, so the second reads
   * the ledger as it was, not half of two runs.
   */
  @Test
  void aRunWhoseLockWasLostCommitsNothingAndTheNextRunWaitsForItsRecord() throws Exception {
    LedgerStore ledger = store("books/sales");
    LedgerLock first = PgLedgerLock.acquire(database, "books/sales");
    LedgerStore.Recording record =
        ledger.prepare(
            "run-1",
            outcome(D1, List.of(item(Source.SALES, "S1", D1, null)), List.of(), List.of()));
    assertEquals(true, runLocks("pg_terminate_backend(pid)", "granted"), "the session ended");

    CompletableFuture<LedgerState> second =
        CompletableFuture.supplyAsync(
            () -> {
              try (LedgerLock l = PgLedgerLock.acquire(database, "books/sales")) {
                return ledger.before(D2);
              }
            });
    awaitWriteWaiters(1);
    assertFalse(second.isDone(), "read the ledger while a record was being written");

    StoreException lost = assertThrows(StoreException.class, first::confirmHeld);
    assertTrue(lost.getMessage().contains("nothing of this run is committed"), lost.getMessage());
    record.close(); // what the run does once the confirmation failed
    first.close();

    assertNotNull(second.get().emptyStart(), "the lost run's record is not in the ledger");
  }

  /**
   * A resolve or unresolve whose lock's session ended commits nothing: another run may hold the
   * lock by then, and a resolution made beside a run falls between its read and its record.
   */
  @Test
  void aResolutionWhoseLockWasLostCommitsNothing() throws Exception {
    LedgerStore ledger = store("books/sales");
    ledger.record(
        "run-1", outcome(D1, List.of(item(Source.SALES, "S1", D1, null)), List.of(), List.of()));
    ResolveRequest request =
        new ResolveRequest(
            Source.SALES, "S1", Resolution.Outcome.EXPLAINED, "refund", "ann", CLOCK.instant());

    try (LedgerLock lost = PgLedgerLock.acquire(database, "books/sales")) {
      assertEquals(true, runLocks("pg_terminate_backend(pid)", "granted"), "the session ended");
      assertThrows(
          StoreException.class, () -> ledger.resolveAll(List.of(request), lost::confirmHeld));
    }
    assertEquals(List.of("S1"), ledger.openNow().stream().map(OpenItem::transactionId).toList());

    try (LedgerLock held = PgLedgerLock.acquire(database, "books/sales")) {
      ledger.resolveAll(List.of(request), held::confirmHeld);
    }
    assertTrue(ledger.openNow().isEmpty());
    try (LedgerLock lost = PgLedgerLock.acquire(database, "books/sales")) {
      assertEquals(true, runLocks("pg_terminate_backend(pid)", "granted"), "the session ended");
      assertThrows(
          StoreException.class, () -> ledger.unresolve(Source.SALES, "S1", lost::confirmHeld));
    }
    assertTrue(ledger.openNow().isEmpty(), "still resolved");
  }

  @Test
  void aRunStillHoldingItsLockConfirmsIt() {
    try (LedgerLock lock = PgLedgerLock.acquire(database, "books/sales")) {
      lock.confirmHeld();
      lock.confirmHeld();
    }
  }

  /**
   * A server that ends idle sessions (idle_session_timeout, as a DBA may set; a firewall that drops
   * idle connections does the same) would end the lock's connection, idle while its run works: the
   * lock keeps it busy, and the run still holds the lock when it commits.
   */
  @Test
  void aLockOutlivesTheServersIdleSessionTimeout() throws Exception {
    endIdleSessionsAfter("idle_session_timeout", "300ms");
    try (LedgerLock kept = PgLedgerLock.acquire(database, "books/sales", Duration.ofMillis(50))) {
      Thread.sleep(1_000);
      kept.confirmHeld();
    }
    // What it guards against: a lock whose connection says nothing is gone by then.
    try (LedgerLock idle = PgLedgerLock.acquire(database, "books/sales", Duration.ofHours(1))) {
      awaitEnded("granted run lock", () -> ((Number) runLocks("count(*)", "granted")).intValue());
      assertThrows(StoreException.class, idle::confirmHeld);
    }
  }

  /**
   * A record waits, written, in an open transaction while its run writes the workbook (seconds on a
   * big day): a server's idle_in_transaction_session_timeout would end it, and the run fail at its
   * commit on every retry. The store keeps it alive.
   */
  @Test
  void aPreparedRecordOutlivesTheServersIdleInTransactionTimeout() throws Exception {
    store("books/sales"); // the test's database, migrated
    endIdleSessionsAfter("idle_in_transaction_session_timeout", "300ms");
    OpenItem sale = item(Source.SALES, "S1", D1, null);
    LedgerStore kept = new PgLedgerStore(database, "books/sales", CLOCK, Duration.ofMillis(50));
    try (LedgerStore.Recording record =
        kept.prepare("run-1", outcome(D1, List.of(sale), List.of(), List.of()))) {
      Thread.sleep(1_000);
      record.commit();
    }
    assertEquals(List.of(sale), kept.complete(kept.before(D2).open()));

    // What it guards against: a record whose connection says nothing is gone by then.
    LedgerStore idle = new PgLedgerStore(database, "books/sales", CLOCK, Duration.ofHours(1));
    try (LedgerStore.Recording record =
        idle.prepare("run-2", outcome(D2, List.of(), List.of(), List.of()))) {
      awaitEnded("idle in transaction session", () -> sessions("idle in transaction"));
      assertThrows(StoreException.class, record::commit);
    }
  }

  /**
   * Waits until the server has ended what {@code count} counts (a session it times out), instead of
   * sleeping for longer than its timeout: the test then goes on as soon as the server acted.
   */
  private static void awaitEnded(String what, Callable<Integer> count) throws Exception {
    for (int tries = 0; count.call() > 0; tries++) {
      assertTrue(tries < 3000, "the server did not end the " + what);
      Thread.sleep(10);
    }
  }

  /** Sessions of the test's database in {@code state}, other than the one asking. */
  private int sessions(String state) throws SQLException {
    try (Connection admin = DriverManager.getConnection(database.postgresUrl(), "postgres", "");
        PreparedStatement st =
            admin.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND pid <> pg_backend_pid() AND state = ?")) {
      st.setString(1, state);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** Sets {@code setting} (a timeout) for every new session of this test's database. */
  private void endIdleSessionsAfter(String setting, String timeout) throws SQLException {
    try (Connection admin = DriverManager.getConnection(database.postgresUrl(), "postgres", "");
        Statement st = admin.createStatement()) {
      st.execute(
          "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET "
              + setting
              + " = %L', current_database(), '"
              + timeout
              + "'); END $$");
    }
    // A setting reaches new sessions only: the pooled ones the test made so far go.
    pg.release(database);
  }

  @Test
  void runsOfTwoInputsDoNotWaitForEachOther() throws Exception {
    try (LedgerLock sales = PgLedgerLock.acquire(database, "books/sales");
        LedgerLock other = PgLedgerLock.acquire(database, "books/sales_eu")) {
      assertEquals(0, waiters());
    }
  }

  private void holdBriefly(AtomicBoolean entered) {
    try (LedgerLock l = PgLedgerLock.acquire(database, "books/sales")) {
      entered.set(true);
    }
  }

  /** Waits until {@code n} sessions wait for a run lock (the server says so, no clock involved). */
  private void awaitWaiters(int n) throws Exception {
    for (int tries = 0; waiters() < n; tries++) {
      assertTrue(tries < 3000, "nobody waits for the lock");
      Thread.sleep(10);
    }
  }

  private int waiters() throws SQLException {
    return ((Number) runLocks("count(*)", "NOT granted")).intValue();
  }

  /** Waits until {@code n} sessions wait for a write lock. */
  private void awaitWriteWaiters(int n) throws Exception {
    for (int tries = 0;
        ((Number) locks(PgLedgerLock.WRITE, "count(*)", "NOT granted")).intValue() < n;
        tries++) {
      assertTrue(tries < 3000, "nobody waits for the write lock");
      Thread.sleep(10);
    }
  }

  /** The first value of {@code select} over the run locks in the state {@code which}. */
  private Object runLocks(String select, String which) throws SQLException {
    return locks(PgLedgerLock.RUN, select, which);
  }

  /** The first value of {@code select} over the advisory locks of class {@code kind}. */
  private Object locks(int kind, String select, String which) throws SQLException {
    try (Connection admin = DriverManager.getConnection(database.postgresUrl(), "postgres", "");
        PreparedStatement st =
            admin.prepareStatement(
                "SELECT "
                    + select
                    + " FROM pg_locks WHERE locktype = 'advisory' AND classid = ?::oid AND "
                    + EmbeddedPg.LOCKS_OF_THIS_DATABASE
                    + " AND "
                    + which)) {
      st.setLong(1, kind);
      try (ResultSet rs = st.executeQuery()) {
        assertTrue(rs.next(), "no lock " + which);
        return rs.getObject(1);
      }
    }
  }
}
