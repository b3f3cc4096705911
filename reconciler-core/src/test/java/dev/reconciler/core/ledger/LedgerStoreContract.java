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
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every ledger store does, asserted on each database by a subclass that says how to make a
 * store of an empty ledger.
 */
abstract class LedgerStoreContract {
  static final LocalDate D1 = LocalDate.of(2026, 11, 1);
  static final LocalDate D2 = D1.plusDays(1);
  static final LocalDate D3 = D1.plusDays(2);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC);

  LedgerStore store;

  /**
   * A store of the ledger of {@code input} in the database every test of the class starts empty.
   */
  abstract LedgerStore store(String input) throws Exception;

  @BeforeEach
  void emptyLedger() throws Exception {
    store = store("/data/input.db");
  }

  static OpenItem item(Source source, String id, LocalDate opened, LocalDate missing) {
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

  static LedgerOutcome outcome(
      LocalDate date, List<OpenItem> open, List<ClearedItem> cleared, List<Resolution> resolved) {
    return new LedgerOutcome(date, 2, null, open, cleared, resolved);
  }

  private static List<OpenItem> sorted(List<OpenItem> items) {
    return items.stream().sorted(LedgerRules.ORDER).toList();
  }

  /** The state's open items in full and in order, to compare with what was recorded. */
  private List<OpenItem> full(LedgerState state) {
    return full(store, state);
  }

  private static List<OpenItem> full(LedgerStore store, LedgerState state) {
    return sorted(store.complete(state.open()));
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

  /**
   * Items completed in batches of keys come back in the order asked, each its own row, whatever the
   * batches; one no longer in the ledger is named.
   */
  @Test
  void manyItemsAreCompletedInTheOrderAskedAndOneNotStoredIsNamed() {
    List<OpenItem> items = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      // The same id on both sides: only the whole key tells them apart.
      items.add(item(i % 2 == 0 ? Source.SALES : Source.PROCESSOR, "T" + i / 2, D1, null));
    }
    store.record("run-1", outcome(D1, items, List.of(), List.of()));
    List<OpenItem> carried = new ArrayList<>(store.before(D2).open());
    java.util.Collections.shuffle(carried, new java.util.Random(3));
    List<OpenItem> complete = store.complete(carried);
    assertEquals(carried.size(), complete.size());
    for (int i = 0; i < carried.size(); i++) {
      assertEquals(carried.get(i).source(), complete.get(i).source());
      assertEquals(carried.get(i).transactionId(), complete.get(i).transactionId());
      assertEquals(carried.get(i).openedOn(), complete.get(i).openedOn());
    }
    assertEquals(sorted(items), sorted(complete));
    List<OpenItem> withGone = new ArrayList<>(carried.subList(0, 300));
    withGone.add(item(Source.SALES, "gone", D1, null));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> store.complete(withGone));
    assertTrue(e.getMessage().contains("gone left the ledger"), e.getMessage());
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
  void itemsADateThatStartedEmptyDidNotCarryAreNotCarriedByTheDatesAfterIt() {
    OpenItem old = item(Source.SALES, "OLD", D1, null);
    store.record("run-1", outcome(D1, List.of(old), List.of(), List.of()));
    // D2 never run: D3 starts empty and says so, and what it leaves open is D3's items only.
    assertTrue(store.before(D3).open().isEmpty());
    OpenItem fresh = item(Source.PROCESSOR, "NEW", D3, null);
    store.record("run-3", outcome(D3, List.of(fresh), List.of(), List.of()));

    assertEquals(List.of(fresh), full(store.before(D3.plusDays(1))));
    assertEquals(List.of(fresh), store.complete(store.openNow()));
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

  /**
   * The unpaid sales a run kept are found, in full, by the ids of a later date's processor rows,
   * until a run pairs them; a rerun takes back what it and later dates kept and paired, and a date
   * after a gap finds none, as it carries no item.
   */
  @Test
  void unpaidSalesAreKeptUntilPairedAndARerunTakesBackWhatItKeptAndPaired() throws Exception {
    OpenItem u = unpaid("U", D1);
    OpenItem v = unpaid("V", D1);
    store.record("r1", unpaidOutcome(D1, List.of(u, v), List.of(), List.of()));
    assertEquals(List.of(u), store.unpaidSales(D2, List.of("U", "X")));
    assertEquals(List.of(), store.unpaidSales(D1, List.of("U")), "only earlier dates' sales");
    assertEquals(List.of(), store.unpaidSales(D3, List.of("U")), "D2 never run: none carried");

    OpenItem w = unpaid("W", D2);
    ClearedItem paid = new ClearedItem(u, item(Source.PROCESSOR, "U", D2, null).row(), D2, null);
    store.record("r2", unpaidOutcome(D2, List.of(w), List.of(paid), List.of(u)));
    assertEquals(
        List.of(v, w),
        store.unpaidSales(D3, List.of("U", "V", "W")).stream().sorted(LedgerRules.ORDER).toList(),
        "U paired on D2");

    // D2 again, as a rerun does it: what D2 kept and paired is taken back first.
    assertEquals(
        List.of(u, v),
        store.unpaidSales(D2, List.of("U", "V", "W")).stream().sorted(LedgerRules.ORDER).toList());
    store.record("r2-again", unpaidOutcome(D2, List.of(), List.of(), List.of()));
    assertEquals(
        List.of(u, v),
        store.unpaidSales(D3, List.of("U", "V", "W")).stream().sorted(LedgerRules.ORDER).toList());

    LedgerStore moved = store("/data/moved/input.db");
    moved.takeOver("/data/input.db", false);
    assertEquals(List.of(v), moved.unpaidSales(D3, List.of("V")), "taken over with the rest");
    assertEquals(List.of(), store.unpaidSales(D3, List.of("V")));
  }

  private static OpenItem unpaid(String id, LocalDate date) {
    OpenItem sale = item(Source.SALES, id, date, null);
    return new OpenItem(sale.row(), Status.PENDING, date, null);
  }

  private static LedgerOutcome unpaidOutcome(
      LocalDate date, List<OpenItem> kept, List<ClearedItem> cleared, List<OpenItem> paired) {
    return new LedgerOutcome(date, 2, null, List.of(), cleared, List.of(), kept, paired);
  }

  /**
   * A prune deletes what no run from its date on reads (items cleared before it, unpaid sales
   * paired or kept before it) and nothing a run from its date on needs: each such run finds the
   * ledger as before. A run of an earlier date is refused from then on, and the date only moves
   * forward.
   */
  @Test
  void aPruneDeletesOnlyWhatNoRunFromItsDateOnReadsAndRefusesEarlierDates() throws Exception {
    OpenItem a = item(Source.SALES, "A", D1, null);
    OpenItem b = item(Source.SALES, "B", D1, null);
    OpenItem p = item(Source.PROCESSOR, "P", D1, null);
    OpenItem u = unpaid("U", D1);
    OpenItem v = unpaid("V", D1);
    store.record(
        "r1",
        new LedgerOutcome(
            D1, 2, null, List.of(a, b, p), List.of(), List.of(), List.of(u, v), List.of()));
    // D2: A cleared, U paired, B went missing, W kept.
    OpenItem w = unpaid("W", D2);
    ClearedItem aCleared =
        new ClearedItem(a, item(Source.PROCESSOR, "A", D2, null).row(), D2, null);
    ClearedItem uPaired = new ClearedItem(u, item(Source.PROCESSOR, "U", D2, null).row(), D2, null);
    store.record(
        "r2",
        new LedgerOutcome(
            D2,
            2,
            null,
            List.of(b.missingFrom(D2), p),
            List.of(aCleared, uPaired),
            List.of(),
            List.of(w),
            List.of(u)));
    // D3: B cleared. D4: P cleared.
    LocalDate d4 = D3.plusDays(1);
    LocalDate d5 = d4.plusDays(1);
    store.record(
        "r3",
        outcome(
            D3,
            List.of(p),
            List.of(
                new ClearedItem(
                    b.missingFrom(D2), item(Source.PROCESSOR, "B", D3, null).row(), D3, null)),
            List.of()));
    store.record(
        "r4",
        outcome(
            d4,
            List.of(),
            List.of(new ClearedItem(p, item(Source.SALES, "P", d4, null).row(), d4, null)),
            List.of()));
    List<List<OpenItem>> before = new ArrayList<>();
    for (LocalDate date : List.of(D3, d4, d5)) {
      before.add(full(store.before(date)));
    }
    assertEquals(List.of(v, w), sortedUnpaid(D3, "U", "V", "W"));
    assertEquals(Optional.empty(), store.prunedBefore());

    LedgerStore.Pruned pruned = store.prune(D3);

    assertEquals(new LedgerStore.Pruned(D3, 1, 3), pruned, "A; U paired, V and W never paired");
    assertEquals(Optional.of(D3), store.prunedBefore());
    List<List<OpenItem>> after = new ArrayList<>();
    for (LocalDate date : List.of(D3, d4, d5)) {
      after.add(full(store.before(date)));
    }
    assertEquals(before, after);
    assertEquals(List.of(b.missingFrom(D2), p), after.get(0), "B, cleared on D3, is kept");
    assertEquals(
        List.of(),
        sortedUnpaid(D3, "U", "V", "W"),
        "a sale kept before the date and never paired pairs no more");
    UserError refused = assertThrows(UserError.class, () -> store.before(D2));
    assertTrue(
        refused.getMessage().contains("history before " + D3 + " was pruned")
            && refused.getMessage().contains("a run of " + D2 + " cannot be made"),
        refused.getMessage());

    // A rerun from the date on still works, and the date never moves back.
    store.record("r3-again", outcome(D3, List.of(p), List.of(), List.of()));
    assertEquals(List.of(d4), store.staleDates());
    assertEquals(List.of(b.missingFrom(D2), p), full(store.before(D3)));
    assertEquals(new LedgerStore.Pruned(D3, 0, 0), store.prune(D2));
    assertEquals(Optional.of(D3), store.prunedBefore());

    LedgerStore moved = store("/data/moved/input.db");
    moved.takeOver("/data/input.db", false);
    assertEquals(Optional.of(D3), moved.prunedBefore(), "taken over with the rest");
    assertThrows(UserError.class, () -> moved.before(D2));
    assertEquals(Optional.empty(), store.prunedBefore());
  }

  private List<OpenItem> sortedUnpaid(LocalDate date, String... ids) {
    return store.unpaidSales(date, List.of(ids)).stream().sorted(LedgerRules.ORDER).toList();
  }

  /**
   * A prune that would leave a run impossible to make again is refused and deletes nothing: one
   * after the latest run, one past a stale run waiting to run again, one of a ledger with no run.
   */
  @Test
  void aPruneThatWouldStrandARunIsRefusedAndDeletesNothing() {
    UserError empty = assertThrows(UserError.class, () -> store.prune(D1));
    assertTrue(empty.getMessage().contains("holds no run of"), empty.getMessage());

    OpenItem a = item(Source.SALES, "A", D1, null);
    store.record("r1", outcome(D1, List.of(a), List.of(), List.of()));
    ClearedItem cleared = new ClearedItem(a, item(Source.PROCESSOR, "A", D2, null).row(), D2, null);
    store.record("r2", outcome(D2, List.of(), List.of(cleared), List.of()));
    store.record("r3", outcome(D3, List.of(), List.of(), List.of()));

    UserError late = assertThrows(UserError.class, () -> store.prune(D3.plusDays(1)));
    assertTrue(late.getMessage().contains("the latest run is of " + D3), late.getMessage());

    store.record("r1-again", outcome(D1, List.of(a), List.of(), List.of()));
    UserError stale = assertThrows(UserError.class, () -> store.prune(D3));
    assertTrue(stale.getMessage().contains("the run of " + D2 + " is stale"), stale.getMessage());
    assertEquals(Optional.empty(), store.prunedBefore());

    // Up to the first stale date, a prune goes ahead.
    assertEquals(new LedgerStore.Pruned(D2, 0, 0), store.prune(D2));
    store.record("r2-again", outcome(D2, List.of(), List.of(cleared), List.of()));
    store.record("r3-again", outcome(D3, List.of(), List.of(), List.of()));
    assertEquals(new LedgerStore.Pruned(D3, 1, 0), store.prune(D3), "A, cleared on D2");
    assertEquals(List.of(), full(store.before(D3.plusDays(1))));
  }

  /** A date after several stale ones names the first, where running in order starts again. */
  @Test
  void aDateAfterSeveralStaleDatesNamesTheFirstOfThem() {
    OpenItem a = item(Source.SALES, "A", D1, null);
    store.record("r1", outcome(D1, List.of(a), List.of(), List.of()));
    store.record("r2", outcome(D2, List.of(a), List.of(), List.of()));
    store.record("r3", outcome(D3, List.of(a), List.of(), List.of()));
    store.record("r1-again", outcome(D1, List.of(a), List.of(), List.of()));

    LocalDate d4 = D3.plusDays(1);
    StaleLedgerException e = assertThrows(StaleLedgerException.class, () -> store.before(d4));

    assertEquals(D2, e.firstStale());
    assertTrue(
        e.getMessage().startsWith("the ledger's run of " + D2 + " and later dates before " + d4),
        e.getMessage());
    assertTrue(e.getMessage().contains("(reconcile --date " + D2 + " reruns"), e.getMessage());
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

  @Test
  void aResolvedItemThatARerunClearsIsNotAlsoShownAsResolved() {
    OpenItem a = item(Source.SALES, "A", D1, null);
    store.record("r1", outcome(D1, List.of(a), List.of(), List.of()));
    store.record("r2", outcome(D2, List.of(a), List.of(), List.of()));
    store.resolve(request(Source.SALES, "A"));
    // A's processor row, late, is imported into D2 and D2 is run again: A clears on D2.
    OpenItem payment = item(Source.PROCESSOR, "A", D2, null);
    store.record(
        "r2-again",
        outcome(D2, List.of(), List.of(new ClearedItem(a, payment.row(), D2, null)), List.of()));

    assertTrue(store.before(D3).resolved().isEmpty(), "on D2's Cleared sheet, not D3's Resolved");
  }

  /**
   * Between a rerun of an earlier date and the rerun of the later dates it made stale, the ledger
   * is not as the latest run left it: a resolution or an unresolve made then would land on a stale
   * date's rerun, and rewrite its report differently from the run it replaces.
   */
  @Test
  void resolvingAndUnresolvingWaitUntilTheStaleDatesAreRunAgain() {
    OpenItem a = item(Source.SALES, "A", D1, null);
    OpenItem b = item(Source.SALES, "B", D1, null);
    store.record("r1", outcome(D1, List.of(a, b), List.of(), List.of()));
    store.record("r2", outcome(D2, List.of(a, b), List.of(), List.of()));
    store.resolve(request(Source.SALES, "A"));
    List<Resolution> shownOnD3 = store.before(D3).resolved();
    assertEquals(1, shownOnD3.size());
    store.record("r3", outcome(D3, List.of(b), List.of(), shownOnD3));

    store.record("r2-again", outcome(D2, List.of(a, b), List.of(), List.of()));
    UserError unresolve = assertThrows(UserError.class, () -> store.unresolve(Source.SALES, "A"));
    assertTrue(unresolve.getMessage().contains(D3 + " is stale"), unresolve.getMessage());
    UserError resolve =
        assertThrows(UserError.class, () -> store.resolve(request(Source.SALES, "B")));
    assertTrue(resolve.getMessage().contains(D3 + " is stale"), resolve.getMessage());

    // D3 run again shows what it showed before, and carries the same items.
    LedgerState d3 = store.before(D3);
    assertEquals(shownOnD3, d3.resolved());
    assertEquals(List.of(b), full(d3));
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

  /**
   * A resolved item whose id a later row opened again cannot be put back beside it: the ledger
   * holds one open item per side and id, and the run would keep only the older of the two, the
   * other silently gone from Open Items while 'ledger' still listed it.
   */
  @Test
  void anItemWhoseIdIsOpenAgainCannotBePutBackBesideIt() {
    OpenItem first = item(Source.SALES, "A", D1, null);
    store.record("r1", outcome(D1, List.of(first), List.of(), List.of()));
    store.resolve(request(Source.SALES, "A"));
    LedgerState d2 = store.before(D2);
    OpenItem again = item(Source.SALES, "A", D2, null);
    store.record("r2", outcome(D2, List.of(again), List.of(), d2.resolved()));

    UserError refused = assertThrows(UserError.class, () -> store.unresolve(Source.SALES, "A"));

    assertTrue(refused.getMessage().contains("opened on " + D2), refused.getMessage());
    assertEquals(List.of(again), store.complete(store.openNow()));
  }

  @Test
  void twoInputsSharingOneDatabaseKeepTheirOwnItems() throws Exception {
    LedgerStore other = store("/data/other.db");
    store.record(
        "r1", outcome(D1, List.of(item(Source.SALES, "A", D1, null)), List.of(), List.of()));
    assertTrue(other.before(D2).open().isEmpty());
    assertNotNull(other.before(D2).emptyStart());
  }

  /**
   * A bad day's items go in by the store's bulk path (a binary COPY on PostgreSQL, in several
   * chunks) and come back whole; half of them cleared the next day leave the other half open.
   */
  @Test
  void aDayOfManyItemsIsCarriedWholeAndClearedInBulk() {
    List<OpenItem> items = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      items.add(item(i % 2 == 0 ? Source.SALES : Source.PROCESSOR, "T" + i, D1, null));
    }
    store.record("r1", outcome(D1, items, List.of(), List.of()));
    List<OpenItem> carried = sorted(store.before(D2).open());
    assertEquals(items.size(), carried.size());
    assertEquals(sorted(items).subList(0, 50), store.complete(carried.subList(0, 50)));

    List<OpenItem> stillOpen = new ArrayList<>();
    List<ClearedItem> cleared = new ArrayList<>();
    for (OpenItem item : items) {
      if (item.source() == Source.SALES) {
        cleared.add(new ClearedItem(item, item.row(), D2, null));
      } else {
        stillOpen.add(item);
      }
    }
    store.record("r2", outcome(D2, stillOpen, cleared, List.of()));
    assertEquals(
        sorted(stillOpen).stream().map(OpenItem::transactionId).toList(),
        sorted(store.before(D3).open()).stream().map(OpenItem::transactionId).toList());
  }

  /**
   * A database moved or renamed is a new input by name: the ledger it had is taken over whole, its
   * items, runs and resolutions, and the next run carries them.
   */
  @Test
  void theLedgerOfAMovedInputIsTakenOverWhole() throws Exception {
    OpenItem a = item(Source.SALES, "A", D1, null);
    OpenItem b = item(Source.PROCESSOR, "B", D1, null);
    store.record("r1", outcome(D1, List.of(a, b), List.of(), List.of()));
    store.resolve(
        new ResolveRequest(
            Source.SALES, "A", Resolution.Outcome.EXPLAINED, "refund", "ann", CLOCK.instant()));
    LedgerStore moved = store("/data/moved/input.db");
    assertEquals(Map.of("/data/input.db", D1), moved.otherInputs());
    assertNotNull(moved.before(D2).emptyStart());

    assertEquals(
        new LedgerStore.Takeover(1, 2, 1, List.of()), moved.takeOver("/data/input.db", false));

    LedgerState next = moved.before(D2);
    assertNull(next.emptyStart());
    assertEquals(List.of(b), full(moved, next));
    assertEquals(List.of("A"), next.resolved().stream().map(Resolution::transactionId).toList());
    assertEquals(Optional.of(D1), moved.lastRunDate());
    assertEquals(Map.of(), moved.otherInputs());
    assertEquals(Optional.empty(), store.lastRunDate());
    assertTrue(store.before(D2).open().isEmpty());
  }

  /**
   * Runs made under the new name since the move started from an empty ledger: taking the old one
   * over drops them only when told to, and says which dates to run again.
   */
  @Test
  void takingOverWhenTheNewNameHasRunsNeedsReplaceAndDropsThem() throws Exception {
    OpenItem a = item(Source.SALES, "A", D1, null);
    store.record("r1", outcome(D1, List.of(a), List.of(), List.of()));
    LedgerStore moved = store("/data/moved/input.db");
    OpenItem fresh = item(Source.SALES, "F", D2, null);
    moved.record("r2", outcome(D2, List.of(fresh), List.of(), List.of()));

    UserError refused =
        assertThrows(UserError.class, () -> moved.takeOver("/data/input.db", false));
    assertTrue(
        refused.getMessage().contains("1 run(s) of /data/moved/input.db"), refused.getMessage());
    assertTrue(refused.getMessage().contains("--replace"), refused.getMessage());
    assertEquals(Optional.of(D2), moved.lastRunDate());
    assertEquals(Optional.of(D1), store.lastRunDate());

    assertEquals(
        new LedgerStore.Takeover(1, 1, 0, List.of(D2)), moved.takeOver("/data/input.db", true));
    assertEquals(List.of(a), full(moved, moved.before(D2)));
    assertNotNull(moved.before(D3).emptyStart(), "D2's run was dropped: it must be run again");
  }

  @Test
  void takingOverAnInputTheLedgerHasNoRunOfIsRefusedNamingThoseItHas() throws Exception {
    store.record(
        "r1", outcome(D1, List.of(item(Source.SALES, "A", D1, null)), List.of(), List.of()));
    LedgerStore moved = store("/data/moved/input.db");
    UserError e = assertThrows(UserError.class, () -> moved.takeOver("/data/typo.db", false));
    assertTrue(e.getMessage().contains("no run of /data/typo.db"), e.getMessage());
    assertTrue(e.getMessage().contains("[/data/input.db]"), e.getMessage());
    UserError hostile =
        assertThrows(UserError.class, () -> moved.takeOver("/data/a\nforged: line.db", false));
    assertFalse(hostile.getMessage().contains("\n"), hostile.getMessage());
    assertThrows(UserError.class, () -> store.takeOver("/data/input.db", false));
    assertEquals(Optional.of(D1), store.lastRunDate());
  }
}
