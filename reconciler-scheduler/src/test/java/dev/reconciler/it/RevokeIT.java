package dev.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reconciler.core.alert.AlertKind;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.core.testing.WaitBound;
import dev.reconciler.worker.jobs.ReconcileJob;
import dev.reconciler.worker.jobs.RunOrder;
import dev.reconciler.worker.jobs.TaskCatalog;
import dev.reconciler.worker.queue.ChainView;
import dev.reconciler.worker.queue.QueueInspector;
import dev.reconciler.worker.queue.RedisConnector;
import dev.reconciler.worker.queue.Revocation;
import dev.reconciler.worker.queue.TaskClient;
import dev.reconciler.worker.queue.TaskQueue;
import dev.reconciler.worker.task.TaskEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 'reconciler revoke' with real worker JVMs: a queued or delayed task is taken out and never runs;
 * a running one finishes (and its chain stops) or, with --terminate, is stopped and its run
 * recorded as revoked; a revoked job a reaper returns is dropped; unknown and finished tasks are
 * refused. Each case that runs a reconcile does so on SQLite and on PostgreSQL.
 */
@WaitBound
class RevokeIT {
  private static final LocalDate DAY = LocalDate.of(2026, 1, 15);

  /** Enough rows that a cold worker JVM spends seconds on the run (as in WorkerCrashRecoveryIT). */
  private static final int TRANSACTIONS = 200_000;

  private static final String QUEUES = "reconcile,alerts";

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  /**
   * The day the reconcile cases run, generated once per backend in the run (the crash ITs run it
   * too); each case gets a copy.
   */
  static final DayTemplate day = new DayTemplate(pg, Workspace.spec(DAY, TRANSACTIONS));

  @RegisterExtension final ChildJvms children = new ChildJvms();

  @RegisterExtension final QueueWorld world = new QueueWorld(60);

  // One backend: pings, which touch no store.
  @Test
  void aQueuedTaskRevokedFromTheCommandLineNeverRunsAndFinishedOrUnknownOnesAreRefused()
      throws Exception {
    String revoked = world.probe().send(TaskCatalog.PING, List.of());

    ChildJvms.Child cli = cli("revoke-queued", "revoke", revoked);

    assertThat(cli.process().exitValue()).isEqualTo(0);
    assertThat(cli.stdoutText().strip())
        .isEqualTo("revoked " + revoked + ": removed before it ran");
    assertThat(world.probe().state(revoked)).isEqualTo("REVOKED");
    ChildJvms.Child worker = startWorker("worker");
    String after = pingRuns();
    assertThat(world.probe().state(revoked)).isEqualTo("REVOKED");
    assertThat(worker.output()).doesNotContain(revoked);

    assertRefused(
        new Refusal("revoke-again", revoked, "task " + revoked + " has finished (REVOKED)"),
        new Refusal("revoke-done", after, "task " + after + " has finished (SUCCESS)"),
        new Refusal("revoke-unknown", "no-such-task", "no task no-such-task (unknown"),
        new Refusal("revoke-malformed", "<b>x</b>", "'<b>x</b>' is not a task id"));
  }

  // One backend: pings, which touch no store.
  @Test
  void aDelayedTaskRevokedBeforeItsEtaNeverRuns() throws Exception {
    Instant eta = Instant.now().plusSeconds(8);
    String delayed = world.probe().sendAt(TaskCatalog.PING, List.of(), eta);
    // The worker's JVM starts while the revoke's does, instead of before the task is sent: the
    // eta's seconds are what the case waits for, and the worker is serving long before they end.
    ChildJvms.Child worker = children.worker("worker", world.ws(), world.env(), QUEUES);

    ChildJvms.Child cli = cli("revoke-delayed", "revoke", delayed);

    assertThat(cli.process().exitValue()).isEqualTo(0);
    assertThat(world.probe().exists("reconciler:delayed")).isFalse();
    await().atMost(Duration.ofSeconds(20)).until(() -> world.probe().workerOf(worker).isPresent());
    await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(eta.plusSeconds(1)));
    pingRuns();
    assertThat(world.probe().task(delayed))
        .containsEntry("state", "REVOKED")
        .doesNotContainKey("started_at");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void aRunningLinkRevokedWithoutTerminateFinishesButNeitherRetriesNorQueuesItsSuccessor(
      Backend backend) throws Exception {
    world.keepCopyIn(backend, day);
    try (RedisConnector redis = new RedisConnector(world.settings().redis().url(), 2_000, 2)) {
      TaskQueue queue =
          new TaskQueue(
              redis, "resque", world.settings().worker().resultExpiry(), Clock.systemUTC());
      startWorker("worker");
      TaskEnvelope first =
          RunOrder.firstLink(reconcileArgs(), DAY.plusDays(1), System.currentTimeMillis());
      new TaskClient(queue, world.settings(), Clock.systemUTC())
          .send(first, RunOrder.linkOf(first), null);
      String id = first.taskId();
      awaitRunning(id);

      Revocation r = world.probe().revoke(id, false);

      assertThat(r.outcome()).isEqualTo(Revocation.Outcome.RUNNING);
      await().atMost(Duration.ofSeconds(60)).until(() -> "REVOKED".equals(world.probe().state(id)));
      assertThat(world.probe().task(id)).containsKey("revoked_at").containsKey("result");
      assertThat(run(id).status()).isEqualTo("SUCCESS");
      ChainView chain = new QueueInspector(queue).chain(id);
      assertThat(chain.links()).extracting(ChainView.Link::date).containsExactly(DAY);
      assertThat(chain.state()).isEqualTo("REVOKED");
      assertThat(world.probe().task(RunOrder.linkTaskId(id, DAY.plusDays(1)))).isEmpty();
      assertThat(world.probe().queueLength(ReconcileArgs.TASK)).isZero();
    }
    backend.assertKeptEverything(world.ws().database());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void aRunningTaskRevokedWithTerminateIsStoppedAndItsRunRecordedRevokedWithoutAnAlert(
      Backend backend) throws Exception {
    world.keepCopyIn(backend, day);
    ChildJvms.Child worker = startWorker("worker");
    String id = world.probe().send(ReconcileArgs.TASK, reconcileArgs().toList());
    awaitRunning(id);

    world.probe().revoke(id, true);

    await().atMost(Duration.ofSeconds(30)).until(() -> "REVOKED".equals(world.probe().state(id)));
    assertThat(world.probe().task(id))
        .containsEntry("error_type", "dev.reconciler.worker.runtime.TaskRevoked")
        .containsKey("note");
    RunRecord run = run(id);
    assertThat(run.status()).isEqualTo("REVOKED");
    assertThat(run.error()).contains("revoked by an operator");
    assertThat(world.probe().exists("resque:failed")).isFalse();
    String runId = RunIds.forTask(DAY, id);
    assertThat(world.probe().task(ReconcileJob.alertTaskId(runId, AlertKind.FAILURE))).isEmpty();
    assertThat(world.probe().nonEmptyInflightLists()).isEmpty();
    assertThat(worker.output()).contains("revoked by an operator: stopped");
    pingRuns();
    backend.assertKeptEverything(world.ws().database());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void aRevokedTaskThatAReaperReturnsFromADeadWorkerDoesNotRunAgain(Backend backend)
      throws Exception {
    world.keepCopyIn(backend, day);
    ChildJvms.Child a = startWorker("worker-a");
    String workerA = world.probe().workerOf(a).orElseThrow();
    String id = world.probe().send(ReconcileArgs.TASK, reconcileArgs().toList());
    awaitRunning(id);
    world.probe().revoke(id, false);
    a.kill();

    ChildJvms.Child b = startWorker("worker-b");
    await().atMost(Duration.ofSeconds(30)).until(() -> "REVOKED".equals(world.probe().state(id)));

    pingRuns();
    assertThat(b.output())
        .contains("Reaped dead worker " + workerA + ": 1 job(s) back")
        .doesNotContain("Task reconcile[" + id);
    assertThat(world.probe().task(id).get("note")).contains("dropped");
    assertThat(world.probe().queueLength(ReconcileArgs.TASK)).isZero();
    assertThat(world.probe().nonEmptyInflightLists()).isEmpty();
    backend.assertKeptEverything(world.ws().database());
  }

  private ChildJvms.Child startWorker(String label) throws Exception {
    ChildJvms.Child w = children.worker(label, world.ws(), world.env(), QUEUES);
    await().atMost(Duration.ofSeconds(20)).until(() -> world.probe().workerOf(w).isPresent());
    return w;
  }

  /** A command run to its end in a child JVM. */
  private ChildJvms.Child cli(String label, String... args) throws Exception {
    ChildJvms.Child c =
        children.start(label, world.ws().root(), world.ws().tmp(), world.env(), args);
    assertThat(c.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    return c;
  }

  /** 'revoke ID', refused with this message. */
  private record Refusal(String label, String id, String message) {}

  /**
   * Each 'revoke ID' exits 2 with its one line. Their JVMs start side by side: a refused revoke
   * changes nothing another could see.
   */
  private void assertRefused(Refusal... refusals) throws Exception {
    List<ChildJvms.Child> started = new ArrayList<>();
    for (Refusal r : refusals) {
      started.add(
          children.start(
              r.label(), world.ws().root(), world.ws().tmp(), world.env(), "revoke", r.id()));
    }
    for (int i = 0; i < refusals.length; i++) {
      ChildJvms.Child c = started.get(i);
      assertThat(c.process().waitFor(60, TimeUnit.SECONDS)).as(c.label()).isTrue();
      assertThat(c.process().exitValue()).as(c.label()).isEqualTo(2);
      assertThat(c.output().strip())
          .startsWith("reconciler: error: " + refusals[i].message())
          .doesNotContain("\n");
    }
  }

  /** A ping sent now runs: the worker is alive and past whatever came before; returns its id. */
  private String pingRuns() {
    String ping = world.probe().send(TaskCatalog.PING, List.of());
    await().atMost(Duration.ofSeconds(30)).until(() -> "SUCCESS".equals(world.probe().state(ping)));
    return ping;
  }

  /** Until the task runs and its run is recorded RUNNING: stopping it now interrupts real work. */
  private void awaitRunning(String id) {
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(20))
        .ignoreExceptions()
        .until(
            () -> {
              Map<String, String> task = world.probe().task(id);
              if (!"STARTED".equals(task.get("state"))) {
                return false;
              }
              RunRecord run = run(id);
              return run != null && "RUNNING".equals(run.status());
            });
  }

  private RunRecord run(String taskId) {
    return world.runs().find(RunIds.forTask(DAY, taskId));
  }

  private ReconcileArgs reconcileArgs() {
    return new ReconcileArgs(
        DAY, world.ws().database().toString(), world.ws().reports().toString());
  }
}
