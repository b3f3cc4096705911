package dev.reconciler.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.worker.task.TaskEnvelope;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * Counters and bookkeeping keys that hold something else (anyone who can write Redis can do that):
 * Redis keeps what a script did before an error, so each move must still happen, exactly once.
 */
class CorruptKeysIT {
  private static final String WORKER = "host:1-1:reconcile";

  @RegisterExtension static final QueueRedis REDIS = new QueueRedis();

  private final Clock clock = Clock.systemUTC();
  private TaskQueue queue;

  @BeforeEach
  void emptyRedis() {
    queue = REDIS.queue(clock);
  }

  @Test
  void anAckCountedOnAProcessedCounterThatHoldsNoNumberStillEndsTheJobOnce() {
    redis(j -> j.set("resque:stat:processed", "notanumber"));
    redis(j -> j.set("resque:stat:processed:" + WORKER, "9223372036854775807"));
    TaskEnvelope task = ping();
    Delivery d = popped(task);

    redis(j -> queue.succeed(j, WORKER, d, task.taskId(), "pong", List.of()));

    assertThat(queue.state(task.taskId())).containsEntry("state", "SUCCESS");
    assertThat(exists("resque:inflight:" + WORKER + ":reconcile")).isFalse();
    assertThat(get("resque:stat:processed")).isEqualTo("1");
    assertThat(get("resque:stat:processed:" + WORKER)).isEqualTo("1");
  }

  @Test
  void aFailureCountedOnAFailedCounterThatHoldsNoNumberIsRecordedOnce() {
    redis(j -> j.set("resque:stat:failed", "x"));
    redis(j -> j.hset("resque:stat:failed:" + WORKER, "a", "b"));
    TaskEnvelope task = ping();
    Delivery d = popped(task);

    redis(j -> queue.fail(j, WORKER, d, task.taskId(), new IllegalStateException(), List.of()));

    assertThat(queue.state(task.taskId())).containsEntry("state", "FAILURE");
    assertThat(list("resque:failed")).hasSize(1);
    assertThat(get("resque:stat:failed")).isEqualTo("1");
  }

  @Test
  void aFailedListOfAnotherTypeStillGetsTheFailureRecord() {
    redis(j -> j.set("resque:failed", "garbage"));
    TaskEnvelope task = ping();
    Delivery d = popped(task);

    redis(j -> queue.fail(j, WORKER, d, task.taskId(), new IllegalStateException(), List.of()));

    assertThat(list("resque:failed")).hasSize(1);
    assertThat(exists("resque:inflight:" + WORKER + ":reconcile")).isFalse();
  }

  @Test
  void aFollowUpIsQueuedWhateverTheQueueRegistryAndWakeListHold() {
    redis(j -> j.set("resque:queues", "garbage"));
    redis(j -> j.set("reconciler:wake:alerts", "garbage"));
    TaskEnvelope task = ping();
    TaskEnvelope next = ping();
    Delivery d = popped(task);

    redis(
        j ->
            queue.succeed(
                j, WORKER, d, task.taskId(), "pong", List.of(new FollowUp("alerts", next))));

    assertThat(queue.state(task.taskId())).containsEntry("state", "SUCCESS");
    assertThat(list("resque:queue:alerts")).containsExactly(TaskPayloads.encode(next));
    Set<String> queues = REDIS.connector().with(j -> j.smembers("resque:queues"));
    assertThat(queues).contains("alerts");
  }

  @Test
  void aRetryIntoADelayedSetOfAnotherTypeIsStillHeld() {
    redis(j -> j.set("reconciler:delayed", "garbage"));
    TaskEnvelope task = ping();
    Delivery d = popped(task);

    redis(
        j ->
            queue.retry(
                j,
                WORKER,
                d,
                task.nextAttempt(),
                clock.instant().minusSeconds(1),
                new IllegalStateException()));

    long held = REDIS.connector().with(j -> j.zcard("reconciler:delayed"));
    int moved = REDIS.connector().with(j -> queue.promoteDue(j, 10));
    assertThat(held).isEqualTo(1);
    assertThat(moved).isEqualTo(1);
    assertThat(list("resque:queue:reconcile")).hasSize(1);
  }

  @Test
  void aDelayedJobWhoseQueueCountHoldsNoNumberIsStillPromoted() {
    TaskEnvelope task = ping();
    queue.enqueueAt("reconcile", task, clock.instant().minusSeconds(1));
    redis(j -> j.hset("reconciler:delayed:queues", "reconcile", "x"));

    int moved = REDIS.connector().with(j -> queue.promoteDue(j, 10));

    assertThat(moved).isEqualTo(1);
    assertThat(list("resque:queue:reconcile")).containsExactly(TaskPayloads.encode(task));
  }

  private Delivery popped(TaskEnvelope task) {
    queue.enqueue("reconcile", task);
    return REDIS.connector().with(j -> queue.pop(j, WORKER, List.of("reconcile")));
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

  private static List<String> list(String key) {
    return REDIS.connector().with(j -> j.lrange(key, 0, -1));
  }

  private static String get(String key) {
    return REDIS.connector().with(j -> j.get(key));
  }

  private static boolean exists(String key) {
    return REDIS.connector().with(j -> j.exists(key));
  }

  private TaskEnvelope ping() {
    return TaskEnvelope.create("ping", List.of(), clock.millis());
  }
}
