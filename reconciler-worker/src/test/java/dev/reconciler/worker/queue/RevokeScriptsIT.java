package dev.reconciler.worker.queue;

import static dev.reconciler.worker.queue.QueueFixture.CLOCK;
import static dev.reconciler.worker.queue.QueueFixture.WORKER;
import static dev.reconciler.worker.queue.QueueFixture.aPing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.domain.UserError;
import dev.reconciler.worker.task.TaskEnvelope;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * revoke.lua and the revoked checks of pop, ack, retry and fail against a real Redis: a revoked
 * task is taken out while it waits, and whichever way its job comes back, it never runs again.
 */
class RevokeScriptsIT {
  @RegisterExtension static final QueueFixture REDIS = new QueueFixture();

  private final TaskQueue queue = REDIS.queue();

  @Test
  void aQueuedTaskIsRemovedFromItsQueueAndRevokedAtOnce() {
    TaskEnvelope revoked = aPing();
    TaskEnvelope other = aPing();
    queue.enqueue("reconcile", revoked);
    queue.enqueue("reconcile", other);

    Revocation r = queue.revoke(revoked.taskId(), false);

    assertThat(r).isEqualTo(new Revocation(Revocation.Outcome.REMOVED, "1"));
    assertThat(REDIS.list("resque:queue:reconcile")).containsExactly(TaskPayloads.encode(other));
    assertThat(queue.state(revoked.taskId()))
        .containsEntry("state", "REVOKED")
        .containsKeys("revoked_at", "finished_at", "note");
    assertThat(REDIS.pop(WORKER).payload()).isEqualTo(TaskPayloads.encode(other));
  }

  @Test
  void aDelayedTaskIsRemovedFromTheDelayedSetAndNeverPromoted() {
    TaskEnvelope task = aPing();
    // Due already: only the revoke keeps the promoter from queueing it.
    queue.enqueueAt("reconcile", task, CLOCK.instant().minusSeconds(1));

    Revocation r = queue.revoke(task.taskId(), false);
    int promoted = REDIS.with(j -> queue.promoteDue(j, 10));

    assertThat(r.outcome()).isEqualTo(Revocation.Outcome.REMOVED);
    assertThat(promoted).isZero();
    assertThat(REDIS.exists("reconciler:delayed")).isFalse();
    assertThat(REDIS.exists("resque:queue:reconcile")).isFalse();
    assertThat(queue.state(task.taskId())).containsEntry("state", "REVOKED").containsKey("eta");
  }

  @Test
  void aTaskWaitingToBeRetriedIsRemovedFromTheDelayedSet() {
    TaskEnvelope task = aPing();
    queue.enqueue("reconcile", task);
    Delivery d = REDIS.pop(WORKER);
    REDIS.with(
        j ->
            queue.retry(j, WORKER, d, task.nextAttempt(), CLOCK.instant().plusSeconds(60), boom()));
    assertThat(queue.state(task.taskId())).containsEntry("state", "RETRY");

    assertThat(queue.revoke(task.taskId(), false).outcome()).isEqualTo(Revocation.Outcome.REMOVED);

    assertThat(REDIS.exists("reconciler:delayed")).isFalse();
    assertThat(queue.state(task.taskId())).containsEntry("state", "REVOKED");
  }

  @Test
  void aRunningTaskIsMarkedAndItsWorkerToldToStopOnlyWithTerminate() {
    TaskEnvelope task = aPing();
    queue.enqueue("reconcile", task);
    REDIS.pop(WORKER);

    Revocation r = queue.revoke(task.taskId(), false);

    assertThat(r).isEqualTo(new Revocation(Revocation.Outcome.RUNNING, WORKER));
    assertThat(queue.state(task.taskId()))
        .containsEntry("state", "STARTED")
        .containsKey("revoked_at")
        .doesNotContainKey("terminate");
    assertThat(queue.terminateRequested(task.taskId())).isFalse();

    queue.revoke(task.taskId(), true);

    assertThat(queue.terminateRequested(task.taskId())).isTrue();
    assertThat(REDIS.list("resque:inflight:" + WORKER + ":reconcile")).hasSize(1);
  }

  @Test
  void aRevokedRunningTaskThatFailsIsNotRetried() {
    TaskEnvelope task = aPing();
    queue.enqueue("reconcile", task);
    Delivery d = REDIS.pop(WORKER);
    queue.revoke(task.taskId(), false);

    REDIS.with(
        j ->
            queue.retry(j, WORKER, d, task.nextAttempt(), CLOCK.instant().plusSeconds(60), boom()));

    assertThat(REDIS.exists("reconciler:delayed")).isFalse();
    assertThat(REDIS.exists("resque:inflight:" + WORKER + ":reconcile")).isFalse();
    assertThat(queue.state(task.taskId()))
        .containsEntry("state", "REVOKED")
        .containsEntry("error", "boom")
        .doesNotContainKey("retry_at");
  }

  @Test
  void aRevokedTaskThatFailsForGoodLeavesNoFailureRecordAndQueuesNoAlert() {
    TaskEnvelope task = aPing();
    queue.enqueue("reconcile", task);
    Delivery d = REDIS.pop(WORKER);
    queue.revoke(task.taskId(), true);
    FollowUp alert = new FollowUp("alerts", aPing());

    REDIS.with(j -> queue.fail(j, WORKER, d, task.taskId(), boom(), List.of(alert)));

    assertThat(REDIS.exists("resque:failed")).isFalse();
    assertThat(REDIS.exists("resque:queue:alerts")).isFalse();
    assertThat(queue.state(task.taskId()))
        .containsEntry("state", "REVOKED")
        .containsEntry("error", "boom")
        .containsKey("note");
  }

  @Test
  void aRevokedLinkThatFinishesKeepsItsResultButDoesNotQueueItsSuccessor() {
    TaskEnvelope task = aPing();
    queue.enqueue("reconcile", task);
    Delivery d = REDIS.pop(WORKER);
    queue.revoke(task.taskId(), false);
    FollowUp next =
        new FollowUp("reconcile", aPing(), new ChainLink(task.taskId(), LocalDate.of(2026, 11, 2)));
    FollowUp alert = new FollowUp("alerts", aPing());

    REDIS.with(j -> queue.succeed(j, WORKER, d, task.taskId(), "pong", List.of(next, alert)));

    assertThat(REDIS.exists("resque:queue:reconcile")).isFalse();
    assertThat(REDIS.exists(TaskQueue.chainKey(task.taskId()))).isFalse();
    assertThat(REDIS.list("resque:queue:alerts")).hasSize(1);
    assertThat(queue.state(task.taskId()))
        .containsEntry("state", "REVOKED")
        .containsEntry("result", "pong");
  }

  @Test
  void aRevokedJobTheReaperReturnsIsDroppedByThePopNotRun() {
    TaskEnvelope task = aPing();
    TaskEnvelope after = aPing();
    queue.enqueue("reconcile", task);
    queue.enqueue("reconcile", after);
    REDIS.pop(WORKER);
    queue.revoke(task.taskId(), false);

    assertThat(REDIS.reapDead(WORKER)).isEqualTo(1);
    Delivery next = REDIS.pop(WORKER);

    assertThat(next.payload()).isEqualTo(TaskPayloads.encode(after));
    assertThat(queue.state(task.taskId())).containsEntry("state", "REVOKED");
    assertThat(REDIS.exists("resque:queue:reconcile")).isFalse();
  }

  @Test
  void aStartedTaskAReaperPutBackIsRemovedFromItsQueue() {
    TaskEnvelope task = aPing();
    queue.enqueue("reconcile", task);
    REDIS.pop(WORKER);
    REDIS.reapDead(WORKER);

    assertThat(queue.revoke(task.taskId(), false).outcome()).isEqualTo(Revocation.Outcome.REMOVED);

    assertThat(REDIS.exists("resque:queue:reconcile")).isFalse();
    assertThat(queue.state(task.taskId())).containsEntry("state", "REVOKED");
  }

  @Test
  void aWaitingTaskWhoseJobIsNowhereIsRevokedAndItsJobDroppedIfItShowsUp() {
    TaskEnvelope task = aPing();
    queue.enqueue("reconcile", task);
    String payload = REDIS.list("resque:queue:reconcile").get(0);
    REDIS.with(j -> j.del("resque:queue:reconcile"));

    assertThat(queue.revoke(task.taskId(), false))
        .isEqualTo(new Revocation(Revocation.Outcome.MARKED, "0"));
    REDIS.with(j -> j.rpush("resque:queue:reconcile", payload));

    assertThat(REDIS.pop(WORKER)).isNull();
    assertThat(queue.state(task.taskId()))
        .containsEntry("state", "REVOKED")
        .containsEntry("note", "revoked before it ran; no job of it was waiting");
  }

  @Test
  void anUnknownOrFinishedTaskIsRefused() {
    assertThatThrownBy(() -> queue.revoke("no-such-task", false))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("no task no-such-task");
    TaskEnvelope done = aPing();
    queue.enqueue("reconcile", done);
    Delivery d = REDIS.pop(WORKER);
    REDIS.with(j -> queue.succeed(j, WORKER, d, done.taskId(), "pong", List.of()));

    assertThatThrownBy(() -> queue.revoke(done.taskId(), true))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("has finished (SUCCESS)");
    TaskEnvelope twice = aPing();
    queue.enqueue("reconcile", twice);
    queue.revoke(twice.taskId(), false);
    assertThatThrownBy(() -> queue.revoke(twice.taskId(), false))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("has finished (REVOKED)");
    assertThat(REDIS.with(j -> j.zcard("reconciler:revoked")).longValue()).isEqualTo(1);
  }

  @Test
  void revokedIdsAreKeptAsLongAsTaskStatesAndNoLonger() {
    REDIS.with(j -> j.zadd("reconciler:revoked", CLOCK.millis() - 7_200_000, "old"));
    TaskEnvelope task = aPing();
    queue.enqueue("reconcile", task);

    queue.revoke(task.taskId(), false);

    Set<String> kept = REDIS.with(j -> j.zrange("reconciler:revoked", 0, -1));
    assertThat(kept).containsExactly(task.taskId());
    assertThat(REDIS.with(j -> j.ttl("reconciler:revoked")).longValue()).isBetween(3_000L, 3_600L);
  }

  private static RuntimeException boom() {
    return new IllegalStateException("boom");
  }
}
