package dev.reconciler.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.alert.AlertKind;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.worker.jobs.ReconcileJob;
import dev.reconciler.worker.jobs.TaskCatalog;
import dev.reconciler.worker.mail.AlertSenders;
import dev.reconciler.worker.queue.FailureRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The poison-job cap with an in-process worker: a reconcile whose workers died under it past
 * [worker] max_redeliveries fails unrun, with its failure record and its failure alert, and the
 * queue goes on. The deaths are a registered worker without a heartbeat, as the reaper sees them;
 * the scheduler module's PoisonJobCrashIT kills real worker JVMs. On SQLite and on PostgreSQL.
 */
class PoisonJobIT {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  private static final Duration LONG = Duration.ofSeconds(60);

  /** Registered, never beats: the reaper takes it for a worker that died mid-job. */
  private static final String DEAD = "gone:1-1:reconcile";

  @TempDir Path dir;
  private WorkerHarness harness;

  @AfterEach
  void stop() throws Exception {
    harness.close();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(FlowDatabase.class)
  void aReconcileWhoseWorkerDiedPastTheCapFailsUnrunWithItsAlertAndTheNextTaskRuns(
      FlowDatabase database) throws Exception {
    harness =
        new WorkerHarness(dir, database.env(pg, Map.of("RECONCILER_WORKER_MAX_REDELIVERIES", "1")));
    harness.generate(200);
    String taskId =
        harness.client.send(
            ReconcileArgs.TASK, new ReconcileArgs(WorkerHarness.DAY, null, null).toList());
    String next = harness.client.send(TaskCatalog.PING, List.of());
    // Delivered to a worker that dies, returned by a reaper, delivered and dies again.
    takenByADyingWorker();
    int reaped = harness.redis.with(j -> harness.queue.reap(j, DEAD));
    assertThat(reaped).isEqualTo(1);
    takenByADyingWorker();

    harness.startWorker(); // its reaper returns the job a second time: one more than the cap

    Map<String, String> state = harness.awaitState(taskId, "FAILURE", LONG);
    assertThat(state)
        .containsEntry("error", "its worker died 2 times while running it")
        .containsEntry("error_type", PoisonJob.class.getName())
        .containsEntry("redeliveries", "2");
    FailureRecord failed = FailureRecord.read(harness.failedRecords().get(0));
    assertThat(failed.taskId()).isEqualTo(taskId);
    assertThat(failed.error()).isEqualTo("its worker died 2 times while running it");
    String runId = RunIds.forTask(WorkerHarness.DAY, taskId);
    harness.awaitState(ReconcileJob.alertTaskId(runId, AlertKind.FAILURE), "SUCCESS", LONG);
    assertThat(AlertSenders.outboxFile(harness.settings, runId, AlertKind.FAILURE)).isRegularFile();
    harness.awaitState(next, "SUCCESS", LONG);
    // Failed unrun: it never started a run.
    assertThat(harness.runs().find(runId)).isNull();
    database.assertKeptEverything(harness);
  }

  private void takenByADyingWorker() {
    harness.redis.with(j -> j.sadd(harness.settings.redis().namespace() + ":workers", DEAD));
    harness.redis.with(j -> harness.queue.pop(j, DEAD, List.of("reconcile")));
  }
}
