package dev.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reconciler.core.alert.AlertKind;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.ledger.LedgerStore;
import dev.reconciler.core.ledger.Ledgers;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.runs.RunCounts;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.SqliteRunStore;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.core.testing.WaitBound;
import dev.reconciler.worker.jobs.ReconcileJob;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SIGKILL a worker in the middle of a reconcile: another worker finishes it, exactly once. */
@WaitBound
class WorkerCrashRecoveryIT {
  private static final LocalDate DAY = LocalDate.of(2026, 1, 15);

  /** Enough rows that a cold worker JVM spends seconds on the run (about 3 s measured). */
  private static final int TRANSACTIONS = 200_000;

  private static final String QUEUES = "reconcile,alerts";

  @RegisterExtension final ChildJvms children = new ChildJvms();

  @RegisterExtension final QueueWorld world = new QueueWorld(60);

  /** The day, generated once in the run (RevokeIT and the other crash ITs run it); SQLite only. */
  static final DayTemplate day = new DayTemplate(null, Workspace.spec(DAY, TRANSACTIONS));

  @BeforeEach
  void generate() throws Exception {
    world.keepCopyIn(Backend.SQLITE, day);
  }

  @Test
  void anotherWorkerFinishesTheJobOfAWorkerKilledMidRunExactlyOnce() throws Exception {
    ChildJvms.Child a = children.worker("worker-a", world.ws(), world.env(), QUEUES);
    String workerA = world.probe().awaitWorkerOf(a);
    String taskId = world.probe().send(ReconcileArgs.TASK, reconcileArgs());

    world.probe().awaitRunning(taskId, workerA, ReconcileArgs.TASK, Duration.ofSeconds(20));
    a.kill();
    assertThat(ProcessHandle.of(a.pid()).filter(ProcessHandle::isAlive)).isEmpty();
    // Killed mid-run: had it finished before the kill, this would be SUCCESS.
    assertThat(world.probe().task(taskId))
        .containsEntry("state", "STARTED")
        .containsEntry("worker", workerA);

    ChildJvms.Child b = children.worker("worker-b", world.ws(), world.env(), QUEUES);
    await()
        .atMost(Duration.ofSeconds(45))
        .until(() -> "SUCCESS".equals(world.probe().state(taskId)));
    String workerB = world.probe().workerOf(b).orElseThrow();
    assertThat(world.probe().task(taskId)).containsEntry("worker", workerB);
    assertThat(b.output())
        .contains("Reaped dead worker " + workerA + ": 1 job(s) back on their queues");

    String runId = RunIds.forTask(DAY, taskId);
    String alertId = ReconcileJob.alertTaskId(runId, AlertKind.DISCREPANCIES);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "SUCCESS".equals(world.probe().state(alertId)));
    assertExactlyOnceEffects(runId);
    assertThat(world.probe().workers()).doesNotContain(workerA).contains(workerB);
    assertThat(world.probe().exists("resque:worker:" + workerA)).isFalse();
    assertThat(world.probe().nonEmptyInflightLists()).isEmpty();
  }

  private void assertExactlyOnceEffects(String runId) {
    Settings settings = world.settings();
    assertThat(Workspace.list(world.ws().reports()))
        .containsExactly(settings.report().fileName(DAY));
    List<RunRecord> runs = SqliteRunStore.inDatabase(world.ws().database(), 1000).recent(10);
    assertThat(runs).extracting(RunRecord::runId).containsExactly(runId);
    assertThat(runs.get(0).status()).isEqualTo("SUCCESS");
    assertThat(Workspace.list(world.ws().outbox())).singleElement().asString().endsWith(".eml");
    // The ledger holds the day once: what the finished run counted open (window 0: every leftover
    // of the day is missing and open), nothing the killed run may have begun.
    Map<String, Long> counts = runs.get(0).counts();
    try (LedgerStore ledger = Ledgers.open(settings, world.ws().database(), Clock.systemUTC())) {
      assertThat(ledger.lastRunDate()).contains(DAY);
      assertThat(ledger.staleDates()).isEmpty();
      assertThat((long) ledger.openNow().size())
          .isEqualTo(counts.get(RunCounts.OPEN_ITEMS))
          .isEqualTo(counts.get("missing_in_processor") + counts.get("missing_in_sales"))
          .isPositive();
    }
  }

  private List<Object> reconcileArgs() {
    return new ReconcileArgs(DAY, world.ws().database().toString(), world.ws().reports().toString())
        .toList();
  }
}
