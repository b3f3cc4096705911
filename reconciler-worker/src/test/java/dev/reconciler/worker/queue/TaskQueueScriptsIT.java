package dev.reconciler.worker.queue;

import static dev.reconciler.worker.queue.QueueFixture.CLOCK;
import static dev.reconciler.worker.queue.QueueFixture.WORKER;
import static dev.reconciler.worker.queue.QueueFixture.aPing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reconciler.core.fuzz.HostileStrings;
import dev.reconciler.worker.task.TaskEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * The Lua scripts against a real Redis: each must find its arguments, and read payloads as the
 * worker does.
 */
class TaskQueueScriptsIT {
  @RegisterExtension static final QueueFixture REDIS = new QueueFixture();

  private final TaskQueue queue = REDIS.queue();

  /**
   * A worker told to stop is woken from its wait for work at once, not at the wait's timeout (a
   * second in the worker; a minute here, so that only the wake can end it within the test's
   * patience): a warm shutdown of an idle worker takes no time. The push is read by the wait.
   */
  @Test
  void aWorkerToldToStopIsWokenFromItsWaitForWorkAtOnce() throws Exception {
    CompletableFuture<Void> waiting =
        CompletableFuture.runAsync(
            () ->
                REDIS.with(
                    j -> {
                      queue.awaitWork(
                          j, WORKER, List.of("reconcile", "alerts"), Duration.ofMinutes(1));
                      return null;
                    }));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> REDIS.with(j -> j.clientList()).contains("cmd=blpop"));

    queue.wake(WORKER);

    waiting.get(20, TimeUnit.SECONDS);
    boolean left = REDIS.with(j -> j.exists("reconciler:wake:stop:" + WORKER));
    assertThat(left).as("the wake, read by the wait").isFalse();
  }

  /** A wake no wait reads (the worker was busy) expires instead of staying in Redis for good. */
  @Test
  void aWakeNoWaitReadsExpires() {
    queue.wake(WORKER);

    long ttl = REDIS.with(j -> j.ttl("reconciler:wake:stop:" + WORKER));
    assertThat(ttl).isBetween(1L, 60L);
  }

  @Test
  void promoteDueMovesADueDelayedTaskOntoItsQueue() {
    queue.enqueueAt("reconcile", aPing(), CLOCK.instant().minusSeconds(1));
    queue.enqueueAt("reconcile", aPing(), CLOCK.instant().plusSeconds(3600));

    int moved = REDIS.with(j -> queue.promoteDue(j, 10));

    assertThat(moved).isEqualTo(1);
    assertThat(REDIS.list("resque:queue:reconcile")).hasSize(1);
    assertThat(REDIS.with(j -> j.zcard("reconciler:delayed")).longValue()).isEqualTo(1);
  }

  @Test
  void promoteMovesADelayedEntryThatNamesNoQueueToTheFailedList() {
    REDIS.with(j -> j.zadd("reconciler:delayed", 1, "{\"class\":\"ping\"}"));
    queue.enqueueAt("reconcile", aPing(), CLOCK.instant().minusSeconds(1));

    int moved = REDIS.with(j -> queue.promoteDue(j, 10));

    assertThat(moved).isEqualTo(2);
    assertThat(REDIS.list("resque:queue:reconcile")).hasSize(1);
    FailureRecord failed = FailureRecord.read(REDIS.list("resque:failed").get(0));
    assertThat(failed.problem()).isNull();
    assertThat(failed.error()).startsWith("delayed entry names no queue");
    assertThat(failed.payload()).contains("{\\\"class\\\":\\\"ping\\\"}");
    FailedAt.assertJustNow(failed);
  }

  @Test
  void aFailureRecordAScriptWritesHasTheFieldsOfOneJavaWrites() throws Exception {
    REDIS.with(j -> j.zadd("reconciler:delayed", 1, "no queue named"));
    REDIS.with(j -> queue.promoteDue(j, 10));
    String java =
        FailureRecord.write(
            WORKER,
            new Delivery("reconcile", "{}"),
            new IllegalStateException("x"),
            "trace",
            CLOCK.instant());

    String lua = REDIS.list("resque:failed").get(0);

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
    queue.enqueue("reconcile", aPing());
    TaskEnvelope other = aPing();
    queue.enqueue("reconcile", other);
    Delivery d = REDIS.pop(WORKER);

    REDIS.with(j -> queue.requeue(j, WORKER, d));

    assertThat(REDIS.list("resque:queue:reconcile"))
        .containsExactly(d.payload(), TaskPayloads.encode(other));
    assertThat(REDIS.exists("resque:inflight:" + WORKER + ":reconcile")).isFalse();
  }

  @Test
  void requeueReturnsAJobThatIsNotUtf8ByteForByte() {
    byte[] latin1 =
        "{\"class\":\"ping\",\"args\":[\"\u00e9\"],\"vars\":{\"task_id\":\"l1\"}}"
            .getBytes(StandardCharsets.ISO_8859_1);
    REDIS.push(latin1);
    Delivery d = REDIS.pop(WORKER);
    assertThat(d.payload()).contains("\\xE9");

    REDIS.with(j -> queue.requeue(j, WORKER, d));

    assertThat(REDIS.stored("resque:queue:reconcile")).singleElement().isEqualTo(latin1);
    assertThat(REDIS.exists("resque:inflight:" + WORKER + ":reconcile")).isFalse();
  }

  @Test
  void reapReturnsTheJobsOfAWorkerWithoutHeartbeatAndForgetsIt() {
    queue.enqueue("reconcile", aPing());
    Delivery d = REDIS.pop(WORKER);

    int moved = REDIS.reapDead(WORKER);

    assertThat(moved).isEqualTo(1);
    assertThat(REDIS.list("resque:queue:reconcile")).containsExactly(d.payload());
    assertThat(REDIS.exists("resque:workers")).isFalse();
  }

  @Test
  void failRefusedMovesAHeldJobToTheFailedListWithItsErrorAndState() {
    TaskEnvelope task = aPing();
    queue.enqueue("reconcile", task);
    Delivery d = REDIS.pop(WORKER);

    boolean moved =
        REDIS.with(
            j -> queue.failRefused(j, WORKER, d, task.taskId(), new IllegalStateException("no")));

    assertThat(moved).isTrue();
    assertThat(REDIS.list("resque:failed"))
        .singleElement()
        .satisfies(
            r -> {
              FailureRecord read = FailureRecord.read(r);
              assertThat(read.taskId()).isEqualTo(task.taskId());
              assertThat(read.error()).isEqualTo("no");
            });
    assertThat(REDIS.exists("resque:inflight:" + WORKER + ":reconcile")).isFalse();
    assertThat(queue.state(task.taskId()))
        .containsEntry("state", "FAILURE")
        .containsEntry("error", "no");
  }

  @Test
  void failRefusedWritesNothingForAJobTheWorkerNoLongerHolds() {
    TaskEnvelope task = aPing();
    queue.enqueue("reconcile", task);
    Delivery d = REDIS.pop(WORKER);
    REDIS.reapDead(WORKER);

    boolean moved =
        REDIS.with(
            j -> queue.failRefused(j, WORKER, d, task.taskId(), new IllegalStateException("no")));

    assertThat(moved).isFalse();
    assertThat(REDIS.exists("resque:failed")).isFalse();
    assertThat(REDIS.list("resque:queue:reconcile")).containsExactly(d.payload());
    assertThat(queue.state(task.taskId())).containsEntry("state", "STARTED");
  }

  @Test
  void failingAJobTheWorkerCouldNotReadFailsTheTaskThePopStarted() {
    REDIS.push("{\"class\":\"ping\",\"args\":[],\"vars\":{\"task_id\":\"t1\",\"attempt\":\"x\"}}");
    Delivery d = REDIS.pop(WORKER);
    assertThat(queue.state("t1")).containsEntry("state", "STARTED").doesNotContainKey("attempt");

    REDIS.with(
        j -> queue.fail(j, WORKER, d, null, new BadPayload("payload vars.attempt ..."), List.of()));

    assertThat(queue.state("t1"))
        .containsEntry("state", "FAILURE")
        .containsEntry("error", "payload vars.attempt ...")
        .containsEntry("error_type", BadPayload.class.getName());
    assertThat(REDIS.list("resque:failed")).hasSize(1);
    assertThat(REDIS.exists("resque:inflight:" + WORKER + ":reconcile")).isFalse();
  }

  @Test
  void popMarksATaskStartedExactlyWhenJavaWouldAcceptItsId() {
    List<String> ids =
        HostileStrings.generate(
            7, 300, List.of("t-1", "a:b", "a_b.c", "0b6f5a0e-4e53-4c0e-9d5c-3f2d9a0c1b7e"));
    for (String id : ids) {
      REDIS.with(Jedis::flushAll);
      ObjectNode job = JsonNodeFactory.instance.objectNode().put("class", "ping");
      job.putObject("vars").put("task_id", id);
      REDIS.push(job.toString());
      REDIS.pop(WORKER);
      boolean started = !REDIS.with(j -> j.keys("reconciler:task:*")).isEmpty();
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
    REDIS.push(big);
    TaskEnvelope next = aPing();
    queue.enqueue("reconcile", next);

    Delivery d = REDIS.pop(WORKER);

    assertThat(TaskPayloads.decode(d.payload()).taskId()).isEqualTo(next.taskId());
    assertThat(REDIS.list("resque:inflight:" + WORKER + ":reconcile")).containsExactly(d.payload());
    assertThat(queue.state("big")).isEmpty();
    FailureRecord failed = FailureRecord.read(REDIS.list("resque:failed").get(0));
    assertThat(failed.exception()).isEqualTo("PayloadTooLarge");
    assertThat(failed.error()).contains("payload of " + big.length() + " bytes is over the");
    assertThat(failed.payload()).hasSizeBetween(64 * 1024, 65 * 1024);
    FailedAt.assertJustNow(failed);
  }

  @Test
  void aWorkersCurrentJobKeepsWholeCharactersOfAnUnreadablePayloadItCuts() {
    // The first 1024 bytes are kept: the euro sign (3 bytes) starts 2 bytes before the cut.
    String kept = "not json " + "x".repeat(1024 - 2 - 9);
    REDIS.push(kept + "\u20ac and more");

    REDIS.pop(WORKER);

    byte[] current =
        REDIS.with(j -> j.get(("resque:worker:" + WORKER).getBytes(StandardCharsets.UTF_8)));
    assertThat(TaskPayloads.firstNotUtf8(current)).isEqualTo(-1);
    assertThat(new String(current, StandardCharsets.UTF_8))
        .endsWith("\"payload\":\"" + kept + "\"}");
  }

  @Test
  void releaseReturnsAStoppingWorkersLeftoverJobToTheHeadOfItsQueueWhateverItsHeartbeat() {
    queue.enqueue("reconcile", aPing());
    REDIS.with(j -> j.sadd("resque:workers", WORKER));
    REDIS.with(j -> j.set("reconciler:heartbeat:" + WORKER, "alive"));
    Delivery left = REDIS.pop(WORKER);
    TaskEnvelope other = aPing();
    queue.enqueue("reconcile", other);

    int moved = queue.release(WORKER);

    assertThat(moved).isEqualTo(1);
    assertThat(REDIS.list("resque:queue:reconcile"))
        .containsExactly(left.payload(), TaskPayloads.encode(other));
    assertThat(REDIS.exists("resque:inflight:" + WORKER + ":reconcile")).isFalse();
    assertThat(REDIS.exists("resque:workers")).isFalse();
    assertThat(REDIS.exists("reconciler:heartbeat:" + WORKER)).isFalse();
  }

  @Test
  void aStateOrInFlightKeyOfTheWrongTypeNeverLosesAJobHalfWayThroughAMove() {
    // Redis keeps what a script did before an error: a WRONGTYPE after the LPOP lost the job.
    TaskEnvelope task = aPing();
    REDIS.with(j -> j.set("reconciler:task:" + task.taskId(), "garbage"));
    queue.enqueue("reconcile", task);
    REDIS.with(j -> j.set("resque:inflight:" + WORKER + ":reconcile", "garbage"));

    Delivery d = REDIS.pop(WORKER);

    assertThat(d).isNotNull();
    assertThat(TaskPayloads.decode(d.payload()).taskId()).isEqualTo(task.taskId());
    assertThat(REDIS.list("resque:inflight:" + WORKER + ":reconcile")).containsExactly(d.payload());
    assertThat(queue.state(task.taskId())).containsEntry("state", "STARTED");
  }

  @Test
  void aQueueKeyOfTheWrongTypeIsSkippedSoTheOtherQueuesAreStillServed() {
    REDIS.with(j -> j.set("resque:queue:reconcile", "garbage"));
    TaskEnvelope task = aPing();
    queue.enqueue("alerts", task);

    Delivery d = REDIS.with(j -> queue.pop(j, WORKER, List.of("reconcile", "alerts")));

    assertThat(d).isNotNull();
    assertThat(d.queue()).isEqualTo("alerts");
    String untouched = REDIS.get("resque:queue:reconcile");
    assertThat(untouched).isEqualTo("garbage");
  }
}
