package dev.reconciler.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.worker.task.TaskEnvelope;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * A worker that a reaper took for dead while it still ran its job (its heartbeat lapsed, or Redis
 * restarted unseen by that reaper): only the job's current holder records an outcome, so the job is
 * neither counted, failed nor followed up twice, and one no one took since is its again, its return
 * no longer counted against the poison cap.
 */
class ReapedWhileRunningIT {
  private static final String W1 = "host:1-1:reconcile";
  private static final String W2 = "host:2-1:reconcile";

  @RegisterExtension static final QueueRedis REDIS = new QueueRedis();

  private final Clock clock = Clock.systemUTC();
  private TaskQueue queue;
  private TaskEnvelope task;

  @BeforeEach
  void enqueueATask() {
    queue = REDIS.queue(clock);
    task = TaskEnvelope.create("ping", List.of(), clock.millis());
    queue.enqueue("reconcile", task);
  }

  @Test
  void theReapedWorkersAckAfterAnotherWorkerAckedRecordsNothing() {
    Delivery onReaped = popThenReap(W1);
    Delivery again = pop(W2);
    FollowUp alertOfW2 = alert();
    JobHold first =
        with(j -> queue.succeed(j, W2, again, task.taskId(), "by W2", List.of(alertOfW2)));
    assertThat(first).isEqualTo(JobHold.HELD);

    JobHold late =
        with(j -> queue.succeed(j, W1, onReaped, task.taskId(), "by W1", List.of(alert())));

    assertThat(late).isEqualTo(JobHold.TAKEN);
    assertThat(list("resque:queue:mail")).containsExactly(TaskPayloads.encode(alertOfW2.task()));
    assertThat(queue.state(task.taskId()))
        .containsEntry("result", "by W2")
        .containsEntry("follow_ups", alertOfW2.task().taskId());
    assertThat(processed()).isEqualTo("1");
  }

  @Test
  void theReapedWorkersFailureWhileAnotherRunsTheJobLeavesNoFailureRecordNorAlert() {
    Delivery onReaped = popThenReap(W1);
    Delivery again = pop(W2);

    JobHold late =
        with(
            j ->
                queue.fail(
                    j,
                    W1,
                    onReaped,
                    task.taskId(),
                    new IllegalStateException("x"),
                    List.of(alert())));

    assertThat(late).isEqualTo(JobHold.TAKEN);
    assertThat(list("resque:failed")).isEmpty();
    assertThat(list("resque:queue:mail")).isEmpty();
    assertThat(queue.state(task.taskId()))
        .containsEntry("state", "STARTED")
        .containsEntry("worker", W2);
    assertThat(list("resque:inflight:" + W2 + ":reconcile")).containsExactly(again.payload());
  }

  @Test
  void theReapedWorkersRetryWhileAnotherRunsTheJobDelaysNoSecondCopy() {
    Delivery onReaped = popThenReap(W1);
    pop(W2);

    JobHold late =
        with(
            j ->
                queue.retry(
                    j,
                    W1,
                    onReaped,
                    task.nextAttempt(),
                    clock.instant(),
                    new IllegalStateException("x")));

    assertThat(late).isEqualTo(JobHold.TAKEN);
    assertThat(list("reconciler:delayed")).isEmpty();
  }

  @Test
  void anAckOfAReturnedJobNoOneTookSinceTakesItsQueuedCopyOutSoItDoesNotRunAgain() {
    Delivery onReaped = popThenReap(W1);

    JobHold hold =
        with(j -> queue.succeed(j, W1, onReaped, task.taskId(), "by W1", List.of(alert())));

    assertThat(hold).isEqualTo(JobHold.TAKEN_BACK);
    assertThat(list("resque:queue:reconcile")).isEmpty();
    assertThat(list("resque:queue:mail")).hasSize(1);
    assertThat(queue.state(task.taskId())).containsEntry("state", "SUCCESS");
  }

  @Test
  void anAckRetriedAfterItsReplyWasLostCountsAndFollowsUpOnce() {
    Delivery d = pop(W1);
    with(j -> queue.succeed(j, W1, d, task.taskId(), "ok", List.of(alert())));

    JobHold again = with(j -> queue.succeed(j, W1, d, task.taskId(), "ok", List.of(alert())));

    assertThat(again).isEqualTo(JobHold.ENDED);
    assertThat(list("resque:queue:mail")).hasSize(1);
    assertThat(processed()).isEqualTo("1");
  }

  @Test
  void theHeartbeatsCheckTakesBackAReturnedJobNoOneTookSince() {
    Delivery onReaped = popThenReap(W1);

    assertThat(queue.hold(W1, onReaped)).isEqualTo(JobHold.TAKEN_BACK);

    assertThat(list("resque:queue:reconcile")).isEmpty();
    assertThat(list("resque:inflight:" + W1 + ":reconcile")).containsExactly(onReaped.payload());
    assertThat(pop(W2)).isNull();
    JobHold ack = with(j -> queue.succeed(j, W1, onReaped, task.taskId(), "ok", List.of()));
    assertThat(ack).isEqualTo(JobHold.HELD);
  }

  @Test
  void theHeartbeatsCheckSaysSoWhenAnotherWorkerTookTheReturnedJob() {
    Delivery onReaped = popThenReap(W1);
    Delivery again = pop(W2);

    assertThat(queue.hold(W1, onReaped)).isEqualTo(JobHold.TAKEN);

    assertThat(list("resque:inflight:" + W1 + ":reconcile")).isEmpty();
    assertThat(list("resque:inflight:" + W2 + ":reconcile")).containsExactly(again.payload());
  }

  @Test
  void theHeartbeatsCheckOfAJobStillHeldChangesNothing() {
    Delivery d = pop(W1);

    assertThat(queue.hold(W1, d)).isEqualTo(JobHold.HELD);

    assertThat(list("resque:inflight:" + W1 + ":reconcile")).containsExactly(d.payload());
  }

  @Test
  void theHeartbeatsTakeBackUndoesTheReapersCountOfThatReturnOnly() {
    popThenReap(W1);
    Delivery onStalled = popThenReap(W2);
    assertThat(redeliveries()).isEqualTo(2);

    assertThat(queue.hold(W2, onStalled)).isEqualTo(JobHold.TAKEN_BACK);

    assertThat(redeliveries()).isEqualTo(1);
  }

  @Test
  void aRetryThatTakesTheJobBackLeavesTheNextDeliveryTheCountItHadBeforeTheReap() {
    popThenReap(W1);
    Delivery onStalled = popThenReap(W2);

    JobHold hold =
        with(
            j ->
                queue.retry(
                    j,
                    W2,
                    onStalled,
                    task.nextAttempt(),
                    clock.instant(),
                    new IllegalStateException("x")));
    int promoted = with(j -> queue.promoteDue(j, 10));

    assertThat(hold).isEqualTo(JobHold.TAKEN_BACK);
    assertThat(promoted).isEqualTo(1);
    assertThat(pop(W1).redeliveries()).isEqualTo(1);
  }

  @Test
  void aWorkerThatStallsAgainAndAgainDoesNotMakeItsJobPoisonButItsDeathCounts() {
    Delivery d = pop(W1);
    for (int stall = 1; stall <= 4; stall++) {
      reap(W1);
      assertThat(queue.hold(W1, d)).isEqualTo(JobHold.TAKEN_BACK);
      assertThat(redeliveries()).isZero();
    }

    reap(W1);

    assertThat(pop(W2).redeliveries()).isEqualTo(1);
  }

  @Test
  void aReturnAnotherWorkerTookKeepsItsCountWhenTheReapedWorkerLooksForIt() {
    Delivery onReaped = popThenReap(W1);
    Delivery again = pop(W2);

    assertThat(queue.hold(W1, onReaped)).isEqualTo(JobHold.TAKEN);
    JobHold late = with(j -> queue.succeed(j, W1, onReaped, task.taskId(), "by W1", List.of()));

    assertThat(late).isEqualTo(JobHold.TAKEN);
    assertThat(again.redeliveries()).isEqualTo(1);
    assertThat(redeliveries()).isEqualTo(1);
  }

  @Test
  void aCopyTheReaperDidNotQueueIsTakenBackWithoutUndoingTheCountOfADeliveredReturn() {
    Delivery onReaped = popThenReap(W1);
    Delivery again = pop(W2);
    // W2's warm shutdown puts the job back as it was, not counted: no reaper's return is queued.
    JobHold requeued = with(j -> queue.requeue(j, W2, again));
    assertThat(requeued).isEqualTo(JobHold.HELD);

    assertThat(queue.hold(W1, onReaped)).isEqualTo(JobHold.TAKEN_BACK);

    assertThat(redeliveries()).isEqualTo(1);
  }

  @Test
  void aTakeBackNeverLeavesARedeliveryCountBelowZero() {
    Delivery onReaped = popThenReap(W1);
    with(j -> j.hset("reconciler:task:" + task.taskId(), "redeliveries", "0"));

    assertThat(queue.hold(W1, onReaped)).isEqualTo(JobHold.TAKEN_BACK);

    assertThat(queue.state(task.taskId())).containsEntry("redeliveries", "0");
  }

  /** The worker takes the job and is reaped while it runs it, as one whose heartbeat lapsed. */
  private Delivery popThenReap(String worker) {
    Delivery d = pop(worker);
    reap(worker);
    return d;
  }

  /** Reaps the worker, registered and without a heartbeat, which holds one job. */
  private void reap(String worker) {
    REDIS.connector().with(j -> j.sadd("resque:workers", worker));
    int reaped = with(j -> queue.reap(j, worker));
    assertThat(reaped).isEqualTo(1);
  }

  private int redeliveries() {
    return Integer.parseInt(queue.state(task.taskId()).getOrDefault("redeliveries", "0"));
  }

  private Delivery pop(String worker) {
    return with(j -> queue.pop(j, worker, List.of("reconcile")));
  }

  private static String processed() {
    return with(j -> j.get("resque:stat:processed"));
  }

  private FollowUp alert() {
    return new FollowUp("mail", TaskEnvelope.create("send_alert", List.of(), clock.millis()));
  }

  private static <T> T with(Function<Jedis, T> call) {
    return REDIS.connector().with(call::apply);
  }

  private static List<String> list(String key) {
    return with(j -> j.lrange(key, 0, -1));
  }
}
