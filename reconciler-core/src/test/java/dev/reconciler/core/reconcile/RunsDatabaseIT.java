package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.config.SameDaySettings;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.runs.RunCounts;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.core.runs.SqliteRunStore;
import dev.reconciler.core.store.SqliteFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reconciling with [paths] runs_database set: the runs go there, the input is only read. */
class RunsDatabaseIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  @TempDir Path dir;

  private Settings settings(Path runs) {
    return SameDaySettings.load(Map.of("RECONCILER_PATHS_RUNS_DATABASE", runs.toString()));
  }

  private RunOutcome reconcile(Settings settings, Path input, String runId) {
    return new ReconcileService(settings, Clock.systemUTC(), Progress.NONE)
        .run(new ReconcileRequest(DAY, runId, input, dir.resolve("out")));
  }

  @Test
  void aRunIsRecordedInTheRunsDatabaseWithEveryCountAndNotInItsInput() throws Exception {
    TestDatabase input = new TestDatabase(dir.resolve("input.db"));
    input.pair("A", "1.00", "USD").sale("B", "2.00", "USD", "completed", "2026-11-24T11:00:00Z");
    Path runs = dir.resolve("audit/runs.db");
    Settings settings = settings(runs);

    reconcile(settings, input.file(), "run-a");

    RunRecord run = RunStores.open(settings, input.file()).find("run-a");
    assertThat(run.status()).isEqualTo("SUCCESS");
    assertThat(run.counts()).containsOnlyKeys(RunCounts.KEYS);
    assertThat(run.counts())
        .containsEntry(RunCounts.MATCHED, 1L)
        .containsEntry(DiscrepancyKind.MISSING_IN_PROCESSOR.id(), 1L);
    assertThat(SqliteRunStore.inDatabase(runs, 1000).recent(5)).containsExactly(run);
    assertThat(SqliteRunStore.inDatabase(input.file(), 1000).recent(5)).isEmpty();
  }

  @Test
  void aReadOnlyInputIsReconciledWhenRunsAreRecordedElsewhere() throws Exception {
    TestDatabase input = new TestDatabase(dir.resolve("input.db"));
    input.pair("A", "1.00", "USD");
    SqliteFiles.readOnly(input.file());
    Path runs = dir.resolve("runs.db");

    reconcile(settings(runs), input.file(), "run-ro");

    assertThat(SqliteRunStore.inDatabase(runs, 1000).find("run-ro").status()).isEqualTo("SUCCESS");
    assertThatThrownBy(() -> reconcile(SameDaySettings.defaults(), input.file(), "run-ro-2"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("is read-only");
  }

  @Test
  void aRunWhoseInputIsMissingIsRecordedAsFailedInTheRunsDatabase() {
    Path runs = dir.resolve("runs.db");

    assertThatThrownBy(() -> reconcile(settings(runs), dir.resolve("nope.db"), "run-missing"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("database not found");

    RunRecord run = SqliteRunStore.inDatabase(runs, 1000).find("run-missing");
    assertThat(run.status()).isEqualTo("FAILURE");
    assertThat(run.error()).contains("nope.db");
    assertThat(dir.resolve("nope.db")).doesNotExist();
  }
}
