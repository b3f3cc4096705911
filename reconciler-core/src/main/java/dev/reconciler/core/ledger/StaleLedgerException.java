package dev.reconciler.core.ledger;

import dev.reconciler.core.domain.Explained;
import java.time.LocalDate;

/**
 * A date asked for while dates before it that a rerun made stale wait to run again: a worker
 * retries it (the chain of the rerun may be running them), the command line says which to run.
 */
public final class StaleLedgerException extends IllegalStateException implements Explained {
  private static final long serialVersionUID = 1L;

  private final LocalDate firstStale;

  StaleLedgerException(LocalDate firstStale, LocalDate date) {
    super(
        "the ledger's run of "
            + firstStale
            + (firstStale.equals(date.minusDays(1)) ? "" : " and later dates before " + date)
            + " is stale (an earlier date was rerun since): run "
            + firstStale
            + " again before "
            + date
            + " (reconcile --date "
            + firstStale
            + " reruns every stale date in order)");
    this.firstStale = firstStale;
  }

  /** The earliest stale date, where running in order starts again. */
  public LocalDate firstStale() {
    return firstStale;
  }
}
