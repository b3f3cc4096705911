package dev.reconciler.core.ledger;

import static dev.reconciler.core.match.DiscrepancyKind.AMOUNT_MISMATCH;
import static dev.reconciler.core.match.DiscrepancyKind.CURRENCY_MISMATCH;
import static dev.reconciler.core.match.DiscrepancyKind.FAILED_PAYMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.Status;
import dev.reconciler.core.domain.Txn;
import dev.reconciler.core.match.Discrepancy;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerRulesTest {
  private static final LocalDate D1 = LocalDate.of(2026, 11, 1);
  private static final BigDecimal CENT = new BigDecimal("0.01");

  private static Txn row(Source source, String id, String amount, String currency) {
    return new Txn(source, 7, id, new BigDecimal(amount), currency, "paid", "t", "ref", null, null);
  }

  private static Leftover sale(String id, String amount) {
    return new Leftover(row(Source.SALES, id, amount, "USD"), Status.PAID);
  }

  private static Leftover payment(String id, String amount) {
    return new Leftover(row(Source.PROCESSOR, id, amount, "USD"), Status.PAID);
  }

  /** Runs the rules day by day from D1, carrying the open items as the store would. */
  private static List<LedgerStep> days(int window, List<List<Leftover>> perDay) {
    LedgerRules rules = new LedgerRules(window, CENT);
    List<LedgerStep> steps = new ArrayList<>();
    List<OpenItem> open = List.of();
    for (int d = 0; d < perDay.size(); d++) {
      LedgerStep step =
          rules.apply(
              D1.plusDays(d),
              new LedgerState(open, List.of(), d == 0 ? "first" : null),
              perDay.get(d));
      steps.add(step);
      open = step.outcome().open();
    }
    return steps;
  }

  private static List<String> ids(List<Discrepancy> ds) {
    return ds.stream().map(d -> d.kind().id() + ":" + d.transactionId()).sorted().toList();
  }

  private static List<String> open(LedgerStep step) {
    return step.outcome().open().stream()
        .map(i -> i.source() + ":" + i.transactionId() + (i.missing() ? "!" : ""))
        .toList();
  }

  @Test
  void everyItemTheRunShowsInFullGetsItsFullRowWhereverTheStepHoldsIt() {
    // Many random days: whatever the rules leave open, clear or report, no carried row that was
    // read in full is left in the step (withRows looks up only the items gone missing that run).
    java.util.Random random = new java.util.Random(42);
    for (int trial = 0; trial < 300; trial++) {
      int window = random.nextInt(4);
      LocalDate date = D1.plusDays(10);
      List<OpenItem> open = new ArrayList<>();
      List<OpenItem> resolvedOpen = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        Source source = random.nextBoolean() ? Source.SALES : Source.PROCESSOR;
        Txn slim =
            new Txn(
                source,
                0,
                "T" + random.nextInt(40),
                BigDecimal.ONE,
                "USD",
                null,
                null,
                null,
                null,
                null);
        LocalDate opened = date.minusDays(1 + random.nextInt(8));
        LocalDate missing = random.nextBoolean() ? null : opened.plusDays(window);
        OpenItem item =
            new OpenItem(
                slim,
                Status.PAID,
                opened,
                missing != null && missing.isBefore(date) ? missing : null);
        (random.nextInt(6) == 0 ? resolvedOpen : open).add(item);
      }
      List<Leftover> leftovers = new ArrayList<>();
      List<Leftover> unpaid = new ArrayList<>();
      for (int i = 0; i < 15; i++) {
        String id = "T" + random.nextInt(40);
        switch (random.nextInt(3)) {
          case 0 -> leftovers.add(sale(id, "1"));
          case 1 -> leftovers.add(payment(id, random.nextBoolean() ? "1" : "2"));
          default -> unpaid.add(new Leftover(row(Source.SALES, id, "1", "USD"), Status.PENDING));
        }
      }
      LedgerState carried = new LedgerState(open, List.of(), null, resolvedOpen);
      LedgerRules rules = new LedgerRules(window, CENT);
      List<Leftover> all = new ArrayList<>(leftovers);
      all.addAll(unpaid);
      Map<Txn, Txn> full = new IdentityHashMap<>();
      for (OpenItem shown : rules.shownInFull(date, carried, all)) {
        Txn r = shown.row();
        full.put(
            r,
            new Txn(
                r.source(),
                9,
                r.transactionId(),
                r.amount(),
                r.currency(),
                "paid",
                "t",
                "ref",
                null,
                null));
      }
      LedgerStep step = rules.apply(date, carried, leftovers, unpaid).withRows(full);
      List<Txn> held = new ArrayList<>();
      step.outcome().open().forEach(i -> held.add(i.row()));
      step.outcome().cleared().forEach(c -> held.add(c.item().row()));
      step.discrepancies()
          .forEach(
              d -> {
                held.add(d.sale());
                held.add(d.processor());
              });
      for (Txn r : held) {
        assertTrue(r == null || !full.containsKey(r), "trial " + trial + ": slim row of " + r);
      }
    }
  }

  @Test
  void rowsReadInFullAfterTheRulesRanReplaceTheCarriedOnesWhereverTheRunShowsThem() {
    // Carried as the ledger carries them: amount and currency, no line, status text or reference.
    Txn slimSale =
        new Txn(Source.SALES, 0, "A", new BigDecimal("10"), "USD", null, null, null, null, null);
    Txn slimLate =
        new Txn(Source.SALES, 0, "B", new BigDecimal("5"), "USD", null, null, null, null, null);
    Txn stillOpen =
        new Txn(Source.SALES, 0, "C", new BigDecimal("1"), "USD", null, null, null, null, null);
    LedgerState carried =
        new LedgerState(
            List.of(
                new OpenItem(slimSale, Status.PAID, D1, null),
                new OpenItem(slimLate, Status.PAID, D1, null),
                new OpenItem(stillOpen, Status.PAID, D1.plusDays(2), null)),
            List.of(),
            null);
    // On D1+3 with window 3: A clears with the wrong amount, B goes missing, C stays in transit.
    LedgerStep step =
        new LedgerRules(3, CENT).apply(D1.plusDays(3), carried, List.of(payment("A", "12")));
    Txn fullSale = row(Source.SALES, "A", "10", "USD");
    Txn fullLate = row(Source.SALES, "B", "5", "USD");
    Map<Txn, Txn> full = new IdentityHashMap<>();
    full.put(slimSale, fullSale);
    full.put(slimLate, fullLate);
    // An equal row that is not the carried object itself replaces nothing.
    full.put(
        new Txn(Source.SALES, 0, "C", new BigDecimal("1"), "USD", null, null, null, null, null),
        fullSale);

    LedgerStep shown = step.withRows(full);

    assertTrue(shown.outcome().cleared().get(0).sale() == fullSale);
    assertEquals(AMOUNT_MISMATCH, shown.outcome().cleared().get(0).kind());
    List<Discrepancy> findings = shown.discrepancies();
    assertEquals(List.of("amount_mismatch:A", "missing_in_processor:B"), ids(findings));
    for (Discrepancy d : findings) {
      assertTrue(d.sale() == (d.transactionId().equals("A") ? fullSale : fullLate), d.toString());
    }
    Discrepancy late = findings.stream().filter(d -> d.kind() == AMOUNT_MISMATCH).findFirst().get();
    assertEquals(new BigDecimal("2"), late.difference());
    List<OpenItem> open = shown.outcome().open();
    assertEquals(List.of("SALES:B!", "SALES:C"), open(shown));
    assertTrue(open.get(0).row() == fullLate);
    assertTrue(open.get(1).row() == stillOpen);
    assertEquals(D1.plusDays(3), open.get(0).missingSince());
    assertTrue(step.withRows(Map.of()) == step);
  }

  @Test
  void anItemIsInTransitUntilItsAgeReachesTheWindowThenMissingOnceAndStillOpen() {
    List<LedgerStep> steps =
        days(2, List.of(List.of(sale("A", "10")), List.of(), List.of(), List.of()));
    assertEquals(List.of("SALES:A"), open(steps.get(0)));
    assertEquals(1, steps.get(0).outcome().inTransit().size());
    assertTrue(steps.get(0).discrepancies().isEmpty());
    assertTrue(steps.get(1).discrepancies().isEmpty(), "age 1 < window 2");
    assertEquals(List.of("missing_in_processor:A"), ids(steps.get(2).discrepancies()));
    assertEquals(List.of("SALES:A"), ids(steps.get(2).outcome().wentMissing(), true));
    assertTrue(steps.get(2).outcome().inTransit().isEmpty());
    assertTrue(steps.get(3).discrepancies().isEmpty(), "reported missing on one run only");
    assertEquals(List.of("SALES:A!"), open(steps.get(3)));
    assertEquals(3, LedgerFigures.of(steps.get(3).outcome()).oldestAge());
  }

  private static List<String> ids(List<OpenItem> items, boolean unused) {
    return items.stream().map(i -> i.source() + ":" + i.transactionId()).toList();
  }

  @Test
  void matchingComesBeforeAgingOnTheBoundaryDay() {
    List<LedgerStep> steps =
        days(2, List.of(List.of(sale("A", "10")), List.of(), List.of(payment("A", "10"))));
    LedgerStep boundary = steps.get(2);
    assertTrue(boundary.discrepancies().isEmpty(), "cleared, not missing");
    assertTrue(boundary.outcome().open().isEmpty());
    ClearedItem cleared = boundary.outcome().cleared().get(0);
    assertEquals("A", cleared.transactionId());
    assertEquals(D1, cleared.item().openedOn());
    assertEquals(2, cleared.daysLate());
    assertNull(cleared.kind());
  }

  @Test
  void anItemClearsAfterItWentMissing() {
    List<LedgerStep> steps =
        days(1, List.of(List.of(payment("P", "5")), List.of(), List.of(), List.of(sale("P", "5"))));
    assertEquals(List.of("missing_in_sales:P"), ids(steps.get(1).discrepancies()));
    assertTrue(steps.get(2).discrepancies().isEmpty());
    ClearedItem late = steps.get(3).outcome().cleared().get(0);
    assertEquals(Source.PROCESSOR, late.item().source(), "the processor row came first");
    assertEquals(3, late.daysLate());
    assertTrue(late.item().missing());
    assertTrue(steps.get(3).outcome().open().isEmpty());
  }

  @Test
  void windowZeroReportsMissingOnTheDayAndStillClearsLater() {
    List<LedgerStep> steps =
        days(0, List.of(List.of(sale("A", "10"), payment("B", "3")), List.of(payment("A", "10"))));
    assertEquals(
        List.of("missing_in_processor:A", "missing_in_sales:B"), ids(steps.get(0).discrepancies()));
    assertTrue(steps.get(0).outcome().inTransit().isEmpty());
    assertEquals(2, steps.get(0).outcome().open().size());
    assertEquals(1, steps.get(1).outcome().cleared().size());
    assertEquals(List.of("PROCESSOR:B!"), open(steps.get(1)));
  }

  @Test
  void aLatePairThatDisagreesClearsAndIsReportedUnderItsKind() {
    List<LedgerStep> steps =
        days(
            3,
            List.of(
                List.of(sale("AMT", "10.00"), sale("CUR", "4"), sale("FAIL", "8")),
                List.of(
                    payment("AMT", "10.02"),
                    new Leftover(row(Source.PROCESSOR, "CUR", "4", "EUR"), Status.PAID),
                    new Leftover(row(Source.PROCESSOR, "FAIL", "8", "USD"), Status.FAILED))));
    LedgerStep second = steps.get(1);
    assertEquals(3, second.outcome().cleared().size());
    assertEquals(
        List.of("amount_mismatch:AMT", "currency_mismatch:CUR", "failed_payment:FAIL"),
        ids(second.discrepancies()));
    Discrepancy amount =
        second.discrepancies().stream().filter(d -> d.kind() == AMOUNT_MISMATCH).findFirst().get();
    assertEquals(new BigDecimal("0.02"), amount.difference());
    assertEquals(AMOUNT_MISMATCH, second.outcome().cleared().get(0).kind());
    assertEquals(CURRENCY_MISMATCH, second.outcome().cleared().get(1).kind());
    assertEquals(FAILED_PAYMENT, second.outcome().cleared().get(2).kind());
  }

  @Test
  void withinToleranceALatePairAgrees() {
    List<LedgerStep> steps =
        days(3, List.of(List.of(sale("A", "10.00")), List.of(payment("A", "10.01"))));
    assertNull(steps.get(1).outcome().cleared().get(0).kind());
    assertTrue(steps.get(1).discrepancies().isEmpty());
  }

  @Test
  void aRepeatOfAnIdStillOpenOnTheSameSideStaysOneItemDatedByItsFirstRow() {
    List<LedgerStep> steps = days(5, List.of(List.of(sale("A", "10")), List.of(sale("A", "10"))));
    assertEquals(1, steps.get(1).outcome().open().size());
    assertEquals(D1, steps.get(1).outcome().open().get(0).openedOn());
  }

  @Test
  void resolutionsAndTheEmptyStartArePassedThrough() {
    Resolution r =
        new Resolution(
            Source.SALES,
            "X",
            Resolution.Outcome.WRITTEN_OFF,
            "n",
            "me",
            java.time.Instant.EPOCH,
            D1,
            BigDecimal.ONE,
            "USD");
    LedgerStep step =
        new LedgerRules(3, CENT)
            .apply(D1, new LedgerState(List.of(), List.of(r), "why"), List.of());
    assertEquals(List.of(r), step.outcome().resolved());
    assertEquals("why", step.outcome().emptyStart());
  }

  @Test
  void anItemCarriedFromTheRunDateOrLaterIsRefused() {
    OpenItem future =
        new OpenItem(row(Source.SALES, "A", "1", "USD"), Status.PAID, D1.plusDays(1), null);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new LedgerRules(3, CENT)
                .apply(D1, new LedgerState(List.of(future), List.of(), null), List.of()));
  }

  @Test
  void openItemsAreOrderedBySourceDateAndId() {
    List<LedgerStep> steps =
        days(
            9,
            List.of(
                List.of(payment("Z", "1"), sale("M", "1")),
                List.of(sale("B", "1"), payment("A", "1"))));
    assertEquals(List.of("SALES:M", "SALES:B", "PROCESSOR:Z", "PROCESSOR:A"), open(steps.get(1)));
  }

  @Test
  void onlyItemsAClearingOrAgingMayShowAreReadInFull() {
    LocalDate d4 = D1.plusDays(3);
    OpenItem young =
        new OpenItem(row(Source.SALES, "YOUNG", "1", "USD"), Status.PAID, d4.minusDays(1), null);
    OpenItem due = new OpenItem(row(Source.SALES, "DUE", "1", "USD"), Status.PAID, D1, null);
    OpenItem gone =
        new OpenItem(row(Source.SALES, "GONE", "1", "USD"), Status.PAID, D1, D1.plusDays(2));
    OpenItem paid =
        new OpenItem(row(Source.PROCESSOR, "PAID", "1", "USD"), Status.PAID, d4.minusDays(1), null);
    OpenItem sameSide =
        new OpenItem(row(Source.PROCESSOR, "SAME", "1", "USD"), Status.PAID, d4.minusDays(1), null);
    OpenItem resolvedDue =
        new OpenItem(row(Source.SALES, "RDUE", "1", "USD"), Status.PAID, D1, null);
    OpenItem resolvedPaid =
        new OpenItem(row(Source.PROCESSOR, "RPAID", "1", "USD"), Status.PAID, D1, null);
    List<OpenItem> shown =
        new LedgerRules(2, CENT)
            .shownInFull(
                d4,
                new LedgerState(
                    List.of(young, due, gone, paid, sameSide),
                    List.of(),
                    null,
                    List.of(resolvedDue, resolvedPaid)),
                List.of(
                    sale("PAID", "1"),
                    payment("SAME", "1"),
                    payment("GONE", "1"),
                    sale("RPAID", "1")));
    // A resolved item shows only when its other half clears it: it never goes missing.
    assertEquals(List.of(due, gone, paid, resolvedPaid), shown);
  }

  /**
   * A sale written off whose settlement comes after all: the settlement clears it, late, instead of
   * opening a processor item that could never clear (and that, were the write-off taken back, would
   * count the pair twice). An unpaid sale clears a resolved processor row the same way.
   */
  @Test
  void aLateOtherHalfClearsAnItemOpenButForItsResolutionAndOpensNothing() {
    LedgerRules rules = new LedgerRules(3, CENT);
    OpenItem writtenOff = new OpenItem(row(Source.SALES, "A", "10", "USD"), Status.PAID, D1, null);
    OpenItem explained =
        new OpenItem(row(Source.PROCESSOR, "B", "5", "USD"), Status.PAID, D1, null);
    Leftover pendingB = new Leftover(row(Source.SALES, "B", "5", "USD"), Status.PENDING);
    LocalDate d2 = D1.plusDays(1);

    LedgerStep step =
        rules.apply(
            d2,
            new LedgerState(List.of(), List.of(), null, List.of(writtenOff, explained)),
            List.of(payment("A", "10")),
            List.of(pendingB));

    assertEquals(
        List.of("A", "B"),
        step.outcome().cleared().stream().map(ClearedItem::transactionId).sorted().toList());
    ClearedItem a =
        step.outcome().cleared().stream()
            .filter(c -> c.transactionId().equals("A"))
            .findFirst()
            .get();
    assertEquals(writtenOff, a.item());
    assertEquals(1, a.daysLate());
    assertEquals(List.of(), step.outcome().open());
  }

  @Test
  void anUnpaidSaleClearsAProcessorRowThatCameFirstButNeverOpensAnItem() {
    LedgerRules rules = new LedgerRules(3, CENT);
    LedgerStep first =
        rules.apply(D1, new LedgerState(List.of(), List.of(), null), List.of(payment("P", "5")));
    Leftover pendingP = new Leftover(row(Source.SALES, "P", "5", "USD"), Status.PENDING);
    Leftover pendingQ = new Leftover(row(Source.SALES, "Q", "5", "USD"), Status.PENDING);
    LedgerStep second =
        rules.apply(
            D1.plusDays(1),
            new LedgerState(first.outcome().open(), List.of(), null),
            List.of(),
            List.of(pendingP, pendingQ));
    assertEquals(
        List.of("P"), second.outcome().cleared().stream().map(ClearedItem::transactionId).toList());
    assertNull(second.outcome().cleared().get(0).kind());
    assertTrue(second.outcome().open().isEmpty(), "Q, unpaid and unmatched, opens nothing");
    assertTrue(second.discrepancies().isEmpty());
  }

  /**
   * The opposite order: an unpaid sale with no processor row is kept, never open, and a processor
   * row of a later day with its id clears it, late, instead of opening an item that would go
   * missing in sales. An item open for the id is the row's other half before a kept sale is.
   */
  @Test
  void aProcessorRowClearsAnUnpaidSaleOfAnEarlierDay() {
    LedgerRules rules = new LedgerRules(3, CENT);
    Leftover pendingU = new Leftover(row(Source.SALES, "U", "5", "USD"), Status.PENDING);
    Leftover pendingV = new Leftover(row(Source.SALES, "V", "5", "USD"), Status.CANCELLED);
    LedgerStep first =
        rules.apply(
            D1,
            new LedgerState(List.of(), List.of(), null),
            List.of(),
            List.of(pendingU, pendingV));
    assertEquals(List.of(), first.outcome().open());
    List<OpenItem> kept = first.outcome().unpaid();
    assertEquals(List.of("U", "V"), kept.stream().map(OpenItem::transactionId).toList());
    assertEquals(List.of(D1, D1), kept.stream().map(OpenItem::openedOn).toList());
    assertEquals(Status.PENDING, kept.get(0).status());

    OpenItem paidV = new OpenItem(row(Source.SALES, "V", "5", "USD"), Status.PAID, D1, null);
    LocalDate d2 = D1.plusDays(1);
    LedgerStep second =
        rules.apply(
            d2,
            new LedgerState(List.of(paidV), List.of(), null).withUnpaidSales(kept),
            List.of(payment("U", "7"), payment("V", "5"), payment("X", "1")));

    LedgerOutcome outcome = second.outcome();
    assertEquals(
        List.of(kept.get(0), paidV), outcome.cleared().stream().map(ClearedItem::item).toList());
    assertEquals(1, outcome.cleared().get(0).daysLate());
    assertEquals(AMOUNT_MISMATCH, outcome.cleared().get(0).kind());
    assertEquals(List.of(kept.get(0)), outcome.unpaidCleared(), "V's open item took its row");
    assertEquals(List.of("X"), outcome.open().stream().map(OpenItem::transactionId).toList());
    assertEquals(List.of(), outcome.unpaid());
    assertEquals(
        List.of(AMOUNT_MISMATCH), second.discrepancies().stream().map(Discrepancy::kind).toList());
  }

  @Test
  void agesFallIntoTheirBuckets() {
    assertEquals(AgeBucket.DAYS_0_1, AgeBucket.of(0));
    assertEquals(AgeBucket.DAYS_0_1, AgeBucket.of(1));
    assertEquals(AgeBucket.DAYS_2_7, AgeBucket.of(2));
    assertEquals(AgeBucket.DAYS_2_7, AgeBucket.of(7));
    assertEquals(AgeBucket.DAYS_8_30, AgeBucket.of(8));
    assertEquals(AgeBucket.DAYS_8_30, AgeBucket.of(30));
    assertEquals(AgeBucket.OVER_30, AgeBucket.of(31));
    assertThrows(IllegalArgumentException.class, () -> AgeBucket.of(-1));
  }
}
