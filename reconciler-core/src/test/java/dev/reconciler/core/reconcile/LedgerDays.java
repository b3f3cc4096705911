package dev.reconciler.core.reconcile;

import dev.reconciler.core.config.SameDaySettings;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.store.EmbeddedPg;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

/**
 * The four days of the README's worked example on a real input (SQLite or PostgreSQL), run with
 * window 2: sale A settles on day 3 (the day its age reaches the window), B on day 4 (after it went
 * missing), M on day 2 with the wrong amount, the processor row C comes a day before its sale, U is
 * unpaid, and X pairs on its own day.
 */
final class LedgerDays {
  static final LocalDate D1 = LocalDate.of(2026, 11, 1);
  static final LocalDate D2 = D1.plusDays(1);
  static final LocalDate D3 = D1.plusDays(2);
  static final LocalDate D4 = D1.plusDays(3);

  final Backend.Store store;
  final Settings settings;
  final TestDatabase db;
  private final Path out;

  LedgerDays(Backend backend, EmbeddedPg pg, Path dir) throws Exception {
    store = backend.fresh(pg, dir, "input");
    settings = settings(Map.of(SameDaySettings.WINDOW, "2"));
    db = new TestDatabase(store);
    out = dir.resolve("out");
    db.sale("A", "10.00", "USD", "completed", at(D1))
        .sale("B", "5.00", "USD", "completed", at(D1))
        .sale("M", "3.00", "USD", "completed", at(D1))
        .sale("U", "9.00", "USD", "pending", at(D1))
        .payment("C", "7.00", "USD", "settled", at(D1));
    db.sale("C", "7.00", "USD", "completed", at(D2))
        .payment("M", "3.50", "USD", "settled", at(D2))
        .sale("X", "1.00", "USD", "completed", at(D2))
        .payment("X", "1.00", "USD", "settled", at(D2));
    db.payment("A", "10.00", "USD", "settled", at(D3));
    db.payment("B", "5.00", "USD", "settled", at(D4));
  }

  private static String at(LocalDate day) {
    return day + "T12:00:00Z";
  }

  /** Settings with these overrides reaching this input's database. */
  Settings settings(Map<String, String> env) {
    return SettingsLoader.load(null, store.env(env));
  }

  /** Reconciles one day with these settings. */
  RunOutcome run(LocalDate day, String runId) {
    return run(settings, day, runId);
  }

  /** Reconciles one day with other settings. */
  RunOutcome run(Settings with, LocalDate day, String runId) {
    return new ReconcileService(with, Clock.systemUTC(), Progress.NONE)
        .run(new ReconcileRequest(day, runId, db.file(), out));
  }
}
