package dev.reconciler.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.worker.queue.TaskStats.Minute;
import dev.reconciler.worker.queue.TaskStats.Outcome;
import dev.reconciler.worker.task.TaskEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the web console reads and does through worker.queue, on a real Redis. */
class ConsoleReadsIT {
  @RegisterExtension static final QueueRedis REDIS = new QueueRedis();

  private static final Instant NOON = Instant.parse("2026-11-29T12:00:30Z");

  @Test
  void perMinuteCountsAreSummedOverTasksAndReadAsTheLastHour() {
    TaskStats at12 = new TaskStats(REDIS.connector(), Clock.fixed(NOON, ZoneOffset.UTC));
    at12.record("ping", Outcome.SUCCEEDED, Duration.ofMillis(5));
    at12.record("reconcile", Outcome.SUCCEEDED, Duration.ofMillis(5));
    at12.record("reconcile", Outcome.RETRIED, Duration.ofMillis(5));
    at12.flush();
    Clock later = Clock.fixed(NOON.plusSeconds(120), ZoneOffset.UTC);
    TaskStats at1202 = new TaskStats(REDIS.connector(), later);
    at1202.record("ping", Outcome.FAILED, Duration.ofMillis(5));
    at1202.flush();

    List<Minute> hour = at1202.lastMinutes(60);
    assertThat(hour).hasSize(60);
    assertThat(hour.get(59).start()).isEqualTo(Instant.parse("2026-11-29T12:02:00Z"));
    assertThat(hour.get(0).start()).isEqualTo(Instant.parse("2026-11-29T11:03:00Z"));
    Minute noon = hour.get(57);
    assertThat(noon.start()).isEqualTo(Instant.parse("2026-11-29T12:00:00Z"));
    assertThat(List.of(noon.succeeded(), noon.retried(), noon.failed()))
        .containsExactly(2L, 1L, 0L);
    assertThat(hour.get(59).failed()).isEqualTo(1);
    assertThat(hour.get(58).succeeded() + hour.get(58).failed()).isZero();
    long ttl =
        REDIS.connector().with(j -> j.ttl("reconciler:stats:minute:" + NOON.getEpochSecond() / 60));
    assertThat(ttl).isBetween(7000L, 7200L);
  }

  @Test
  void delayedJobsAreCountedPerQueueAsTheyAreAddedRevokedAndPromoted() {
    Clock at = Clock.fixed(NOON, ZoneOffset.UTC);
    TaskQueue queue = REDIS.queue(at);
    TaskClient client = new TaskClient(queue, SettingsLoader.defaults(), at);
    long now = NOON.toEpochMilli();
    TaskEnvelope soon = new TaskEnvelope("soon-1", "ping", List.of(), 0, now);
    queue.enqueueAt("reconcile", soon, NOON.plusSeconds(10));
    queue.enqueueAt("reconcile", soon, NOON.plusSeconds(10)); // the same job again: one entry
    queue.enqueueAt(
        "reconcile",
        new TaskEnvelope("later-1", "ping", List.of(), 0, now),
        NOON.plusSeconds(3600));
    queue.enqueueAt(
        "alerts", new TaskEnvelope("later-2", "ping", List.of(), 0, now), NOON.plusSeconds(3600));
    QueueInspector inspector = new QueueInspector(queue);
    assertThat(inspector.delayedByQueue())
        .containsExactly(Map.entry("alerts", 1L), Map.entry("reconcile", 2L));

    client.revoke("later-2", false);
    TaskQueue twentySecondsOn = REDIS.queue(Clock.fixed(NOON.plusSeconds(20), ZoneOffset.UTC));
    try (var jedis = REDIS.connector().borrow()) {
      assertThat(twentySecondsOn.promoteDue(jedis, 100)).isEqualTo(1);
    }
    assertThat(inspector.delayedByQueue()).containsExactly(Map.entry("reconcile", 1L));
    assertThat(inspector.delayed().value()).isEqualTo(1L);
  }

  @Test
  void aTaskKeepsTheIdsOfTheFollowUpsItsEndEnqueued() {
    TaskQueue queue = REDIS.queue(Clock.systemUTC());
    long now = System.currentTimeMillis();
    queue.enqueue("work", new TaskEnvelope("parent-1", "ping", List.of(), 0, now));
    try (var jedis = REDIS.connector().borrow()) {
      Delivery d = queue.pop(jedis, "w:1-1:work", List.of("work"));
      queue.succeed(
          jedis,
          "w:1-1:work",
          d,
          "parent-1",
          "done",
          List.of(
              new FollowUp("alerts", new TaskEnvelope("child-1", "ping", List.of(), 0, now)),
              new FollowUp("alerts", new TaskEnvelope("child-2", "ping", List.of(), 0, now))));
    }
    assertThat(queue.state("parent-1")).containsEntry("follow_ups", "child-1,child-2");
    assertThat(queue.state("child-1")).containsEntry("state", "PENDING");
  }

  @Test
  void everyEnqueueIndexesItsTaskNewestFirstAndTheIndexIsCapped() throws InterruptedException {
    TaskQueue queue = REDIS.queue(Clock.systemUTC());
    TaskClient client = new TaskClient(queue, SettingsLoader.defaults(), Clock.systemUTC());
    String first = client.send("ping", List.of());
    // The index is scored in milliseconds: tasks of one millisecond have no order among them.
    Thread.sleep(3);
    String held = client.send("ping", List.of(), Instant.now().plusSeconds(3600));
    REDIS
        .connector()
        .with(j -> j.rpush("resque:queue:foreign", "{\"class\":\"ping\",\"args\":[]}"));
    String assigned;
    try (var jedis = REDIS.connector().borrow()) {
      Delivery d = queue.pop(jedis, "w:1-1:foreign", List.of("foreign"));
      assigned = TaskPayloads.decode(d.payload()).taskId();
    }

    assertThat(queue.recentTaskIds(10)).containsExactlyInAnyOrder(first, held, assigned);
    assertThat(queue.recentTaskIds(10).get(0)).isIn(held, assigned);
    assertThat(queue.stateFields(List.of(first, "missing"), "name", "state"))
        .containsExactly(List.of("ping", "PENDING"), java.util.Arrays.asList(null, null));

    long now = System.currentTimeMillis();
    for (int i = 0; i < TaskQueue.MAX_INDEXED_TASKS + 5; i++) {
      queue.enqueue("bulk", new TaskEnvelope("bulk-" + i, "ping", List.of(), 0, now + i));
    }
    assertThat(count(j -> j.zcard("reconciler:tasks"))).isEqualTo(TaskQueue.MAX_INDEXED_TASKS);
    assertThat(queue.recentTaskIds(1)).containsExactly("bulk-" + (TaskQueue.MAX_INDEXED_TASKS + 4));
  }

  @Test
  void deleteFailedTakesOneRecordAndRetryAllSendsEveryRunnableOne() {
    TaskQueue queue = REDIS.queue(Clock.systemUTC());
    TaskClient client = new TaskClient(queue, SettingsLoader.defaults(), Clock.systemUTC());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(failed(queue, client));
    }
    REDIS.connector().with(j -> j.rpush("resque:failed", "not a record"));

    assertThat(client.deleteFailed(ids.get(1))).isEqualTo(ids.get(1));
    assertThat(count(j -> j.llen("resque:failed"))).isEqualTo(5);
    assertThatThrownBy(() -> client.deleteFailed(ids.get(1))).isInstanceOf(UserError.class);

    TaskClient.RetryAll r = client.retryAllFailed();
    assertThat(r.retried())
        .containsExactlyInAnyOrder(ids.get(0), ids.get(2), ids.get(3), ids.get(4));
    assertThat(r.refused()).hasSize(1).first().asString().contains("malformed");
    List<String> left = REDIS.connector().with(j -> j.lrange("resque:failed", 0, -1));
    assertThat(left).containsExactly("not a record");
    assertThat(queue.state(ids.get(0)).get("state")).isEqualTo("PENDING");
  }

  private static long count(java.util.function.Function<redis.clients.jedis.Jedis, Long> read) {
    Long n = REDIS.connector().with(read);
    return n;
  }

  @Test
  void eachFailedAttemptIsKeptWithItsErrorAndTraceback() {
    TaskQueue queue = REDIS.queue(Clock.systemUTC());
    TaskClient client = new TaskClient(queue, SettingsLoader.defaults(), Clock.systemUTC());
    String id = client.send("ping", List.of());
    String worker = "w:1-1:reconcile";
    try (var jedis = REDIS.connector().borrow()) {
      Delivery first = queue.pop(jedis, worker, List.of("reconcile"));
      TaskEnvelope next = TaskPayloads.decode(first.payload()).nextAttempt();
      queue.retry(
          jedis, worker, first, next, Instant.now(), new IllegalStateException("first <b>"));
      assertThat(queue.promoteDue(jedis, 10)).isEqualTo(1);
      Delivery second = queue.pop(jedis, worker, List.of("reconcile"));
      queue.fail(jedis, worker, second, id, new IllegalArgumentException("second"), List.of());
    }
    List<TaskQueue.Attempt> attempts = queue.attempts(id);
    assertThat(attempts).extracting(TaskQueue.Attempt::attempt).containsExactly(0, 1);
    assertThat(attempts).extracting(TaskQueue.Attempt::state).containsExactly("RETRY", "FAILURE");
    assertThat(attempts.get(0).error()).isEqualTo("first <b>");
    assertThat(attempts.get(0).errorType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(attempts.get(1).traceback()).contains("IllegalArgumentException: second", "at ");
    assertThat(attempts).allMatch(a -> worker.equals(a.worker()) && a.at() != null);
    assertThat(queue.state(id).get("state")).isEqualTo("FAILURE");
    assertThat(queue.attempts("no-such-task")).isEmpty();
  }

  @Test
  void inFlightIsCountedPerQueueOverEveryWorker() {
    TaskQueue queue = REDIS.queue(Clock.systemUTC());
    TaskClient client = new TaskClient(queue, SettingsLoader.defaults(), Clock.systemUTC());
    client.send("ping", List.of());
    client.send("ping", List.of());
    client.send("send_alert", List.of());
    try (var jedis = REDIS.connector().borrow()) {
      for (String w : List.of("a:1-1:reconcile,alerts", "b:2-1:reconcile", "c:3-1:alerts")) {
        jedis.sadd("resque:workers", w);
        queue.pop(jedis, w, List.of(w.substring(w.lastIndexOf(':') + 1).split(",")));
      }
      jedis.sadd("resque:workers", "d:4-1:idle");
      jedis.set("resque:inflight:d:4-1:idle", "not a list");
    }
    assertThat(new QueueInspector(queue).inFlightByQueue())
        .containsEntry("reconcile", 2L)
        .containsEntry("alerts", 1L)
        .containsEntry("idle", 0L);
  }

  /** A ping that a worker took and failed for good: its record is in the failed list. */
  private static String failed(TaskQueue queue, TaskClient client) {
    String id = client.send("ping", List.of());
    try (var jedis = REDIS.connector().borrow()) {
      Delivery d = queue.pop(jedis, "w:1-1:reconcile", List.of("reconcile"));
      queue.fail(jedis, "w:1-1:reconcile", d, id, new IllegalStateException("boom"), List.of());
    }
    return id;
  }
}
