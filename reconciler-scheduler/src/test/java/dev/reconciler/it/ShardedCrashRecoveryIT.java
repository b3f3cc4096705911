package dev.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.core.task.ReconcilePartArgs;
import dev.reconciler.worker.queue.GroupView;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A sharded reconcile ([reconciliation] shards = 3) on real worker JVMs whose worker is SIGKILLed
 * in the middle of a part: another worker reaps it, runs that part again, and the merge runs once
 * and records one run; no part is left behind, in SQLite and in PostgreSQL.
 */
class ShardedCrashRecoveryIT {
  private static final LocalDate DAY = LocalDate.of(2026, 1, 15);

  /** Enough rows that a cold worker JVM spends seconds on a part (as in ChordCrashRecoveryIT). */
  private static final int TRANSACTIONS = 200_000;

  private static final String QUEUES = "reconcile,alerts";

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  /** The day, generated once per backend in the run (RevokeIT and the other crash ITs run it). */
  static final DayTemplate day = new DayTemplate(pg, Workspace.spec(DAY, TRANSACTIONS));

  @RegisterExtension final ChildJvms children = new ChildJvms();

  @RegisterExtension
  final QueueWorld world = new QueueWorld(60).with("RECONCILER_RECONCILIATION_SHARDS", "3");

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void aPartWhoseWorkerIsKilledRunsAgainElsewhereAndTheMergeRunsOnce(Backend backend)
      throws Exception {
    world.keepCopyIn(backend, day);
    Settings settings = world.settings();
    ChildJvms.Child a = children.worker("worker-a", world.ws(), world.env(), QUEUES);
    String workerA = world.probe().awaitWorkerOf(a);
    String taskId = world.sendReconcile(DAY);
    await()
        .atMost(Duration.ofSeconds(40))
        .until(() -> "SUCCESS".equals(world.probe().task(taskId).get("state")));
    String group = chordOf(world.probe().task(taskId).get("result"));
    String part = GroupView.memberId(group, 0);

    world.probe().awaitRunning(part, workerA, ReconcileArgs.TASK, Duration.ofSeconds(40));
    a.kill();
    ChildJvms.Child b = children.worker("worker-b", world.ws(), world.env(), QUEUES);
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "SUCCESS".equals(world.probe().group(group).state()));

    assertThat(b.output()).contains("Reaped dead worker " + workerA + ": 1 job(s) back");
    assertThat(world.probe().task(part))
        .containsEntry("state", "SUCCESS")
        .containsEntry("deliveries", "2")
        .containsEntry("redeliveries", "1");
    assertThat(world.probe().group(group).done()).isEqualTo(3);
    assertThat(world.probe().tasks(ReconcilePartArgs.TASK, "SUCCESS")).hasSize(3);
    assertThat(world.probe().task(GroupView.callbackId(group)))
        .containsEntry("state", "SUCCESS")
        .containsEntry("deliveries", "1");
    List<RunRecord> runs =
        world.runs().recent(100).stream().filter(r -> r.businessDate().equals(DAY)).toList();
    assertThat(runs).extracting(RunRecord::runId).containsExactly(RunIds.forTask(DAY, taskId));
    assertThat(runs.get(0).status()).isEqualTo("SUCCESS");
    // every sale read once: none lost with the killed part, none read twice
    assertThat(runs.get(0).counts().get("sales_rows"))
        .isEqualTo(backend.count(settings, world.ws().database(), "SELECT count(*) FROM sales"));
    assertThat(backend.count(settings, world.ws().database(), "SELECT count(*) FROM run_parts"))
        .isZero();
    backend.assertKeptEverything(world.ws().database());
  }

  private static String chordOf(String result) {
    Matcher m = Pattern.compile("sent as chord ([0-9a-f-]{36})").matcher(result);
    assertThat(m.find()).as(result).isTrue();
    return m.group(1);
  }
}
