package dev.reconciler.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.domain.UserError;
import dev.reconciler.worker.task.TaskEnvelope;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * revoke.lua and the revoked checks of pop, ack, retry and fail against a real Redis: a revoked
 * task is taken out while it waits, and whichever way its job comes back, it never runs again.
 */
class RevokeScriptsIT {
  private static final String WORKER = "host:1-1:reconcile";
  private static final List<String> QUEUES = List.of("reconcile");

  @RegisterExtension static final QueueRedis REDIS = new QueueRedis();

  private final Clock clock = Clock.systemUTC();
  private TaskQueue queue;

  @BeforeEach
  void emptyRedis() {
    queue = REDIS.queue(clock);
  }

  @Test
  void aQueuedTaskIsRemovedFromItsQueueAndRevokedAtOnce() {
    TaskEnvelope revoked = ping();
    TaskEnvelope other = ping();
    queue.enqueue("reconcile", revoked);
    queue.enqueue("reconcile", other);

    Revocation r = queue.revoke(revoked.taskId(), false);

    assertThat(r).isEqualTo(new Revocation(Revocation.Outcome.REMOVED, "1"));
    assertThat(list("resque:queue:reconcile")).containsExactly(TaskPayloads.encode(other));
    assertThat(queue.state(revoked.taskId()))
        .containsEntry("state", "REVOKED")
        .containsKeys("revoked_at", "finished_at", "note");
    assertThat(pop().payload()).isEqualTo(TaskPayloads.encode(other));
  }

  @Test
  void aDelayedTaskIsRemovedFromTheDelayedSetAndNeverPromoted() {
    TaskEnvelope task = ping();
    // Due already: only the revoke keeps the promoter from queueing it.
    queue.enqueueAt("reconcile", task, clock.instant().minusSeconds(1));

    Revocation r = queue.revoke(task.taskId(), false);
    int promoted = REDIS.connector().with(j -> queue.promoteDue(j, 10));

    assertThat(r.outcome()).isEqualTo(Revocation.Outcome.REMOVED);
    assertThat(promoted).isZero();
    assertThat(exists("reconciler:delayed")).isFalse();
    assertThat(exists("resque:queue:reconcile")).isFalse();
    assertThat(queue.state(task.taskId())).containsEntry("state", "REVOKED").containsKey("eta");
  }

  @Test
  void aTaskWaitingToBeRetriedIsRemovedFromTheDelayedSet() {
    TaskEnvelope task = ping();
    queue.enqueue("reconcile", task);
    Delivery d = pop();
    REDIS
        .connector()
        .with(
            j -> {
              queue.retry(
                  j, WORKER, d, task.nextAttempt(), clock.instant().plusSeconds(60), boom());
              return null;
            });
    assertThat(queue.state(task.taskId())).containsEntry("state", "RETRY");

    assertThat(queue.revoke(task.taskId(), false).outcome()).isEqualTo(Revocation.Outcome.REMOVED);

    assertThat(exists("reconciler:delayed")).isFalse();
    assertThat(queue.state(task.taskId())).containsEntry("state", "REVOKED");
  }

  @Test
  void aRunningTaskIsMarkedAndItsWorkerToldToStopOnlyWithTerminate() {
    TaskEnvelope task = ping();
    queue.enqueue("reconcile", task);
    pop();

    Revocation r = queue.revoke(task.taskId(), false);

    assertThat(r).isEqualTo(new Revocation(Revocation.Outcome.RUNNING, WORKER));
    assertThat(queue.state(task.taskId()))
        .containsEntry("state", "STARTED")
        .containsKey("revoked_at")
        .doesNotContainKey("terminate");
    assertThat(queue.terminateRequested(task.taskId())).isFalse();

    queue.revoke(task.taskId(), true);

    assertThat(queue.terminateRequested(task.taskId())).isTrue();
    assertThat(list("resque:inflight:" + WORKER + ":reconcile")).hasSize(1);
  }

  @Test
  void aRevokedRunningTaskThatFailsIsNotRetried() {
    TaskEnvelope task = ping();
    queue.enqueue("reconcile", task);
    Delivery d = pop();
    queue.revoke(task.taskId(), false);

    REDIS
        .connector()
        .with(
            j -> {
              queue.retry(
                  j, WORKER, d, task.nextAttempt(), clock.instant().plusSeconds(60), boom());
              return null;
            });

    assertThat(exists("reconciler:delayed")).isFalse();
    assertThat(exists("resque:inflight:" + WORKER + ":reconcile")).isFalse();
    assertThat(queue.state(task.taskId()))
        .containsEntry("state", "REVOKED")
        .containsEntry("error", "boom")
        .doesNotContainKey("retry_at");
  }

  @Test
  void aRevokedTaskThatFailsForGoodLeavesNoFailureRecordAndQueuesNoAlert() {
    TaskEnvelope task = ping();
    queue.enqueue("reconcile", task);
    Delivery d = pop();
    queue.revoke(task.taskId(), true);
    FollowUp alert = new FollowUp("alerts", ping());

    REDIS
        .connector()
        .with(
            j -> {
              queue.fail(j, WORKER, d, task.taskId(), boom(), List.of(alert));
              return null;
            });

    assertThat(exists("resque:failed")).isFalse();
    assertThat(exists("resque:queue:alerts")).isFalse();
    assertThat(queue.state(task.taskId()))
        .containsEntry("state", "REVOKED")
        .containsEntry("error", "boom")
        .containsKey("note");
  }

  @Test
  void aRevokedLinkThatFinishesKeepsItsResultButDoesNotQueueItsSuccessor() {
    TaskEnvelope task = ping();
    queue.enqueue("reconcile", task);
    Delivery d = pop();
    queue.revoke(task.taskId(), false);
    FollowUp next =
        new FollowUp("reconcile", ping(), new ChainLink(task.taskId(), LocalDate.of(2026, 11, 2)));
    FollowUp alert = new FollowUp("alerts", ping());

    REDIS
        .connector()
        .with(
            j -> {
              queue.succeed(j, WORKER, d, task.taskId(), "pong", List.of(next, alert));
              return null;
            });

    assertThat(exists("resque:queue:reconcile")).isFalse();
    assertThat(exists(TaskQueue.chainKey(task.taskId()))).isFalse();
    assertThat(list("resque:queue:alerts")).hasSize(1);
    assertThat(queue.state(task.taskId()))
        .containsEntry("state", "REVOKED")
        .containsEntry("result", "pong");
  }

  @Test
  void aRevokedJobTheReaperReturnsIsDroppedByThePopNotRun() {
    TaskEnvelope task = ping();
    TaskEnvelope after = ping();
    queue.enqueue("reconcile", task);
    queue.enqueue("reconcile", after);
    REDIS.connector().with(j -> j.sadd("resque:workers", WORKER));
    pop();
    queue.revoke(task.taskId(), false);

    assertThat(REDIS.connector().with(j -> queue.reap(j, WORKER)).intValue()).isEqualTo(1);
    Delivery next = pop();

    assertThat(next.payload()).isEqualTo(TaskPayloads.encode(after));
    assertThat(queue.state(task.taskId())).containsEntry("state", "REVOKED");
    assertThat(exists("resque:queue:reconcile")).isFalse();
  }

  @Test
  void aStartedTaskAReaperPutBackIsRemovedFromItsQueue() {
    TaskEnvelope task = ping();
    queue.enqueue("reconcile", task);
    REDIS.connector().with(j -> j.sadd("resque:workers", WORKER));
    pop();
    REDIS.connector().with(j -> queue.reap(j, WORKER));

    assertThat(queue.revoke(task.taskId(), false).outcome()).isEqualTo(Revocation.Outcome.REMOVED);

    assertThat(exists("resque:queue:reconcile")).isFalse();
    assertThat(queue.state(task.taskId())).containsEntry("state", "REVOKED");
  }

  @Test
  void aWaitingTaskWhoseJobIsNowhereIsRevokedAndItsJobDroppedIfItShowsUp() {
    TaskEnvelope task = ping();
    queue.enqueue("reconcile", task);
    String payload = list("resque:queue:reconcile").get(0);
    REDIS.connector().with(j -> j.del("resque:queue:reconcile"));

    assertThat(queue.revoke(task.taskId(), false))
        .isEqualTo(new Revocation(Revocation.Outcome.MARKED, "0"));
    REDIS.connector().with(j -> j.rpush("resque:queue:reconcile", payload));

    assertThat(pop()).isNull();
    assertThat(queue.state(task.taskId()))
        .containsEntry("state", "REVOKED")
        .containsEntry("note", "revoked before it ran; no job of it was waiting");
  }

  @Test
  void anUnknownOrFinishedTaskIsRefused() {
    assertThatThrownBy(() -> queue.revoke("no-such-task", false))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("no task no-such-task");
    TaskEnvelope done = ping();
    queue.enqueue("reconcile", done);
    Delivery d = pop();
    REDIS
        .connector()
        .with(
            j -> {
              queue.succeed(j, WORKER, d, done.taskId(), "pong", List.of());
              return null;
            });

    assertThatThrownBy(() -> queue.revoke(done.taskId(), true))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("has finished (SUCCESS)");
    TaskEnvelope twice = ping();
    queue.enqueue("reconcile", twice);
    queue.revoke(twice.taskId(), false);
    assertThatThrownBy(() -> queue.revoke(twice.taskId(), false))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("has finished (REVOKED)");
    assertThat(REDIS.connector().with(j -> j.zcard("reconciler:revoked")).longValue()).isEqualTo(1);
  }

  @Test
  void revokedIdsAreKeptAsLongAsTaskStatesAndNoLonger() {
    REDIS.connector().with(j -> j.zadd("reconciler:revoked", clock.millis() - 7_200_000, "old"));
    TaskEnvelope task = ping();
    queue.enqueue("reconcile", task);

    queue.revoke(task.taskId(), false);

    Set<String> kept = REDIS.connector().with(j -> j.zrange("reconciler:revoked", 0, -1));
    assertThat(kept).containsExactly(task.taskId());
    assertThat(REDIS.connector().with(j -> j.ttl("reconciler:revoked")).longValue())
        .isBetween(3_000L, 3_600L);
  }

  private Delivery pop() {
    return REDIS.connector().with(j -> queue.pop(j, WORKER, QUEUES));
  }

  private static RuntimeException boom() {
    return new IllegalStateException("boom");
  }

  private static List<String> list(String key) {
    return REDIS.connector().with(j -> j.lrange(key, 0, -1));
  }

  private static boolean exists(String key) {
    return REDIS.connector().with(j -> j.exists(key));
  }

  private TaskEnvelope ping() {
    return TaskEnvelope.create("ping", List.of(), clock.millis());
  }
}
