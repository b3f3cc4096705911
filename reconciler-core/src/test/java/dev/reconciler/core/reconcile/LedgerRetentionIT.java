package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.generate.MultiDayTruth;
import dev.reconciler.core.ledger.LedgerStore;
import dev.reconciler.core.ledger.Ledgers;
import dev.reconciler.core.store.Sqlite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * [reconciliation] ledger_keep_days: each run prunes the ledger's history before its date less that
 * many days, after it recorded its success; 0 prunes nothing. Which rows a prune deletes, and that
 * the days after it run to the same truth, are the stores' contract and MultiDayLedgerIT's.
 */
class LedgerRetentionIT {
  private static final LocalDate FIRST = LocalDate.of(2026, 11, 2);
  private static final int DAYS = 4;

  /** The four days, generated once for both tests; each runs a copy. */
  @TempDir static Path generated;

  @TempDir Path dir;

  @BeforeAll
  static void generateFourDays() throws Exception {
    Settings settings = SettingsLoader.load(null, Map.of());
    MultiDayTruth truth =
        DataGenerator.writingTo(settings.database(), Progress.NONE)
            .generateDays(
                GenerationSpec.of(FIRST, 1_000, 7L)
                    .withDays(
                        GenerationSpec.Days.of(
                            DAYS, settings.reconciliation().settlementWindowDays())),
                generated.resolve("days.db"),
                generated.resolve("days.truth.json"));
    assertThat(truth.days()).hasSize(DAYS);
  }

  @Test
  void eachRunPrunesTheHistoryOlderThanKeepDaysBeforeItsDate() throws Exception {
    Path db = fourDays();
    Settings settings =
        SettingsLoader.load(null, Map.of("RECONCILER_RECONCILIATION_LEDGER_KEEP_DAYS", "1"));
    ReconcileService service = new ReconcileService(settings, Clock.systemUTC(), Progress.NONE);
    LocalDate second = FIRST.plusDays(1);

    for (int i = 0; i < DAYS; i++) {
      LocalDate date = FIRST.plusDays(i);
      if (i == DAYS - 1) {
        assertThat(clearedOn(db, second)).as("items cleared on the second day").isPositive();
      }
      run(service, db, date);
      assertThat(prunedBefore(settings, db)).contains(date.minusDays(1));
    }

    assertThat(clearedBefore(db, FIRST.plusDays(DAYS - 2))).isZero();
    assertThatThrownBy(() -> run(service, db, second))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("a run of " + second + " cannot be made");
  }

  @Test
  void byDefaultNothingIsPruned() throws Exception {
    Path db = fourDays();
    Settings settings = SettingsLoader.load(null, Map.of());
    assertThat(settings.reconciliation().ledgerKeepDays()).isZero();
    ReconcileService service = new ReconcileService(settings, Clock.systemUTC(), Progress.NONE);

    for (int i = 0; i < DAYS; i++) {
      run(service, db, FIRST.plusDays(i));
    }

    assertThat(prunedBefore(settings, db)).isEmpty();
    assertThat(clearedOn(db, FIRST.plusDays(1))).isPositive();
  }

  private Path fourDays() throws Exception {
    return Files.copy(generated.resolve("days.db"), dir.resolve("days.db"));
  }

  private void run(ReconcileService service, Path db, LocalDate date) {
    service.run(new ReconcileRequest(date, "run-" + date, db, dir.resolve("reports")));
  }

  private static Optional<LocalDate> prunedBefore(Settings settings, Path db) {
    try (LedgerStore ledger = Ledgers.open(settings, db, Clock.systemUTC())) {
      return ledger.prunedBefore();
    }
  }

  private static long clearedOn(Path db, LocalDate date) throws Exception {
    return count(db, "cleared_on = ?", date);
  }

  private static long clearedBefore(Path db, LocalDate date) throws Exception {
    return count(db, "cleared_on < ?", date);
  }

  private static long count(Path db, String where, LocalDate date) throws Exception {
    try (Connection c = Sqlite.openReadOnly(db, 1000);
        PreparedStatement st =
            c.prepareStatement("SELECT count(*) FROM reconciler_ledger_items WHERE " + where)) {
      st.setString(1, date.toString());
      try (ResultSet rs = st.executeQuery()) {
        return rs.getLong(1);
      }
    }
  }
}
