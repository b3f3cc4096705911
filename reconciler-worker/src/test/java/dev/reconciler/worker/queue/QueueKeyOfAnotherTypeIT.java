package dev.reconciler.worker.queue;

import static dev.reconciler.worker.queue.QueueFixture.CLOCK;
import static dev.reconciler.worker.queue.QueueFixture.WORKER;
import static dev.reconciler.worker.queue.QueueFixture.aPing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.worker.task.TaskEnvelope;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A queue key that holds another type (a Jesque client's delayed zset of the same name, or garbage)
 * when a move would push onto it: the job goes to the failed list with the reason and its task to
 * FAILURE, once; the key is left as it was.
 */
class QueueKeyOfAnotherTypeIT {
  private static final String QUEUE_KEY = "resque:queue:reconcile";

  @RegisterExtension static final QueueFixture REDIS = new QueueFixture();

  private final TaskQueue queue = REDIS.queue();

  @Test
  void aDueDelayedJobWhoseQueueKeyIsNoListIsFailedNotDestroyed() {
    TaskEnvelope task = aPing();
    queue.enqueueAt("reconcile", task, CLOCK.instant().minusSeconds(1));
    garbleQueueKey();

    int moved = REDIS.with(j -> queue.promoteDue(j, 10));

    assertThat(moved).isEqualTo(1);
    long delayed = REDIS.with(j -> j.zcard("reconciler:delayed"));
    assertThat(delayed).isZero();
    assertFailedOnce(task);
  }

  @Test
  void aReapedJobWhoseQueueKeyIsNoListIsFailedNotDestroyed() {
    TaskEnvelope task = aPing();
    REDIS.popped(task);
    garbleQueueKey();

    int moved = REDIS.reapDead(WORKER);

    assertThat(moved).isZero();
    assertThat(REDIS.exists("resque:inflight:" + WORKER + ":reconcile")).isFalse();
    assertThat(REDIS.exists("resque:workers")).isFalse();
    assertFailedOnce(task);
  }

  @Test
  void aJobRequeuedAtShutdownWhoseQueueKeyIsNoListIsFailedNotDestroyed() {
    TaskEnvelope task = aPing();
    Delivery d = REDIS.popped(task);
    garbleQueueKey();

    REDIS.with(j -> queue.requeue(j, WORKER, d));

    assertThat(REDIS.exists("resque:inflight:" + WORKER + ":reconcile")).isFalse();
    assertFailedOnce(task);
  }

  @Test
  void aFollowUpWhoseQueueKeyIsNoListIsFailedAndTheJobThatQueuedItSucceeds() {
    TaskEnvelope task = aPing();
    TaskEnvelope next = aPing();
    queue.enqueue("alerts", task);
    Delivery d = REDIS.with(j -> queue.pop(j, WORKER, List.of("alerts")));
    garbleQueueKey();

    REDIS.with(
        j ->
            queue.succeed(
                j, WORKER, d, task.taskId(), "pong", List.of(new FollowUp("reconcile", next))));

    assertThat(queue.state(task.taskId())).containsEntry("state", "SUCCESS");
    assertFailedOnce(next);
    assertThat(queue.state(next.taskId())).containsEntry("name", "ping");
  }

  private void garbleQueueKey() {
    REDIS.with(j -> j.set(QUEUE_KEY, "garbage"));
  }

  /** One failure record naming the key, the task FAILURE, and the key as someone left it. */
  private void assertFailedOnce(TaskEnvelope task) {
    List<String> failed = REDIS.list("resque:failed");
    assertThat(failed).hasSize(1);
    FailureRecord record = FailureRecord.read(failed.get(0));
    assertThat(record.problem()).isNull();
    assertThat(record.exception()).isEqualTo("QueueKeyOfAnotherType");
    assertThat(record.error()).contains(QUEUE_KEY + " holds a string");
    assertThat(TaskPayloads.decode(record.payload()).taskId()).isEqualTo(task.taskId());
    FailedAt.assertJustNow(record);
    assertThat(queue.state(task.taskId()))
        .containsEntry("state", "FAILURE")
        .containsEntry("error_type", "QueueKeyOfAnotherType");
    String untouched = REDIS.get(QUEUE_KEY);
    assertThat(untouched).isEqualTo("garbage");
  }
}
