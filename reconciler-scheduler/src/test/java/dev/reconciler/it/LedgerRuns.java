package dev.reconciler.it;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.ledger.LedgerOutcome;
import dev.reconciler.core.ledger.LedgerStore;
import dev.reconciler.core.ledger.Ledgers;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Runs recorded in a real ledger at a given time, as a worker's reconcile records them. */
public final class LedgerRuns {
  private LedgerRuns() {}

  /**
   * A run of {@code date} (no findings) in the ledger of the settings' database, recorded at {@code
   * at}. A run of an earlier date recorded after it makes it stale, as a rerun does.
   */
  public static void record(Settings settings, LocalDate date, String at) {
    Clock clock = Clock.fixed(Instant.parse(at), ZoneOffset.UTC);
    try (LedgerStore ledger = Ledgers.open(settings, settings.paths().database(), clock)) {
      ledger.record("run-" + date, LedgerOutcome.none(date));
    }
  }
}
