package dev.reconciler.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.reconciler.worker.task.TaskEnvelope;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * pop.lua and jobs another Resque client pushed (no "vars"): they get a task id in the payload they
 * are tracked by, and are then read as strictly as any other.
 */
class ForeignPayloadsIT {
  private static final String WORKER = "host:1-1:reconcile";

  @RegisterExtension static final QueueRedis REDIS = new QueueRedis();

  private final Clock clock = Clock.systemUTC();
  private TaskQueue queue;

  @BeforeEach
  void emptyRedis() {
    queue = REDIS.queue(clock);
  }

  @Test
  void aJobWithoutVarsGetsANewTaskIdInThePayloadItIsTrackedByAndAStartedState() {
    push(" {\"class\":\"ping\",\"args\":[],\"queue\":\"reconcile\",\"n\":12345678901234567}");

    Delivery d = pop();

    TaskEnvelope task = TaskPayloads.decode(d.payload());
    assertThat(task.name()).isEqualTo("ping");
    assertThat(task.args()).isEmpty();
    assertThat(task.attempt()).isZero();
    assertThat(task.enqueuedAtMs()).isCloseTo(clock.millis(), within(60_000L));
    // Spliced, not re-encoded: the rest of the payload is byte for byte what the client sent.
    assertThat(d.payload())
        .endsWith(
            "\"class\":\"ping\",\"args\":[],\"queue\":\"reconcile\",\"n\":12345678901234567}");
    assertThat(list("resque:inflight:" + WORKER + ":reconcile")).containsExactly(d.payload());
    assertThat(queue.state(task.taskId()))
        .containsEntry("state", "STARTED")
        .containsEntry("name", "ping")
        .containsEntry("queue", "reconcile")
        .containsEntry("attempt", "0")
        .containsEntry("deliveries", "1")
        .containsEntry("worker", WORKER);
  }

  @Test
  void everyJobWithoutVarsGetsItsOwnTaskId() {
    push("{\"class\":\"ping\",\"args\":[]}");
    push("{\"class\":\"ping\",\"args\":[]}");

    String first = TaskPayloads.decode(pop().payload()).taskId();
    String second = TaskPayloads.decode(pop().payload()).taskId();

    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void aJobWithVarsButNoTaskIdOrWithoutAClassIsLeftAsItCameForTheWorkerToReject() {
    List<String> refused =
        List.of(
            "{\"class\":\"ping\",\"args\":[],\"vars\":{}}",
            "{\"class\":\"ping\",\"args\":[],\"vars\":null}",
            "{\"args\":[]}",
            "{\"class\":7,\"args\":[]}",
            "[\"class\",\"ping\"]",
            "not json");
    for (String payload : refused) {
      push(payload);
      Delivery d = pop();
      assertThat(d.payload()).isEqualTo(payload);
      assertThatThrownBy(() -> TaskPayloads.decode(d.payload())).isInstanceOf(BadPayload.class);
    }
    assertThat(taskKeys()).isEmpty();
  }

  @Test
  void aJobWithoutVarsNamingAnUnreadableTaskGetsAnIdButNoNameAndIsRejectedByItsName() {
    push("{\"class\":\"<script>\",\"args\":[]}");

    Delivery d = pop();

    assertThatThrownBy(() -> TaskPayloads.decode(d.payload()))
        .isInstanceOf(BadPayload.class)
        .hasMessageContaining("task name");
    String key = taskKeys().iterator().next();
    assertThat(taskKeys()).hasSize(1);
    String name = REDIS.connector().with(j -> j.hget(key, "name"));
    assertThat(name).isNull();
  }

  private Delivery pop() {
    return REDIS.connector().with(j -> queue.pop(j, WORKER, List.of("reconcile")));
  }

  private static void push(String payload) {
    REDIS.connector().with(j -> j.rpush("resque:queue:reconcile", payload));
  }

  private static Set<String> taskKeys() {
    return REDIS.connector().with(j -> j.keys("reconciler:task:*"));
  }

  private static List<String> list(String key) {
    return REDIS.connector().with(j -> j.lrange(key, 0, -1));
  }
}
