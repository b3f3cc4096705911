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
 */
public record LedgerState(
    List<OpenItem> open,
    List<Resolution> resolved,
    String emptyStart,
    List<OpenItem> resolvedOpen) {

  /** A ledger with no resolved item still open. */
  public LedgerState(List<OpenItem> open, List<Resolution> resolved, String emptyStart) {
    this(open, resolved, emptyStart, List.of());
  }
}
