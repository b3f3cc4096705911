package dev.reconciler.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reconciler.core.fuzz.HostileStrings;
import dev.reconciler.worker.task.TaskEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * The Lua scripts against a real Redis: each must find its arguments, and read payloads as the
 * worker does.
 */
class TaskQueueScriptsIT {
  private static final String WORKER = "host:1-1:reconcile";

  @RegisterExtension static final QueueRedis REDIS = new QueueRedis();

  private final Clock clock = Clock.systemUTC();
  private TaskQueue queue;

  @BeforeEach
  void emptyRedis() {
    queue = REDIS.queue(clock);
  }

  @Test
  void promoteDueMovesADueDelayedTaskOntoItsQueue() {
    queue.enqueueAt("reconcile", ping(), clock.instant().minusSeconds(1));
    queue.enqueueAt("reconcile", ping(), clock.instant().plusSeconds(3600));

    int moved = REDIS.connector().with(j -> queue.promoteDue(j, 10));

    assertThat(moved).isEqualTo(1);
    assertThat(list("resque:queue:reconcile")).hasSize(1);
    assertThat(REDIS.connector().with(j -> j.zcard("reconciler:delayed")).longValue()).isEqualTo(1);
  }

  @Test
  void promoteMovesADelayedEntryThatNamesNoQueueToTheFailedList() {
    REDIS.connector().with(j -> j.zadd("reconciler:delayed", 1, "{\"class\":\"ping\"}"));
    queue.enqueueAt("reconcile", ping(), clock.instant().minusSeconds(1));

    int moved = REDIS.connector().with(j -> queue.promoteDue(j, 10));

    assertThat(moved).isEqualTo(2);
    assertThat(list("resque:queue:reconcile")).hasSize(1);
    FailureRecord failed = FailureRecord.read(list("resque:failed").get(0));
    assertThat(failed.problem()).isNull();
    assertThat(failed.error()).startsWith("delayed entry names no queue");
    assertThat(failed.payload()).contains("{\\\"class\\\":\\\"ping\\\"}");
    FailedAt.assertJustNow(failed);
  }

  @Test
  void aFailureRecordAScriptWritesHasTheFieldsOfOneJavaWrites() throws Exception {
    REDIS.connector().with(j -> j.zadd("reconciler:delayed", 1, "no queue named"));
    REDIS.connector().with(j -> queue.promoteDue(j, 10));
    String java =
        FailureRecord.write(
            WORKER,
            new Delivery("reconcile", "{}"),
            new IllegalStateException("x"),
            "trace",
            clock.instant());

    String lua = list("resque:failed").get(0);

    assertThat(fieldNames(lua)).isEqualTo(fieldNames(java));
    assertThat(Json.read(lua).get("retried_at").isNull()).isTrue();
  }

  private static List<String> fieldNames(String record) throws Exception {
    List<String> names = new java.util.ArrayList<>();
    Json.read(record).fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void requeueAfterGracePutsTheJobBackAtTheHeadOfItsQueue() {
    queue.enqueue("reconcile", ping());
    TaskEnvelope other = ping();
    queue.enqueue("reconcile", other);
    Delivery d = REDIS.connector().with(j -> queue.pop(j, WORKER, List.of("reconcile")));

    REDIS
        .connector()
        .with(
            j -> {
              queue.requeue(j, WORKER, d);
              return null;
            });

    assertThat(list("resque:queue:reconcile"))
        .containsExactly(d.payload(), TaskPayloads.encode(other));
    assertThat(exists("resque:inflight:" + WORKER + ":reconcile")).isFalse();
  }

  @Test
  void requeueReturnsAJobThatIsNotUtf8ByteForByte() {
    byte[] latin1 =
        "{\"class\":\"ping\",\"args\":[\"\u00e9\"],\"vars\":{\"task_id\":\"l1\"}}"
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] queueKey = "resque:queue:reconcile".getBytes(StandardCharsets.UTF_8);
    REDIS.connector().with(j -> j.rpush(queueKey, latin1));
    Delivery d = REDIS.connector().with(j -> queue.pop(j, WORKER, List.of("reconcile")));
    assertThat(d.payload()).contains("\\xE9");

    REDIS
        .connector()
        .with(
            j -> {
              queue.requeue(j, WORKER, d);
              return null;
            });

    List<byte[]> queued = REDIS.connector().with(j -> j.lrange(queueKey, 0, -1));
    assertThat(queued).singleElement().isEqualTo(latin1);
    assertThat(exists("resque:inflight:" + WORKER + ":reconcile")).isFalse();
  }

  @Test
  void reapReturnsTheJobsOfAWorkerWithoutHeartbeatAndForgetsIt() {
    queue.enqueue("reconcile", ping());
    REDIS.connector().with(j -> j.sadd("resque:workers", WORKER));
    Delivery d = REDIS.connector().with(j -> queue.pop(j, WORKER, List.of("reconcile")));

    int moved = REDIS.connector().with(j -> queue.reap(j, WORKER));

    assertThat(moved).isEqualTo(1);
    assertThat(list("resque:queue:reconcile")).containsExactly(d.payload());
    assertThat(exists("resque:workers")).isFalse();
  }

  @Test
  void failingAJobTheWorkerCouldNotReadFailsTheTaskThePopStarted() {
    push("{\"class\":\"ping\",\"args\":[],\"vars\":{\"task_id\":\"t1\",\"attempt\":\"x\"}}");
    Delivery d = REDIS.connector().with(j -> queue.pop(j, WORKER, List.of("reconcile")));
    assertThat(queue.state("t1")).containsEntry("state", "STARTED").doesNotContainKey("attempt");

    REDIS
        .connector()
        .with(
            j -> {
              queue.fail(j, WORKER, d, null, new BadPayload("payload vars.attempt ..."), List.of());
              return null;
            });

    assertThat(queue.state("t1"))
        .containsEntry("state", "FAILURE")
        .containsEntry("error", "payload vars.attempt ...")
        .containsEntry("error_type", BadPayload.class.getName());
    assertThat(list("resque:failed")).hasSize(1);
    assertThat(exists("resque:inflight:" + WORKER + ":reconcile")).isFalse();
  }

  @Test
  void popMarksATaskStartedExactlyWhenJavaWouldAcceptItsId() {
    List<String> ids =
        HostileStrings.generate(
            7, 300, List.of("t-1", "a:b", "a_b.c", "0b6f5a0e-4e53-4c0e-9d5c-3f2d9a0c1b7e"));
    for (String id : ids) {
      REDIS.connector().with(Jedis::flushAll);
      ObjectNode job = JsonNodeFactory.instance.objectNode().put("class", "ping");
      job.putObject("vars").put("task_id", id);
      push(job.toString());
      REDIS.connector().with(j -> queue.pop(j, WORKER, List.of("reconcile")));
      boolean started = !REDIS.connector().with(j -> j.keys("reconciler:task:*")).isEmpty();
      assertThat(started).as(HostileStrings.escape(id)).isEqualTo(TaskPayloads.isToken(id));
    }
  }

  @Test
  void popFailsAPayloadOverTheLimitUnreadWithoutHandingItOut() {
    // At hundreds of MB the pop's reply timed out, and the job stayed in flight for good.
    String big =
        "{\"class\":\"ping\",\"args\":[\""
            + "x".repeat(TaskPayloads.MAX_BYTES + 200 * 1024)
            + "\"],\"vars\":{\"task_id\":\"big\"}}";
    push(big);
    TaskEnvelope next = ping();
    queue.enqueue("reconcile", next);

    Delivery d = REDIS.connector().with(j -> queue.pop(j, WORKER, List.of("reconcile")));

    assertThat(TaskPayloads.decode(d.payload()).taskId()).isEqualTo(next.taskId());
    assertThat(list("resque:inflight:" + WORKER + ":reconcile")).containsExactly(d.payload());
    assertThat(queue.state("big")).isEmpty();
    FailureRecord failed = FailureRecord.read(list("resque:failed").get(0));
    assertThat(failed.exception()).isEqualTo("PayloadTooLarge");
    assertThat(failed.error()).contains("payload of " + big.length() + " bytes is over the");
    assertThat(failed.payload()).hasSizeBetween(64 * 1024, 65 * 1024);
    FailedAt.assertJustNow(failed);
  }

  @Test
  void releaseReturnsAStoppingWorkersLeftoverJobToTheHeadOfItsQueueWhateverItsHeartbeat() {
    queue.enqueue("reconcile", ping());
    REDIS.connector().with(j -> j.sadd("resque:workers", WORKER));
    REDIS.connector().with(j -> j.set("reconciler:heartbeat:" + WORKER, "alive"));
    Delivery left = REDIS.connector().with(j -> queue.pop(j, WORKER, List.of("reconcile")));
    TaskEnvelope other = ping();
    queue.enqueue("reconcile", other);

    int moved = queue.release(WORKER);

    assertThat(moved).isEqualTo(1);
    assertThat(list("resque:queue:reconcile"))
        .containsExactly(left.payload(), TaskPayloads.encode(other));
    assertThat(exists("resque:inflight:" + WORKER + ":reconcile")).isFalse();
    assertThat(exists("resque:workers")).isFalse();
    assertThat(exists("reconciler:heartbeat:" + WORKER)).isFalse();
  }

  private static void push(String payload) {
    REDIS.connector().with(j -> j.rpush("resque:queue:reconcile", payload));
  }

  @Test
  void aStateOrInFlightKeyOfTheWrongTypeNeverLosesAJobHalfWayThroughAMove() {
    // Redis keeps what a script did before an error: a WRONGTYPE after the LPOP lost the job.
    TaskEnvelope task = ping();
    REDIS.connector().with(j -> j.set("reconciler:task:" + task.taskId(), "garbage"));
    queue.enqueue("reconcile", task);
    REDIS.connector().with(j -> j.set("resque:inflight:" + WORKER + ":reconcile", "garbage"));

    Delivery d = REDIS.connector().with(j -> queue.pop(j, WORKER, List.of("reconcile")));

    assertThat(d).isNotNull();
    assertThat(TaskPayloads.decode(d.payload()).taskId()).isEqualTo(task.taskId());
    assertThat(list("resque:inflight:" + WORKER + ":reconcile")).containsExactly(d.payload());
    assertThat(queue.state(task.taskId())).containsEntry("state", "STARTED");
  }

  @Test
  void aQueueKeyOfTheWrongTypeIsSkippedSoTheOtherQueuesAreStillServed() {
    REDIS.connector().with(j -> j.set("resque:queue:reconcile", "garbage"));
    TaskEnvelope task = ping();
    queue.enqueue("alerts", task);

    Delivery d = REDIS.connector().with(j -> queue.pop(j, WORKER, List.of("reconcile", "alerts")));

    assertThat(d).isNotNull();
    assertThat(d.queue()).isEqualTo("alerts");
    String untouched = REDIS.connector().with(j -> j.get("resque:queue:reconcile"));
    assertThat(untouched).isEqualTo("garbage");
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
