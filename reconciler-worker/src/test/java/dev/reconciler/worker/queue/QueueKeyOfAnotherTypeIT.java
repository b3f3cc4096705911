package dev.reconciler.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.worker.task.TaskEnvelope;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * A queue key that holds another type (a Jesque client's delayed zset of the same name, or garbage)
 * when a move would push onto it: the job goes to the failed list with the reason and its task to
 * FAILURE, once; the key is left as it was.
 */
class QueueKeyOfAnotherTypeIT {
  private static final String WORKER = "host:1-1:reconcile";
  private static final String QUEUE_KEY = "resque:queue:reconcile";

  @RegisterExtension static final QueueRedis REDIS = new QueueRedis();

  private final Clock clock = Clock.systemUTC();
  private TaskQueue queue;

  @BeforeEach
  void emptyRedis() {
    queue = REDIS.queue(clock);
  }

  @Test
  void aDueDelayedJobWhoseQueueKeyIsNoListIsFailedNotDestroyed() {
    TaskEnvelope task = ping();
    queue.enqueueAt("reconcile", task, clock.instant().minusSeconds(1));
    garbleQueueKey();

    int moved = REDIS.connector().with(j -> queue.promoteDue(j, 10));

    assertThat(moved).isEqualTo(1);
    long delayed = REDIS.connector().with(j -> j.zcard("reconciler:delayed"));
    assertThat(delayed).isZero();
    assertFailedOnce(task);
  }

  @Test
  void aReapedJobWhoseQueueKeyIsNoListIsFailedNotDestroyed() {
    TaskEnvelope task = ping();
    queue.enqueue("reconcile", task);
    redis(j -> j.sadd("resque:workers", WORKER));
    redis(j -> queue.pop(j, WORKER, List.of("reconcile")));
    garbleQueueKey();

    int moved = REDIS.connector().with(j -> queue.reap(j, WORKER));

    assertThat(moved).isZero();
    assertThat(exists("resque:inflight:" + WORKER + ":reconcile")).isFalse();
    assertThat(exists("resque:workers")).isFalse();
    assertFailedOnce(task);
  }

  @Test
  void aJobRequeuedAtShutdownWhoseQueueKeyIsNoListIsFailedNotDestroyed() {
    TaskEnvelope task = ping();
    queue.enqueue("reconcile", task);
    Delivery d = REDIS.connector().with(j -> queue.pop(j, WORKER, List.of("reconcile")));
    garbleQueueKey();

    redis(j -> queue.requeue(j, WORKER, d));

    assertThat(exists("resque:inflight:" + WORKER + ":reconcile")).isFalse();
    assertFailedOnce(task);
  }

  @Test
  void aFollowUpWhoseQueueKeyIsNoListIsFailedAndTheJobThatQueuedItSucceeds() {
    TaskEnvelope task = ping();
    TaskEnvelope next = ping();
    queue.enqueue("alerts", task);
    Delivery d = REDIS.connector().with(j -> queue.pop(j, WORKER, List.of("alerts")));
    garbleQueueKey();

    redis(
        j ->
            queue.succeed(
                j, WORKER, d, task.taskId(), "pong", List.of(new FollowUp("reconcile", next))));

    assertThat(queue.state(task.taskId())).containsEntry("state", "SUCCESS");
    assertFailedOnce(next);
    assertThat(queue.state(next.taskId())).containsEntry("name", "ping");
  }

  private void garbleQueueKey() {
    redis(j -> j.set(QUEUE_KEY, "garbage"));
  }

  /** One failure record naming the key, the task FAILURE, and the key as someone left it. */
  private void assertFailedOnce(TaskEnvelope task) {
    List<String> failed = REDIS.connector().with(j -> j.lrange("resque:failed", 0, -1));
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
    String untouched = REDIS.connector().with(j -> j.get(QUEUE_KEY));
    assertThat(untouched).isEqualTo("garbage");
  }

  private static void redis(Consumer<Jedis> step) {
    REDIS
        .connector()
        .with(
            j -> {
              step.accept(j);
              return null;
            });
  }

  private static boolean exists(String key) {
    return REDIS.connector().with(j -> j.exists(key));
  }

  private TaskEnvelope ping() {
    return TaskEnvelope.create("ping", List.of(), clock.millis());
  }
}
