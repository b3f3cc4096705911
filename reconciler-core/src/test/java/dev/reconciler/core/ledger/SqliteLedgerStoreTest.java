package dev.reconciler.core.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.Status;
import dev.reconciler.core.domain.Txn;
import dev.reconciler.core.domain.UserError;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store against real SQLite files. */
class SqliteLedgerStoreTest {
  private static final LocalDate D1 = LocalDate.of(2026, 11, 1);
  private static final LocalDate D2 = D1.plusDays(1);
  private static final LocalDate D3 = D1.plusDays(2);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  private Path db;
  private SqliteLedgerStore store;

  @BeforeEach
  void emptyDatabase() throws Exception {
    db = dir.resolve("runs.db");
    Files.createFile(db);
    store = new SqliteLedgerStore(db, "/data/input.db", 5000, CLOCK);
  }

  private static OpenItem item(Source source, String id, LocalDate opened, LocalDate missing) {
    Txn row =
        new Txn(
            source,
            42,
            id,
            new BigDecimal("12.3400"),
            "EUR",
            "Completed",
            "2026-11-01T10:00:00Z",
            "ord-" + id,
            source == Source.SALES ? "cust" : null,
            source == Source.PROCESSOR ? new BigDecimal("0.30") : null);
    return new OpenItem(row, Status.PAID, opened, missing);
  }

  private static LedgerOutcome outcome(
      LocalDate date, List<OpenItem> open, List<ClearedItem> cleared, List<Resolution> resolved) {
    return new LedgerOutcome(date, 2, null, open, cleared, resolved);
  }

  private static List<OpenItem> sorted(List<OpenItem> items) {
    return items.stream().sorted(LedgerRules.ORDER).toList();
  }

  /** The state's open items in full and in order, to compare with what was recorded. */
  private List<OpenItem> full(LedgerState state) {
    return sorted(store.complete(state.open()));
  }

  /**
   * A run reads the items still open through their partial index, in the rowid order its pages
   * need, not by a scan of every item the ledger ever held (cleared ones grow with its history).
   */
  @Test
  void theItemsStillOpenAreReadThroughTheirIndexNotByAScanOfTheLedger() throws Exception {
    store.record(
        "run-1", outcome(D1, List.of(item(Source.SALES, "S1", D1, null)), List.of(), List.of()));
    List<String> plan = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        java.sql.ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "EXPLAIN QUERY PLAN "
                        + dev.reconciler.core.store.PackedPages.pageQuery(
                            SqliteLedgerStore.ITEMS,
                            "transaction_id",
                            SqliteLedgerStore.STILL_OPEN
                                + " AND input_db = ?2 AND opened_on <= ?3"))) {
      while (rs.next()) {
        plan.add(rs.getString(4));
      }
    }
    assertTrue(
        plan.stream()
            .anyMatch(d -> d.contains("USING INDEX " + SqliteLedgerStore.ITEMS + "_still_open")),
        plan.toString());
    assertFalse(
        plan.stream().anyMatch(d -> d.startsWith("SCAN " + SqliteLedgerStore.ITEMS)),
        plan.toString());
    assertFalse(plan.stream().anyMatch(d -> d.contains("TEMP B-TREE")), plan.toString());
  }

  @Test
  void aLedgerNeverWrittenStartsEmptyAndSaysWhy() {
    LedgerState state = store.before(D1);
    assertTrue(state.open().isEmpty());
    assertTrue(state.emptyStart().contains(D1.minusDays(1).toString()), state.emptyStart());
    assertEquals(Optional.empty(), store.lastRunDate());
    assertTrue(store.staleDates().isEmpty());
  }

  @Test
  void openItemsComeBackAsTheyWereRecorded() {
    OpenItem sale = item(Source.SALES, "S1", D1, null);
    OpenItem payment = item(Source.PROCESSOR, "P1", D1, D1);
    store.record("run-1", outcome(D1, List.of(sale, payment), List.of(), List.of()));
    LedgerState state = store.before(D2);
    assertNull(state.emptyStart());
    assertEquals(List.of(sale, payment), sorted(store.complete(state.open())));
    assertEquals(Optional.of(D1), store.lastRunDate());
  }

  @Test
  void aRunReadsWhatTheRulesNeedOfEveryItemAndTheFullRowOfThoseItShows() {
    OpenItem sale = item(Source.SALES, "S1", D1, null);
    OpenItem payment = item(Source.PROCESSOR, "P1", D1, D1);
    store.record("run-1", outcome(D1, List.of(sale, payment), List.of(), List.of()));
    List<OpenItem> carried = store.before(D2).open();
    OpenItem lean = carried.stream().filter(i -> i.transactionId().equals("P1")).findFirst().get();
    assertEquals(payment.row().amount(), lean.row().amount());
    assertEquals(payment.row().currency(), lean.row().currency());
    assertEquals(payment.status(), lean.status());
    assertEquals(D1, lean.missingSince());
    assertNull(lean.row().reference());
    assertEquals(List.of(payment), store.complete(List.of(lean)));
  }

  @Test
  void idsHoldingThePackingsSeparatorsComeBackIntactAmongPlainOnes() {
    // Ids are input text: one holding the separators SQLite packs a page of rows with makes that
    // page unsplittable, and it is read row by row instead, every item still exactly once.
    List<OpenItem> items = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      items.add(item(Source.SALES, "S" + i, D1, null));
    }
    items.add(item(Source.SALES, "x\u001fy", D1, null));
    items.add(item(Source.PROCESSOR, "r\u001e\u001f\u001d", D1, D1));
    items.add(item(Source.PROCESSOR, "v", D1, null));
    store.record("run-1", outcome(D1, items, List.of(), List.of()));
    List<OpenItem> carried = store.before(D2).open();
    assertEquals(sorted(items), sorted(store.complete(carried)));
    OpenItem hostile =
        carried.stream().filter(i -> i.transactionId().startsWith("r")).findFirst().get();
    assertEquals(D1, hostile.missingSince());
    assertEquals(items.get(6).row().amount(), hostile.row().amount());
  }

  @Test
  void aRecordPreparedIsSeenOnlyOnceCommittedAndClosingItUncommittedUndoesIt() {
    OpenItem sale = item(Source.SALES, "S1", D1, null);
    try (LedgerStore.Recording stopped =
        store.prepare("run-1", outcome(D1, List.of(sale), List.of(), List.of()))) {
      // Not committed: a run stopped while it wrote its report keeps no ledger.
    }
    assertNotNull(store.before(D2).emptyStart());
    assertEquals(Optional.empty(), store.lastRunDate());

    try (LedgerStore.Recording kept =
        store.prepare("run-2", outcome(D1, List.of(sale), List.of(), List.of()))) {
      assertEquals(Optional.empty(), store.lastRunDate(), "not yet committed");
      kept.commit();
    }
    assertEquals(List.of(sale), store.complete(store.before(D2).open()));
    assertEquals(Optional.of(D1), store.lastRunDate());
  }

  @Test
  void aDateWhosePreviousDateWasNeverRunStartsEmpty() {
    store.record(
        "run-1", outcome(D1, List.of(item(Source.SALES, "S1", D1, null)), List.of(), List.of()));
    LedgerState state = store.before(D3);
    assertTrue(state.open().isEmpty());
    assertTrue(state.emptyStart().contains(D2.toString()));
  }

  @Test
  void aRerunPutsTheLedgerBackBeforeItsDateAndMakesLaterDatesStale() {
    OpenItem a = item(Source.SALES, "A", D1, null);
    OpenItem b = item(Source.SALES, "B", D1, null);
    store.record("r1", outcome(D1, List.of(a, b), List.of(), List.of()));
    OpenItem c = item(Source.PROCESSOR, "C", D2, null);
    // D2: A cleared, B went missing, C opened.
    store.record(
        "r2",
        outcome(
            D2,
            List.of(b.missingFrom(D2), c),
            List.of(new ClearedItem(a, c.row(), D2, null)),
            List.of()));
    store.record("r3", outcome(D3, List.of(b.missingFrom(D2), c), List.of(), List.of()));

    // What a rerun of D2 finds: D1's ledger, untouched by what D2 and D3 wrote.
    assertEquals(List.of(a, b), full(store.before(D2)));
    assertEquals(List.of(b.missingFrom(D2), c), full(store.before(D3)));

    store.record("r2-again", outcome(D2, List.of(a, b), List.of(), List.of()));
    assertEquals(List.of(D3), store.staleDates());
    assertEquals(Optional.of(D2), store.lastRunDate());
    assertEquals(List.of(a, b), full(store.before(D3)));
    IllegalStateException stale =
        assertThrows(IllegalStateException.class, () -> store.before(D3.plusDays(1)));
    assertTrue(stale.getMessage().contains(D3 + " is stale"), stale.getMessage());

    store.record("r3-again", outcome(D3, List.of(a, b), List.of(), List.of()));
    assertTrue(store.staleDates().isEmpty());
    assertEquals(List.of(a, b), full(store.before(D3.plusDays(1))));
  }

  @Test
  void aResolutionTakesAnItemOffAtOnceAndShowsOnTheNextRunOnly() {
    OpenItem a = item(Source.SALES, "A", D1, null);
    OpenItem b = item(Source.PROCESSOR, "B", D1, null);
    store.record("r1", outcome(D1, List.of(a, b), List.of(), List.of()));
    Resolution r =
        store.resolve(
            new ResolveRequest(
                Source.SALES,
                "A",
                Resolution.Outcome.WRITTEN_OFF,
                "bank transfer",
                "ann",
                CLOCK.instant()));
    assertEquals(new BigDecimal("12.3400"), r.amount());
    assertEquals(D1, r.openedOn());
    assertEquals(List.of(b), store.complete(store.openNow()));

    LedgerState next = store.before(D2);
    assertEquals(List.of(b), full(next));
    assertEquals(1, next.resolved().size());
    Resolution shown = next.resolved().get(0);
    assertEquals("bank transfer", shown.note());
    assertEquals("ann", shown.by());
    assertEquals(Resolution.Outcome.WRITTEN_OFF, shown.as());

    store.record("r2", outcome(D2, List.of(b), List.of(), next.resolved()));
    assertTrue(store.before(D3).resolved().isEmpty(), "shown once");
    assertEquals(1, store.before(D2).resolved().size(), "a rerun of D2 shows it again");

    UserError again =
        assertThrows(
            UserError.class,
            () ->
                store.resolve(
                    new ResolveRequest(
                        Source.SALES,
                        "A",
                        Resolution.Outcome.EXPLAINED,
                        "x",
                        null,
                        CLOCK.instant())));
    assertTrue(again.getMessage().contains("sales item A"), again.getMessage());
  }

  @Test
  void resolvingWhatIsNotOpenIsRefused() {
    assertThrows(
        UserError.class,
        () ->
            store.resolve(
                new ResolveRequest(
                    Source.SALES, "A", Resolution.Outcome.EXPLAINED, "x", null, CLOCK.instant())));
    store.record(
        "r1", outcome(D1, List.of(item(Source.SALES, "A", D1, null)), List.of(), List.of()));
    UserError wrongSide =
        assertThrows(
            UserError.class,
            () ->
                store.resolve(
                    new ResolveRequest(
                        Source.PROCESSOR,
                        "A",
                        Resolution.Outcome.EXPLAINED,
                        "x",
                        null,
                        CLOCK.instant())));
    assertTrue(wrongSide.getMessage().contains("processor item A"));
    assertThrows(UserError.class, () -> store.unresolve(Source.SALES, "A"));
  }

  @Test
  void resolvingSeveralIsAllOrNothing() {
    OpenItem a = item(Source.SALES, "A", D1, null);
    OpenItem b = item(Source.PROCESSOR, "B", D1, null);
    store.record("r1", outcome(D1, List.of(a, b), List.of(), List.of()));
    ResolveRequest resolveA = request(Source.SALES, "A");
    ResolveRequest resolveB = request(Source.PROCESSOR, "B");

    UserError notOpen =
        assertThrows(
            UserError.class,
            () -> store.resolveAll(List.of(resolveA, request(Source.SALES, "Z"), resolveB)));
    assertTrue(notOpen.getMessage().contains("sales item Z"), notOpen.getMessage());
    UserError twice =
        assertThrows(UserError.class, () -> store.resolveAll(List.of(resolveA, resolveA)));
    assertTrue(twice.getMessage().contains("sales item A is named twice"), twice.getMessage());
    assertEquals(List.of(a, b), store.complete(store.openNow()), "nothing resolved");
    assertTrue(store.before(D2).resolved().isEmpty());

    List<Resolution> done = store.resolveAll(List.of(resolveA, resolveB));
    assertEquals(List.of("A", "B"), done.stream().map(Resolution::transactionId).toList());
    assertTrue(store.openNow().isEmpty());
    assertEquals(2, store.before(D2).resolved().size());
  }

  private static ResolveRequest request(Source source, String id) {
    return new ResolveRequest(
        source,
        id,
        Resolution.Outcome.EXPLAINED,
        "refunded by bank transfer",
        "ann",
        CLOCK.instant());
  }

  @Test
  void unresolvingPutsTheItemBack() {
    OpenItem a = item(Source.SALES, "A", D1, null);
    store.record("r1", outcome(D1, List.of(a), List.of(), List.of()));
    ResolveRequest request =
        new ResolveRequest(
            Source.SALES, "A", Resolution.Outcome.EXPLAINED, "n", null, CLOCK.instant());
    store.resolve(request);
    store.unresolve(Source.SALES, "A");
    assertEquals(List.of(a), store.complete(store.openNow()), "never shown: as if not made");
    assertTrue(store.before(D2).resolved().isEmpty());

    store.resolve(request);
    LedgerState d2 = store.before(D2);
    store.record("r2", outcome(D2, List.of(), List.of(), d2.resolved()));
    assertTrue(store.openNow().isEmpty());
    store.unresolve(Source.SALES, "A");
    assertEquals(List.of(a), store.complete(store.openNow()));
    assertEquals(List.of(a), full(store.before(D3)), "back on the ledger from the next run");
  }

  @Test
  void twoInputDatabasesSharingOneRunsFileKeepTheirOwnItems() {
    SqliteLedgerStore other = new SqliteLedgerStore(db, "/data/other.db", 5000, CLOCK);
    store.record(
        "r1", outcome(D1, List.of(item(Source.SALES, "A", D1, null)), List.of(), List.of()));
    assertTrue(other.before(D2).open().isEmpty());
    assertNotNull(other.before(D2).emptyStart());
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
    try (LedgerLock first = LedgerLock.acquire(lockFile)) {
      second =
          new Thread(
              () -> {
                started.countDown();
                try (LedgerLock l = LedgerLock.acquire(lockFile)) {
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
}
