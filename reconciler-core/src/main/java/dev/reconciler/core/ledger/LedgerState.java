package dev.reconciler.core.ledger;

import java.util.List;

/**
 * The ledger as a run for a date finds it.
 *
 * @param open the items open after the previous date's run, resolutions in force taken off
 * @param resolved resolutions this run shows (made since the previous run)
 * @param emptyStart why the ledger starts empty (no run for the previous date), or null
 * @param resolvedOpen the items open but for a resolution in force: never aged or listed open, but
 *     a late other half still clears one rather than opening an item of its own
 * @param unpaidSales unpaid sales of earlier dates, kept as items are but never open, that no
 *     processor row has paired yet: those with an id of the day's processor rows ({@link
 *     LedgerStore#unpaidSales}), each that row's other half
 */
public record LedgerState(
    List<OpenItem> open,
    List<Resolution> resolved,
    String emptyStart,
    List<OpenItem> resolvedOpen,
    List<OpenItem> unpaidSales) {

  /** A ledger with no resolved item still open. */
  public LedgerState(List<OpenItem> open, List<Resolution> resolved, String emptyStart) {
    this(open, resolved, emptyStart, List.of());
  }

  /** A ledger without earlier unpaid sales looked up. */
  public LedgerState(
      List<OpenItem> open,
      List<Resolution> resolved,
      String emptyStart,
      List<OpenItem> resolvedOpen) {
    this(open, resolved, emptyStart, resolvedOpen, List.of());
  }

  /** This state with {@code unpaid} as its earlier unpaid sales. */
  public LedgerState withUnpaidSales(List<OpenItem> unpaid) {
    return new LedgerState(open, resolved, emptyStart, resolvedOpen, unpaid);
  }
}
