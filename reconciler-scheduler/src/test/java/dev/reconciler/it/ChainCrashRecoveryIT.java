package dev.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.core.testing.WaitBound;
import dev.reconciler.worker.jobs.RunOrder;
import dev.reconciler.worker.queue.ChainView;
import dev.reconciler.worker.queue.QueueInspector;
import dev.reconciler.worker.queue.RedisConnector;
import dev.reconciler.worker.queue.TaskClient;
import dev.reconciler.worker.queue.TaskQueue;
import dev.reconciler.worker.task.TaskEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SIGKILL a worker in the middle of a backfill chain's link: another worker finishes that link and
 * the rest of the chain, with exactly one run, one report and one link per date, with the input and
 * runs in SQLite and in PostgreSQL.
 */
@WaitBound
class ChainCrashRecoveryIT {
  private static final LocalDate DAY = LocalDate.of(2026, 1, 15);
  private static final LocalDate FIRST = DAY.minusDays(1);
  private static final LocalDate LAST = DAY.plusDays(1);

  /** Enough rows that a cold worker JVM spends seconds on the middle date (as in WorkerCrash). */
  private static final int TRANSACTIONS = 200_000;

  private static final String QUEUES = "reconcile,alerts";

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  /** The day, generated once per backend in the run (RevokeIT and the other crash ITs run it). */
  static final DayTemplate day = new DayTemplate(pg, Workspace.spec(DAY, TRANSACTIONS));

  @RegisterExtension final ChildJvms children = new ChildJvms();

  @RegisterExtension final QueueWorld world = new QueueWorld(60);

  private RedisConnector redis;
  private TaskQueue queue;

  /** Everything in the backend's store, the middle date generated there, a queue on Redis. */
  private void given(Backend backend) throws Exception {
    world.keepCopyIn(backend, day);
    Settings settings = world.settings();
    redis = new RedisConnector(settings.redis().url(), 2_000, 2);
    queue =
        new TaskQueue(
            redis,
            settings.redis().namespace(),
            settings.worker().resultExpiry(),
            Clock.systemUTC());
  }

  @AfterEach
  void close() {
    if (redis != null) {
      redis.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void aChainWhoseWorkerIsKilledMidLinkCompletesWithOneRunPerDate(Backend backend)
      throws Exception {
    given(backend);
    ChildJvms.Child a = children.worker("worker-a", world.ws(), world.env(), QUEUES);
    String workerA = world.probe().awaitWorkerOf(a);
    String chainId = backfill();
    String middle = RunOrder.linkTaskId(chainId, DAY);

    world.probe().awaitRunning(middle, workerA, ReconcileArgs.TASK, Duration.ofSeconds(40));
    a.kill();
    assertThat(world.probe().task(middle)).containsEntry("state", "STARTED");
    assertThat(chain(chainId).links()).hasSize(2);

    ChildJvms.Child b = children.worker("worker-b", world.ws(), world.env(), QUEUES);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> "DONE".equals(chain(chainId).state()));

    assertThat(b.output()).contains("Reaped dead worker " + workerA + ": 1 job(s) back");
    ChainView chain = chain(chainId);
    assertThat(chain.links()).extracting(ChainView.Link::date).containsExactly(FIRST, DAY, LAST);
    assertThat(chain.links()).allSatisfy(l -> assertThat(l.state()).isEqualTo("SUCCESS"));
    List<RunRecord> runs =
        world.runs().recent(100).stream()
            .sorted(Comparator.comparing(RunRecord::startedAt))
            .toList();
    assertThat(runs).extracting(RunRecord::businessDate).containsExactly(FIRST, DAY, LAST);
    assertThat(runs).allSatisfy(r -> assertThat(r.status()).isEqualTo("SUCCESS"));
    assertThat(runs.get(1).runId()).isEqualTo(RunIds.forTask(DAY, middle));
    Settings settings = world.settings();
    assertThat(Workspace.list(world.ws().reports()))
        .containsExactly(
            settings.report().fileName(FIRST),
            settings.report().fileName(DAY),
            settings.report().fileName(LAST));
    assertThat(world.probe().queueLength(ReconcileArgs.TASK)).isZero();
    // The alerts of the last runs may still be going out.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> world.probe().nonEmptyInflightLists().isEmpty());
    assertThat(world.probe().tasks(ReconcileArgs.TASK, "SUCCESS")).hasSize(3);
    backend.assertKeptEverything(world.ws().database());
  }

  /** 'enqueue reconcile --from FIRST --to LAST': the chain's first link; returns the chain id. */
  private String backfill() {
    TaskEnvelope first =
        RunOrder.firstLink(
            new ReconcileArgs(
                FIRST, world.ws().database().toString(), world.ws().reports().toString()),
            LAST,
            System.currentTimeMillis());
    new TaskClient(queue, world.settings(), Clock.systemUTC())
        .send(first, RunOrder.linkOf(first), null);
    return first.taskId();
  }

  private ChainView chain(String id) {
    return new QueueInspector(queue).chain(id);
  }
}
