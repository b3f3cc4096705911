package dev.reconciler.core.ledger;

import java.time.LocalDate;
import java.util.List;

/**
 * What one run did to the open-items ledger.
 *
 * @param runDate the business date of the run
 * @param windowDays the settlement window the run aged items by
 * @param emptyStart why the run started from an empty ledger (no run for the previous date), or
 *     null when it carried the previous date's open items
 * @param open every item still open after the run, in transit and missing, by source, opening date,
 *     then transaction id
 * @param cleared items open before the run whose other half arrived on it
 * @param resolved items finance resolved since the previous run, shown on this run only
 * @param unpaid the run's unpaid sales without a processor row that cleared nothing: kept, never
 *     open, for a processor row of a later date with their id
 * @param unpaidCleared the earlier unpaid sales a processor row of this run paired (each also the
 *     item of one of {@code cleared})
 */
public record LedgerOutcome(
    LocalDate runDate,
    int windowDays,
    String emptyStart,
    List<OpenItem> open,
    List<ClearedItem> cleared,
    List<Resolution> resolved,
    List<OpenItem> unpaid,
    List<OpenItem> unpaidCleared) {

  /** An outcome that kept and paired no unpaid sale. */
  public LedgerOutcome(
      LocalDate runDate,
      int windowDays,
      String emptyStart,
      List<OpenItem> open,
      List<ClearedItem> cleared,
      List<Resolution> resolved) {
    this(runDate, windowDays, emptyStart, open, cleared, resolved, List.of(), List.of());
  }

  /** A run without a ledger (a unit test's result): nothing open, nothing cleared. */
  public static LedgerOutcome none(LocalDate runDate) {
    return new LedgerOutcome(runDate, 0, null, List.of(), List.of(), List.of());
  }

  /** Open items still inside the settlement window. */
  public List<OpenItem> inTransit() {
    return open.stream().filter(i -> !i.missing()).toList();
  }

  /** Open items whose age reached the window on this run: listed on the missing sheets today. */
  public List<OpenItem> wentMissing() {
    return open.stream().filter(i -> runDate.equals(i.missingSince())).toList();
  }
}
