package dev.reconciler.worker.queue;

import static dev.reconciler.worker.queue.QueueFixture.CLOCK;
import static dev.reconciler.worker.queue.QueueFixture.WORKER;
import static dev.reconciler.worker.queue.QueueFixture.aPing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.worker.task.TaskEnvelope;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker that a reaper took for dead while it still ran its job (its heartbeat lapsed, or Redis
 * restarted unseen by that reaper): only the job's current holder records an outcome, so the job is
 * neither counted, failed nor followed up twice, and one no one took since is its again, its return
 * no longer counted against the poison cap.
 */
class ReapedWhileRunningIT {
  private static final String W1 = WORKER;
  private static final String W2 = "host:2-1:reconcile";

  @RegisterExtension static final QueueFixture REDIS = new QueueFixture();

  private final TaskQueue queue = REDIS.queue();
  private final TaskEnvelope task = aPing();

  @BeforeEach
  void enqueueATask() {
    queue.enqueue("reconcile", task);
  }

  @Test
  void theReapedWorkersAckAfterAnotherWorkerAckedRecordsNothing() {
    Delivery onReaped = popThenReap(W1);
    Delivery again = REDIS.pop(W2);
    FollowUp alertOfW2 = alert();
    JobHold first =
        REDIS.with(j -> queue.succeed(j, W2, again, task.taskId(), "by W2", List.of(alertOfW2)));
    assertThat(first).isEqualTo(JobHold.HELD);

    JobHold late =
        REDIS.with(j -> queue.succeed(j, W1, onReaped, task.taskId(), "by W1", List.of(alert())));

    assertThat(late).isEqualTo(JobHold.TAKEN);
    assertThat(REDIS.list("resque:queue:mail"))
        .containsExactly(TaskPayloads.encode(alertOfW2.task()));
    assertThat(queue.state(task.taskId()))
        .containsEntry("result", "by W2")
        .containsEntry("follow_ups", alertOfW2.task().taskId());
    assertThat(processed()).isEqualTo("1");
  }

  @Test
  void theReapedWorkersFailureWhileAnotherRunsTheJobLeavesNoFailureRecordNorAlert() {
    Delivery onReaped = popThenReap(W1);
    Delivery again = REDIS.pop(W2);

    JobHold late =
        REDIS.with(
            j ->
                queue.fail(
                    j,
                    W1,
                    onReaped,
                    task.taskId(),
                    new IllegalStateException("x"),
                    List.of(alert())));

    assertThat(late).isEqualTo(JobHold.TAKEN);
    assertThat(REDIS.list("resque:failed")).isEmpty();
    assertThat(REDIS.list("resque:queue:mail")).isEmpty();
    assertThat(queue.state(task.taskId()))
        .containsEntry("state", "STARTED")
        .containsEntry("worker", W2);
    assertThat(REDIS.list("resque:inflight:" + W2 + ":reconcile")).containsExactly(again.payload());
  }

  @Test
  void theReapedWorkersRetryWhileAnotherRunsTheJobDelaysNoSecondCopy() {
    Delivery onReaped = popThenReap(W1);
    REDIS.pop(W2);

    JobHold late =
        REDIS.with(
            j ->
                queue.retry(
                    j,
                    W1,
                    onReaped,
                    task.nextAttempt(),
                    CLOCK.instant(),
                    new IllegalStateException("x")));

    assertThat(late).isEqualTo(JobHold.TAKEN);
    assertThat(REDIS.list("reconciler:delayed")).isEmpty();
  }

  @Test
  void anAckOfAReturnedJobNoOneTookSinceTakesItsQueuedCopyOutSoItDoesNotRunAgain() {
    Delivery onReaped = popThenReap(W1);

    JobHold hold =
        REDIS.with(j -> queue.succeed(j, W1, onReaped, task.taskId(), "by W1", List.of(alert())));

    assertThat(hold).isEqualTo(JobHold.TAKEN_BACK);
    assertThat(REDIS.list("resque:queue:reconcile")).isEmpty();
    assertThat(REDIS.list("resque:queue:mail")).hasSize(1);
    assertThat(queue.state(task.taskId())).containsEntry("state", "SUCCESS");
  }

  @Test
  void anAckRetriedAfterItsReplyWasLostCountsAndFollowsUpOnce() {
    Delivery d = REDIS.pop(W1);
    REDIS.with(j -> queue.succeed(j, W1, d, task.taskId(), "ok", List.of(alert())));

    JobHold again = REDIS.with(j -> queue.succeed(j, W1, d, task.taskId(), "ok", List.of(alert())));

    assertThat(again).isEqualTo(JobHold.ENDED);
    assertThat(REDIS.list("resque:queue:mail")).hasSize(1);
    assertThat(processed()).isEqualTo("1");
  }

  @Test
  void theHeartbeatsCheckTakesBackAReturnedJobNoOneTookSince() {
    Delivery onReaped = popThenReap(W1);

    assertThat(queue.hold(W1, onReaped)).isEqualTo(JobHold.TAKEN_BACK);

    assertThat(REDIS.list("resque:queue:reconcile")).isEmpty();
    assertThat(REDIS.list("resque:inflight:" + W1 + ":reconcile"))
        .containsExactly(onReaped.payload());
    assertThat(REDIS.pop(W2)).isNull();
    JobHold ack = REDIS.with(j -> queue.succeed(j, W1, onReaped, task.taskId(), "ok", List.of()));
    assertThat(ack).isEqualTo(JobHold.HELD);
  }

  @Test
  void theHeartbeatsCheckSaysSoWhenAnotherWorkerTookTheReturnedJob() {
    Delivery onReaped = popThenReap(W1);
    Delivery again = REDIS.pop(W2);

    assertThat(queue.hold(W1, onReaped)).isEqualTo(JobHold.TAKEN);

    assertThat(REDIS.list("resque:inflight:" + W1 + ":reconcile")).isEmpty();
    assertThat(REDIS.list("resque:inflight:" + W2 + ":reconcile")).containsExactly(again.payload());
  }

  @Test
  void theHeartbeatsCheckOfAJobStillHeldChangesNothing() {
    Delivery d = REDIS.pop(W1);

    assertThat(queue.hold(W1, d)).isEqualTo(JobHold.HELD);

    assertThat(REDIS.list("resque:inflight:" + W1 + ":reconcile")).containsExactly(d.payload());
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
        REDIS.with(
            j ->
                queue.retry(
                    j,
                    W2,
                    onStalled,
                    task.nextAttempt(),
                    CLOCK.instant(),
                    new IllegalStateException("x")));
    int promoted = REDIS.with(j -> queue.promoteDue(j, 10));

    assertThat(hold).isEqualTo(JobHold.TAKEN_BACK);
    assertThat(promoted).isEqualTo(1);
    assertThat(REDIS.pop(W1).redeliveries()).isEqualTo(1);
  }

  @Test
  void aWorkerThatStallsAgainAndAgainDoesNotMakeItsJobPoisonButItsDeathCounts() {
    Delivery d = REDIS.pop(W1);
    for (int stall = 1; stall <= 4; stall++) {
      reap(W1);
      assertThat(queue.hold(W1, d)).isEqualTo(JobHold.TAKEN_BACK);
      assertThat(redeliveries()).isZero();
    }

    reap(W1);

    assertThat(REDIS.pop(W2).redeliveries()).isEqualTo(1);
  }

  @Test
  void aReturnAnotherWorkerTookKeepsItsCountWhenTheReapedWorkerLooksForIt() {
    Delivery onReaped = popThenReap(W1);
    Delivery again = REDIS.pop(W2);

    assertThat(queue.hold(W1, onReaped)).isEqualTo(JobHold.TAKEN);
    JobHold late =
        REDIS.with(j -> queue.succeed(j, W1, onReaped, task.taskId(), "by W1", List.of()));

    assertThat(late).isEqualTo(JobHold.TAKEN);
    assertThat(again.redeliveries()).isEqualTo(1);
    assertThat(redeliveries()).isEqualTo(1);
  }

  @Test
  void aCopyTheReaperDidNotQueueIsTakenBackWithoutUndoingTheCountOfADeliveredReturn() {
    Delivery onReaped = popThenReap(W1);
    Delivery again = REDIS.pop(W2);
    // W2's warm shutdown puts the job back as it was, not counted: no reaper's return is queued.
    JobHold requeued = REDIS.with(j -> queue.requeue(j, W2, again));
    assertThat(requeued).isEqualTo(JobHold.HELD);

    assertThat(queue.hold(W1, onReaped)).isEqualTo(JobHold.TAKEN_BACK);

    assertThat(redeliveries()).isEqualTo(1);
  }

  @Test
  void aTakeBackNeverLeavesARedeliveryCountBelowZero() {
    Delivery onReaped = popThenReap(W1);
    REDIS.with(j -> j.hset("reconciler:task:" + task.taskId(), "redeliveries", "0"));

    assertThat(queue.hold(W1, onReaped)).isEqualTo(JobHold.TAKEN_BACK);

    assertThat(queue.state(task.taskId())).containsEntry("redeliveries", "0");
  }

  /** The worker takes the job and is reaped while it runs it, as one whose heartbeat lapsed. */
  private Delivery popThenReap(String worker) {
    Delivery d = REDIS.pop(worker);
    reap(worker);
    return d;
  }

  /** Reaps the worker, taken for dead, and with it the one job it holds. */
  private void reap(String worker) {
    assertThat(REDIS.reapDead(worker)).isEqualTo(1);
  }

  private int redeliveries() {
    return Integer.parseInt(queue.state(task.taskId()).getOrDefault("redeliveries", "0"));
  }

  private static String processed() {
    return REDIS.get("resque:stat:processed");
  }

  private FollowUp alert() {
    return new FollowUp("mail", TaskEnvelope.create("send_alert", List.of(), CLOCK.millis()));
  }
}
