package dev.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.worker.jobs.TaskCatalog;
import dev.reconciler.worker.queue.GroupView;
import dev.reconciler.worker.queue.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Chords with real worker JVMs: one on two workers completes once, and one whose worker is
 * SIGKILLed in the middle of a member still completes once after the reaper returned that member:
 * every member counted once, the callback run once (its runs in SQLite and in PostgreSQL).
 */
class ChordCrashRecoveryIT {
  private static final LocalDate DAY = LocalDate.of(2026, 1, 15);

  /** Enough rows that a cold worker JVM spends seconds on the day (as in ChainCrashRecovery). */
  private static final int TRANSACTIONS = 200_000;

  private static final String QUEUES = "reconcile,alerts";
  private static final Signature PING = new Signature(TaskCatalog.PING, List.of());

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  /** The day, generated once per backend in the run (RevokeIT and the other crash ITs run it). */
  static final DayTemplate day = new DayTemplate(pg, Workspace.spec(DAY, TRANSACTIONS));

  @RegisterExtension final ChildJvms children = new ChildJvms();

  @RegisterExtension final QueueWorld world = new QueueWorld(60);

  /** How long a pop's clock reading may precede Redis running it, on a busy 2-core machine. */
  private static final Duration POP_STAMPED_BEFORE_ITS_ROUND_TRIP = Duration.ofMillis(250);

  // One backend: pings, which touch no store.
  @Test
  void aChordOnTwoWorkerJvmsRunsItsCallbackOnceAfterAllItsMembers() throws Exception {
    children.worker("worker-a", world.ws(), world.env(), QUEUES);
    children.worker("worker-b", world.ws(), world.env(), QUEUES);
    String id = "pings";

    assertThat(world.probe().sendGroup(id, Collections.nCopies(40, PING), PING)).isTrue();
    GroupView chord = awaitGroup(id, "SUCCESS", Duration.ofSeconds(60));

    assertThat(chord.done()).isEqualTo(40);
    assertThat(chord.members()).extracting(GroupView.Member::state).containsOnly("SUCCESS");
    assertThat(chord.callback().state()).isEqualTo("SUCCESS");
    Map<String, String> callback = world.probe().task(GroupView.callbackId(id));
    assertThat(callback).containsEntry("deliveries", "1");
    // As instants: Instant.toString() leaves out a whole second's ".000", so its text does not
    // sort as time does ("...:49.185Z" before "...:49Z").
    Instant lastMemberDone =
        chord.members().stream()
            .map(m -> Instant.parse(world.probe().task(m.taskId()).get("finished_at")))
            .max(Comparator.naturalOrder())
            .orElseThrow();
    // A pop stamps started_at from its worker's clock before its round trip to Redis, and the last
    // member's ack is stamped before its own: on a busy machine the callback's pop may read the
    // clock a moment before that ack, though Redis ran the ack (which queued the callback) first.
    // Beyond that moment the callback would have started before its last member ended.
    assertThat(Instant.parse(callback.get("started_at")))
        .isAfterOrEqualTo(lastMemberDone.minus(POP_STAMPED_BEFORE_ITS_ROUND_TRIP));
    assertThat(world.probe().tasks(TaskCatalog.PING, "SUCCESS")).hasSize(41);
    assertThat(world.probe().queueLength("reconcile")).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void aChordWhoseWorkerIsKilledMidMemberCompletesOnceWithItsCallbackRunOnce(Backend backend)
      throws Exception {
    world.keepCopyIn(backend, day);
    ChildJvms.Child a = children.worker("worker-a", world.ws(), world.env(), QUEUES);
    String workerA = world.probe().awaitWorkerOf(a);
    String id = "shards";
    List<Signature> members =
        List.of(reconcile(DAY), reconcile(DAY.minusDays(1)), reconcile(DAY.plusDays(1)));
    world.probe().sendGroup(id, members, PING);
    String big = GroupView.memberId(id, 0);

    world.probe().awaitRunning(big, workerA, ReconcileArgs.TASK, Duration.ofSeconds(40));
    a.kill();
    assertThat(world.probe().group(id).state()).isEqualTo("STARTED");
    assertThat(world.probe().group(id).done()).isZero();

    ChildJvms.Child b = children.worker("worker-b", world.ws(), world.env(), QUEUES);
    GroupView chord = awaitGroup(id, "SUCCESS", Duration.ofSeconds(90));

    assertThat(b.output()).contains("Reaped dead worker " + workerA + ": 1 job(s) back");
    assertThat(chord.done()).isEqualTo(3);
    assertThat(chord.members()).extracting(GroupView.Member::state).containsOnly("SUCCESS");
    assertThat(world.probe().task(big))
        .containsEntry("deliveries", "2")
        .containsEntry("redeliveries", "1");
    assertThat(world.probe().task(GroupView.callbackId(id)))
        .containsEntry("state", "SUCCESS")
        .containsEntry("deliveries", "1");
    assertThat(world.probe().tasks(TaskCatalog.PING, "SUCCESS")).hasSize(1);
    List<RunRecord> runs =
        world.runs().recent(100).stream().filter(r -> r.businessDate().equals(DAY)).toList();
    assertThat(runs).extracting(RunRecord::runId).containsExactly(RunIds.forTask(DAY, big));
    assertThat(runs).allSatisfy(r -> assertThat(r.status()).isEqualTo("SUCCESS"));
    assertThat(world.probe().queueLength(ReconcileArgs.TASK)).isZero();
    backend.assertKeptEverything(world.ws().database());
  }

  private Signature reconcile(LocalDate date) {
    return new Signature(
        ReconcileArgs.TASK,
        new ReconcileArgs(date, world.ws().database().toString(), world.ws().reports().toString())
            .toList());
  }

  private GroupView awaitGroup(String id, String state, Duration timeout) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> state.equals(world.probe().group(id).state()));
    return world.probe().group(id);
  }
}
