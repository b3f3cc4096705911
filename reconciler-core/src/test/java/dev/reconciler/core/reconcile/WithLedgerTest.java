package dev.reconciler.core.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.Txn;
import dev.reconciler.core.ledger.LedgerStep;
import dev.reconciler.core.match.Discrepancy;
import dev.reconciler.core.match.DiscrepancyKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WithLedgerTest {
  private static final DiscrepancyKind[] KINDS = DiscrepancyKind.values();

  private static Discrepancy finding(Random random) {
    DiscrepancyKind kind = KINDS[random.nextInt(KINDS.length)];
    String id = "T" + random.nextInt(30);
    Txn row =
        new Txn(
            random.nextBoolean() ? Source.SALES : Source.PROCESSOR,
            random.nextInt(5),
            id,
            BigDecimal.ONE,
            "USD",
            null,
            null,
            null,
            null,
            null);
    return row.source() == Source.SALES
        ? new Discrepancy(kind, id, row, null, null)
        : new Discrepancy(kind, id, null, row, null);
  }

  /** The same-day findings less the missing kinds, and the ledger's, in one stable sort. */
  private static List<Discrepancy> sortedTogether(List<Discrepancy> sameDay, LedgerStep ledger) {
    List<Discrepancy> all = new ArrayList<>();
    for (Discrepancy d : sameDay) {
      if (d.kind() != DiscrepancyKind.MISSING_IN_PROCESSOR
          && d.kind() != DiscrepancyKind.MISSING_IN_SALES) {
        all.add(d);
      }
    }
    all.addAll(ledger.discrepancies());
    all.sort(DetailResolver::order);
    return all;
  }

  @Test
  void theRunsFindingsAreThoseOfOneStableSortWhetherTheDayCameInOrderOrInParts() {
    Random random = new Random(7);
    for (int trial = 0; trial < 500; trial++) {
      List<Discrepancy> sameDay = new ArrayList<>();
      for (int i = random.nextInt(40); i > 0; i--) {
        sameDay.add(finding(random));
      }
      boolean whole = random.nextBoolean();
      if (whole) {
        sameDay.sort(DetailResolver::order);
      }
      List<Discrepancy> late = new ArrayList<>();
      for (int i = random.nextInt(15); i > 0; i--) {
        late.add(finding(random));
      }
      LedgerStep ledger = new LedgerStep(null, late);
      List<Discrepancy> expected = sortedTogether(sameDay, ledger);
      List<Discrepancy> actual = ReconcileService.withLedger(sameDay, ledger);
      assertEquals(expected.size(), actual.size(), "trial " + trial);
      for (int i = 0; i < expected.size(); i++) {
        // The same objects in the same places: ties keep the same-day one first.
        assertSame(
            expected.get(i), actual.get(i), "trial " + trial + " (whole " + whole + ") at " + i);
      }
    }
  }
}
