package dev.reconciler.core.ledger;

import dev.reconciler.core.domain.Txn;
import dev.reconciler.core.match.Discrepancy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the ledger rules made of one run.
 *
 * @param outcome the ledger after the run, to record and report
 * @param discrepancies the run's findings from the ledger: items that went missing on this run and
 *     late pairs that did not agree, unsorted
 */
public record LedgerStep(LedgerOutcome outcome, List<Discrepancy> discrepancies) {

  /**
   * This step with each row that is a key of {@code full} (compared by identity: an {@link
   * java.util.IdentityHashMap}) replaced by its value, wherever an item, a cleared item or a
   * finding holds it. The rules need only what the ledger carries of an item; the rows of the few a
   * run shows in full are read meanwhile, and put in here.
   */
  public LedgerStep withRows(Map<Txn, Txn> full) {
    if (full.isEmpty()) {
      return this;
    }
    List<OpenItem> open = new ArrayList<>(outcome.open().size());
    for (OpenItem item : outcome.open()) {
      // Of the items still open, only those gone missing on this run are shown in full (the others
      // shown were cleared): the rest are not looked up, which would hash a hundred thousand rows.
      open.add(outcome.runDate().equals(item.missingSince()) ? withRow(item, full) : item);
    }
    List<ClearedItem> cleared = new ArrayList<>(outcome.cleared().size());
    for (ClearedItem c : outcome.cleared()) {
      cleared.add(
          new ClearedItem(withRow(c.item(), full), c.counterpart(), c.clearedOn(), c.kind()));
    }
    List<Discrepancy> findings = new ArrayList<>(discrepancies.size());
    for (Discrepancy d : discrepancies) {
      findings.add(
          new Discrepancy(
              d.kind(),
              d.transactionId(),
              row(d.sale(), full),
              row(d.processor(), full),
              d.difference()));
    }
    return new LedgerStep(
        new LedgerOutcome(
            outcome.runDate(),
            outcome.windowDays(),
            outcome.emptyStart(),
            List.copyOf(open),
            List.copyOf(cleared),
            outcome.resolved(),
            outcome.unpaid(),
            outcome.unpaidCleared()),
        findings);
  }

  private static OpenItem withRow(OpenItem item, Map<Txn, Txn> full) {
    Txn row = full.get(item.row());
    return row == null
        ? item
        : new OpenItem(row, item.status(), item.openedOn(), item.missingSince());
  }

  private static Txn row(Txn row, Map<Txn, Txn> full) {
    return row == null ? null : full.getOrDefault(row, row);
  }
}
