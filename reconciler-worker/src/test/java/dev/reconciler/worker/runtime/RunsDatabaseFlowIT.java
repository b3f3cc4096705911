package dev.reconciler.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.alert.AlertKind;
import dev.reconciler.core.generate.GroundTruth;
import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.SqliteRunStore;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.worker.jobs.ReconcileJob;
import dev.reconciler.worker.mail.AlertSenders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker with [paths] runs_database set: a queued task may name its input database, but its run
 * is recorded in the configured file, and the alert task finds it there.
 */
class RunsDatabaseFlowIT {
  private static final Duration LONG = Duration.ofSeconds(60);

  @TempDir Path dir;
  private WorkerHarness harness;

  @AfterEach
  void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  /**
   * SQLite only: [paths] runs_database and a task's named input file are SQLite's; with [database]
   * url the runs are in PostgreSQL (ChainFlowIT, ShardedReconcileFlowIT, TaskFlowIT).
   */
  @Test
  void aTaskNamingItsDatabaseIsRecordedInTheRunsDatabaseAndAlertedFromIt() throws Exception {
    Path runs = dir.resolve("audit/runs.db");
    harness = new WorkerHarness(dir, Map.of("RECONCILER_PATHS_RUNS_DATABASE", runs.toString()));
    GroundTruth truth = harness.generate(500);
    Path named = Files.copy(harness.settings.paths().database(), dir.resolve("named.db"));
    harness.startWorker();

    String taskId =
        harness.client.send(
            ReconcileArgs.TASK,
            new ReconcileArgs(WorkerHarness.DAY, named.toString(), null).toList());
    harness.awaitState(taskId, "SUCCESS", LONG);
    String runId = RunIds.forTask(WorkerHarness.DAY, taskId);
    harness.awaitState(ReconcileJob.alertTaskId(runId, AlertKind.DISCREPANCIES), "SUCCESS", LONG);

    RunRecord run = SqliteRunStore.inDatabase(runs, 1000).find(runId);
    assertThat(run.status()).isEqualTo("SUCCESS");
    assertThat(run.counts().get("missing_in_processor"))
        .isEqualTo(truth.count(DiscrepancyKind.MISSING_IN_PROCESSOR));
    assertThat(SqliteRunStore.inDatabase(named, 1000).recent(5)).isEmpty();
    assertThat(SqliteRunStore.inDatabase(harness.settings.paths().database(), 1000).recent(5))
        .isEmpty();
    assertThat(AlertSenders.outboxFile(harness.settings, runId, AlertKind.DISCREPANCIES))
        .isRegularFile();
  }
}
