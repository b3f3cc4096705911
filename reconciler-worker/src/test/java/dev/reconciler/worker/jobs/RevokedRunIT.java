package dev.reconciler.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.ledger.LedgerStore;
import dev.reconciler.core.ledger.Ledgers;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.worker.task.TaskEnvelope;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a revoke records of a run, on a real SQLite file. */
class RevokedRunIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  @TempDir Path dir;

  /**
   * A 'revoke --terminate' seen only after the run committed its ledger and recorded its success
   * (the worker checks every half second, and waits for the stopped thread before recording the
   * revoke): the record must keep saying what the ledger holds, not REVOKED.
   */
  @Test
  void aRevokeThatLandsAfterTheRunRecordedItsSuccessLeavesTheSuccess() throws Exception {
    Settings settings =
        SettingsLoader.load(
            null,
            Map.of(
                "RECONCILER_PATHS_DATA_DIR", dir.toString(),
                "RECONCILER_PATHS_DATABASE", dir.resolve("in.db").toString(),
                "RECONCILER_PATHS_REPORT_DIR", dir.resolve("reports").toString(),
                "RECONCILER_PATHS_OUTBOX_DIR", dir.resolve("outbox").toString(),
                "RECONCILER_PATHS_LOG_DIR", dir.resolve("logs").toString()));
    Path input = settings.paths().database();
    DataGenerator.writingTo(settings.database(), Progress.NONE)
        .generate(
            new GenerationSpec(
                DAY,
                200,
                11,
                ZoneId.of("UTC"),
                settings.reconciliation().amountTolerance(),
                GenerationSpec.Rates.defaults()),
            input,
            dir.resolve("in.truth.json"));
    Clock clock = Clock.systemUTC();
    String taskId = UUID.randomUUID().toString();
    TaskEnvelope task =
        new TaskEnvelope(
            taskId,
            ReconcileArgs.TASK,
            new ReconcileArgs(DAY, null, null).toList(),
            0,
            clock.millis());
    ReconcileJob job = new ReconcileJob(task, new JobContext(settings, clock, null, null));

    job.run();
    job.revoked("revoked by an operator (revoke --terminate)");

    String runId = RunIds.forTask(DAY, taskId);
    try (LedgerStore ledger = Ledgers.open(settings, input, clock)) {
      assertThat(ledger.lastRunDate()).as("the run's ledger is committed").contains(DAY);
    }
    RunRecord run = RunStores.open(settings, input).find(runId);
    assertThat(run.status()).isEqualTo("SUCCESS");
    assertThat(run.error()).isNull();
  }
}
