package dev.reconciler.core.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Source;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's contract against real SQLite files, and what only SQLite has. */
class SqliteLedgerStoreTest extends LedgerStoreContract {
  @TempDir Path dir;
  private Path db;

  @Override
  LedgerStore store(String input) throws Exception {
    if (db == null) {
      db = dir.resolve("runs.db");
      Files.createFile(db);
    }
    return new SqliteLedgerStore(db, input, 5000, CLOCK);
  }

  /**
   * A run reads the items still open through their partial index, in the rowid order its pages
   * need, not by a scan of every item the ledger ever held (cleared ones grow with its history).
   */
  @Test
  void theItemsStillOpenAreReadThroughTheirIndexNotByAScanOfTheLedger() throws Exception {
    store.record(
        "run-1", outcome(D1, List.of(item(Source.SALES, "S1", D1, null)), List.of(), List.of()));
    List<String> plan =
        plan(
            dev.reconciler.core.store.PackedPages.pageQuery(
                SqliteLedgerStore.ITEMS,
                "transaction_id",
                SqliteLedgerStore.STILL_OPEN + " AND input_db = ?2 AND opened_on <= ?3"));
    assertTrue(
        plan.stream()
            .anyMatch(d -> d.contains("USING INDEX " + SqliteLedgerStore.ITEMS + "_still_open")),
        plan.toString());
    assertFalse(
        plan.stream().anyMatch(d -> d.startsWith("SCAN " + SqliteLedgerStore.ITEMS)),
        plan.toString());
    assertFalse(plan.stream().anyMatch(d -> d.contains("TEMP B-TREE")), plan.toString());
  }

  /**
   * The few items a rerun finds cleared after its date are searched in the cleared items' index.
   */
  @Test
  void theItemsClearedAfterARerunsDateAreReadThroughTheClearedIndex() throws Exception {
    store.record(
        "run-1", outcome(D1, List.of(item(Source.SALES, "S1", D1, null)), List.of(), List.of()));
    List<String> plan =
        plan(
            dev.reconciler.core.store.PackedPages.pageQuery(
                SqliteLedgerStore.ITEMS, "transaction_id", SqliteLedgerStore.CLEARED_AFTER));
    assertTrue(
        plan.stream()
            .anyMatch(
                d ->
                    d.startsWith("SEARCH ")
                        && d.contains("USING INDEX " + SqliteLedgerStore.ITEMS + "_open")
                        && d.contains("cleared_on>?")),
        plan.toString());
  }

  /**
   * What a run takes back first (a rerun's earlier writes) is found through an index each, not by
   * reading every item the ledger ever held: that history grows by thousands of rows a day.
   */
  @Test
  void whatARunTakesBackIsFoundThroughAnIndexNotByReadingTheLedgersHistory() throws Exception {
    store.record(
        "run-1", outcome(D1, List.of(item(Source.SALES, "S1", D1, null)), List.of(), List.of()));
    assertEquals(6, JdbcLedgerStore.TAKE_BACK.size());
    for (String takeBack : JdbcLedgerStore.TAKE_BACK) {
      List<String> plan = plan(takeBack);
      // Each ranges over its date column: a search on input_db alone reads every item of it.
      assertTrue(
          plan.stream().anyMatch(d -> d.startsWith("SEARCH ") && d.contains(">?)")),
          takeBack + ": " + plan);
    }
  }

  /** A prune finds what it deletes through an index each too, not by reading the history whole. */
  @Test
  void whatAPruneDeletesIsFoundThroughAnIndex() throws Exception {
    store.record(
        "run-1", outcome(D1, List.of(item(Source.SALES, "S1", D1, null)), List.of(), List.of()));
    assertEquals(3, JdbcLedgerStore.PRUNE.size());
    for (String prune : JdbcLedgerStore.PRUNE) {
      List<String> plan = plan(prune);
      assertTrue(
          plan.stream().anyMatch(d -> d.startsWith("SEARCH ") && d.contains("<?)")),
          prune + ": " + plan);
    }
  }

  /** Completing items looks each key up in the primary key, not every item of the input. */
  @Test
  void completingItemsLooksEachKeyUpNotEveryItem() throws Exception {
    store.record(
        "run-1", outcome(D1, List.of(item(Source.SALES, "S1", D1, null)), List.of(), List.of()));
    List<String> plan = plan(JdbcLedgerStore.completeSql(3));
    assertTrue(
        plan.stream()
            .anyMatch(
                d ->
                    d.startsWith("SEARCH i ")
                        && d.contains(
                            "(input_db=? AND source=? AND transaction_id=? AND opened_on=?)")),
        plan.toString());
  }

  /**
   * The unpaid sales of the day's processor ids are looked up in the primary key, not read from
   * every sale the ledger ever kept.
   */
  @Test
  void unpaidSalesAreLookedUpByIdNotReadWhole() throws Exception {
    store.record(
        "run-1", outcome(D1, List.of(item(Source.SALES, "S1", D1, null)), List.of(), List.of()));
    List<String> plan = plan(JdbcLedgerStore.unpaidSql(3));
    assertTrue(
        plan.stream()
            .anyMatch(
                d ->
                    d.startsWith("SEARCH " + JdbcLedgerStore.UNPAID)
                        && d.contains("(input_db=? AND source=? AND transaction_id=?")),
        plan.toString());
  }

  /** SQLite's plan for {@code sql} on the store's file, one line per step. */
  private List<String> plan(String sql) throws Exception {
    List<String> plan = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        java.sql.ResultSet rs = c.createStatement().executeQuery("EXPLAIN QUERY PLAN " + sql)) {
      while (rs.next()) {
        plan.add(rs.getString(4));
      }
    }
    return plan;
  }

  @Test
  void aLedgerTableOfAnOlderLayoutIsMigratedInPlace() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE reconciler_ledger_items (input_db TEXT NOT NULL, source TEXT NOT NULL,"
              + " transaction_id TEXT NOT NULL, opened_on TEXT NOT NULL, line INTEGER,"
              + " amount TEXT, currency TEXT, status TEXT,"
              + " PRIMARY KEY (input_db, source, transaction_id, opened_on))");
      st.execute(
          "INSERT INTO reconciler_ledger_items VALUES"
              + " ('/data/input.db', 'SALES', 'OLD', '2026-10-31', 3, '1.50', 'USD', 'PAID')");
      st.execute(
          "CREATE TABLE reconciler_ledger_runs (input_db TEXT NOT NULL, business_date TEXT NOT NULL,"
              + " run_id TEXT NOT NULL, PRIMARY KEY (input_db, business_date))");
      st.execute(
          "INSERT INTO reconciler_ledger_runs VALUES ('/data/input.db', '2026-10-31', 'r0')");
    }
    store.record(
        "r1", outcome(D1, List.of(item(Source.SALES, "A", D1, null)), List.of(), List.of()));
    List<OpenItem> open = store.before(D2).open();
    assertEquals(2, open.size());
    OpenItem old = open.stream().filter(i -> i.transactionId().equals("OLD")).findFirst().get();
    assertEquals(new BigDecimal("1.50"), old.row().amount());
    assertEquals(LocalDate.of(2026, 10, 31), old.openedOn());
    assertFalse(old.missing());
  }

  @Test
  void theLockKeepsASecondRunWaitingUntilTheFirstCloses() throws Exception {
    Path lockFile = dir.resolve("runs.db.ledger-lock");
    AtomicBoolean entered = new AtomicBoolean();
    CountDownLatch started = new CountDownLatch(1);
    Thread second;
    try (LedgerLock first = FileLedgerLock.acquire(lockFile)) {
      second =
          new Thread(
              () -> {
                started.countDown();
                try (LedgerLock l = FileLedgerLock.acquire(lockFile)) {
                  entered.set(true);
                }
              });
      second.start();
      assertTrue(started.await(5, TimeUnit.SECONDS));
      second.join(300);
      assertFalse(entered.get(), "entered while the first run held the ledger");
    }
    second.join(5000);
    assertTrue(entered.get());
  }

  /**
   * One input file named two ways (a symbolic link to it) has one ledger ({@link Ledgers#inputName}
   * reads the real path), so a run through either name must wait for a run through the other.
   */
  @Test
  void aRunThroughALinkToTheInputWaitsForARunThroughItsRealName() throws Exception {
    Path input = dir.resolve("input.db");
    Files.createFile(input);
    Path link = Files.createSymbolicLink(dir.resolve("today.db"), input);
    Settings settings = SettingsLoader.load(null, Map.of());
    Thread second;
    try (LedgerLock first = Ledgers.lock(settings, input)) {
      second = new Thread(() -> Ledgers.lock(settings, link).close());
      second.start();
      // Parked on the lock (a blocker set), or through it already (terminated).
      while (LockSupport.getBlocker(second) == null && second.isAlive()) {
        Thread.onSpinWait();
      }
      assertTrue(second.isAlive(), "took the ledger's lock while a run held it by its real name");
    }
    second.join();
  }

  /**
   * A run whose input has no run of the day before, in a ledger holding one for a file that is
   * gone, says how to take that ledger over: the database was presumably moved from there.
   */
  @Test
  void aRunStartingEmptyNamesTheGoneFileWhoseLedgerItMayBe() throws Exception {
    store.record(
        "run-1", outcome(D1, List.of(item(Source.SALES, "S1", D1, null)), List.of(), List.of()));
    Path here = Files.createFile(dir.resolve("here.db"));
    String start = store(here.toString()).before(D2).emptyStart();
    assertTrue(
        start.contains(
            "which is gone: if this database was moved from there, 'reconciler ledger --move-from"
                + " /data/input.db --replace'"),
        start);

    Path still = Files.createFile(dir.resolve("still.db"));
    store(still.toString())
        .record(
            "run-2",
            outcome(D1, List.of(item(Source.SALES, "S2", D1, null)), List.of(), List.of()));
    String other = store(dir.resolve("other.db").toString()).before(D2).emptyStart();
    assertTrue(other.contains("/data/input.db"), other);
    assertFalse(other.contains(still.toString()), "a file still there is another input: " + other);
  }
}
