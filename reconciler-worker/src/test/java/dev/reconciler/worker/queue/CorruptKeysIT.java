package dev.reconciler.worker.queue;

import static dev.reconciler.worker.queue.QueueFixture.CLOCK;
import static dev.reconciler.worker.queue.QueueFixture.WORKER;
import static dev.reconciler.worker.queue.QueueFixture.aPing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.worker.task.TaskEnvelope;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Counters and bookkeeping keys that hold something else (anyone who can write Redis can do that):
 * Redis keeps what a script did before an error, so each move must still happen, exactly once.
 */
class CorruptKeysIT {
  @RegisterExtension static final QueueFixture REDIS = new QueueFixture();

  private final TaskQueue queue = REDIS.queue();

  @Test
  void anAckCountedOnAProcessedCounterThatHoldsNoNumberStillEndsTheJobOnce() {
    REDIS.with(j -> j.set("resque:stat:processed", "notanumber"));
    REDIS.with(j -> j.set("resque:stat:processed:" + WORKER, "9223372036854775807"));
    TaskEnvelope task = aPing();
    Delivery d = REDIS.popped(task);

    REDIS.with(j -> queue.succeed(j, WORKER, d, task.taskId(), "pong", List.of()));

    assertThat(queue.state(task.taskId())).containsEntry("state", "SUCCESS");
    assertThat(REDIS.exists("resque:inflight:" + WORKER + ":reconcile")).isFalse();
    assertThat(REDIS.get("resque:stat:processed")).isEqualTo("1");
    assertThat(REDIS.get("resque:stat:processed:" + WORKER)).isEqualTo("1");
  }

  @Test
  void aFailureCountedOnAFailedCounterThatHoldsNoNumberIsRecordedOnce() {
    REDIS.with(j -> j.set("resque:stat:failed", "x"));
    REDIS.with(j -> j.hset("resque:stat:failed:" + WORKER, "a", "b"));
    TaskEnvelope task = aPing();
    Delivery d = REDIS.popped(task);

    REDIS.with(
        j -> queue.fail(j, WORKER, d, task.taskId(), new IllegalStateException(), List.of()));

    assertThat(queue.state(task.taskId())).containsEntry("state", "FAILURE");
    assertThat(REDIS.list("resque:failed")).hasSize(1);
    assertThat(REDIS.get("resque:stat:failed")).isEqualTo("1");
  }

  @Test
  void aFailedListOfAnotherTypeStillGetsTheFailureRecord() {
    REDIS.with(j -> j.set("resque:failed", "garbage"));
    TaskEnvelope task = aPing();
    Delivery d = REDIS.popped(task);

    REDIS.with(
        j -> queue.fail(j, WORKER, d, task.taskId(), new IllegalStateException(), List.of()));

    assertThat(REDIS.list("resque:failed")).hasSize(1);
    assertThat(REDIS.exists("resque:inflight:" + WORKER + ":reconcile")).isFalse();
  }

  @Test
  void aFollowUpIsQueuedWhateverTheQueueRegistryAndWakeListHold() {
    REDIS.with(j -> j.set("resque:queues", "garbage"));
    REDIS.with(j -> j.set("reconciler:wake:alerts", "garbage"));
    TaskEnvelope task = aPing();
    TaskEnvelope next = aPing();
    Delivery d = REDIS.popped(task);

    REDIS.with(
        j ->
            queue.succeed(
                j, WORKER, d, task.taskId(), "pong", List.of(new FollowUp("alerts", next))));

    assertThat(queue.state(task.taskId())).containsEntry("state", "SUCCESS");
    assertThat(REDIS.list("resque:queue:alerts")).containsExactly(TaskPayloads.encode(next));
    Set<String> queues = REDIS.with(j -> j.smembers("resque:queues"));
    assertThat(queues).contains("alerts");
  }

  @Test
  void aRetryIntoADelayedSetOfAnotherTypeIsStillHeld() {
    REDIS.with(j -> j.set("reconciler:delayed", "garbage"));
    TaskEnvelope task = aPing();
    Delivery d = REDIS.popped(task);

    REDIS.with(
        j ->
            queue.retry(
                j,
                WORKER,
                d,
                task.nextAttempt(),
                CLOCK.instant().minusSeconds(1),
                new IllegalStateException()));

    long held = REDIS.with(j -> j.zcard("reconciler:delayed"));
    int moved = REDIS.with(j -> queue.promoteDue(j, 10));
    assertThat(held).isEqualTo(1);
    assertThat(moved).isEqualTo(1);
    assertThat(REDIS.list("resque:queue:reconcile")).hasSize(1);
  }

  @Test
  void aDelayedJobWhoseQueueCountHoldsNoNumberIsStillPromoted() {
    TaskEnvelope task = aPing();
    queue.enqueueAt("reconcile", task, CLOCK.instant().minusSeconds(1));
    REDIS.with(j -> j.hset("reconciler:delayed:queues", "reconcile", "x"));

    int moved = REDIS.with(j -> queue.promoteDue(j, 10));

    assertThat(moved).isEqualTo(1);
    assertThat(REDIS.list("resque:queue:reconcile")).containsExactly(TaskPayloads.encode(task));
  }
}
