package dev.reconciler.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.worker.task.TaskEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The Lua scripts that take no task id, against a real Redis: each must find its arguments. */
class TaskQueueScriptsIT {
  private static final String WORKER = "host:1-1:reconcile";

  private static EmbeddedRedis redis;
  private static RedisConnector connector;

  private final Clock clock = Clock.systemUTC();
  private TaskQueue queue;

  @BeforeAll
  static void startRedis() {
    redis = EmbeddedRedis.start();
    connector = new RedisConnector(redis.url(), 2_000, 2);
  }

  @AfterAll
  static void stopRedis() {
    connector.close();
    redis.stop();
  }

  @BeforeEach
  void emptyRedis() {
    connector.with(Jedis::flushAll);
    queue = new TaskQueue(connector, "resque", Duration.ofHours(1), clock);
  }

  @Test
  void promoteDueMovesADueDelayedTaskOntoItsQueue() {
    queue.enqueueAt("reconcile", ping(), clock.instant().minusSeconds(1));
    queue.enqueueAt("reconcile", ping(), clock.instant().plusSeconds(3600));

    int moved = connector.with(j -> queue.promoteDue(j, 10));

    assertThat(moved).isEqualTo(1);
    assertThat(list("resque:queue:reconcile")).hasSize(1);
    assertThat(connector.with(j -> j.zcard("reconciler:delayed")).longValue()).isEqualTo(1);
  }

  @Test
  void requeueAfterGracePutsTheJobBackAtTheHeadOfItsQueue() {
    queue.enqueue("reconcile", ping());
    TaskEnvelope other = ping();
    queue.enqueue("reconcile", other);
    Delivery d = connector.with(j -> queue.pop(j, WORKER, List.of("reconcile")));

    connector.with(
        j -> {
          queue.requeue(j, WORKER, d);
          return null;
        });

    assertThat(list("resque:queue:reconcile")).containsExactly(d.payload(), other.toPayload());
    assertThat(exists("resque:inflight:" + WORKER + ":reconcile")).isFalse();
  }

  @Test
  void reapReturnsTheJobsOfAWorkerWithoutHeartbeatAndForgetsIt() {
    queue.enqueue("reconcile", ping());
    connector.with(j -> j.sadd("resque:workers", WORKER));
    Delivery d = connector.with(j -> queue.pop(j, WORKER, List.of("reconcile")));

    int moved = connector.with(j -> queue.reap(j, WORKER));

    assertThat(moved).isEqualTo(1);
    assertThat(list("resque:queue:reconcile")).containsExactly(d.payload());
    assertThat(exists("resque:workers")).isFalse();
  }

  private static List<String> list(String key) {
    return connector.with(j -> j.lrange(key, 0, -1));
  }

  private static boolean exists(String key) {
    return connector.with(j -> j.exists(key));
  }

  private TaskEnvelope ping() {
    return TaskEnvelope.create("ping", List.of(), clock.millis());
  }
}
