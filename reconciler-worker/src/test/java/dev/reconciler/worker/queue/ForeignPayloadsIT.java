package dev.reconciler.worker.queue;

import static dev.reconciler.worker.queue.QueueFixture.CLOCK;
import static dev.reconciler.worker.queue.QueueFixture.WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.reconciler.worker.task.TaskEnvelope;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * pop.lua and jobs another Resque client pushed (no "vars"): they get a task id in the payload they
 * are tracked by, and are then read as strictly as any other.
 */
class ForeignPayloadsIT {
  @RegisterExtension static final QueueFixture REDIS = new QueueFixture();

  private final TaskQueue queue = REDIS.queue();

  @Test
  void aJobWithoutVarsGetsANewTaskIdInThePayloadItIsTrackedByAndAStartedState() {
    REDIS.push(" {\"class\":\"ping\",\"args\":[],\"queue\":\"reconcile\",\"n\":12345678901234567}");

    Delivery d = REDIS.pop(WORKER);

    TaskEnvelope task = TaskPayloads.decode(d.payload());
    assertThat(task.name()).isEqualTo("ping");
    assertThat(task.args()).isEmpty();
    assertThat(task.attempt()).isZero();
    assertThat(task.enqueuedAtMs()).isCloseTo(CLOCK.millis(), within(60_000L));
    // Spliced, not re-encoded: the rest of the payload is byte for byte what the client sent.
    assertThat(d.payload())
        .endsWith(
            "\"class\":\"ping\",\"args\":[],\"queue\":\"reconcile\",\"n\":12345678901234567}");
    assertThat(REDIS.list("resque:inflight:" + WORKER + ":reconcile")).containsExactly(d.payload());
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
    REDIS.push("{\"class\":\"ping\",\"args\":[]}");
    REDIS.push("{\"class\":\"ping\",\"args\":[]}");

    String first = TaskPayloads.decode(REDIS.pop(WORKER).payload()).taskId();
    String second = TaskPayloads.decode(REDIS.pop(WORKER).payload()).taskId();

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
      REDIS.push(payload);
      Delivery d = REDIS.pop(WORKER);
      assertThat(d.payload()).isEqualTo(payload);
      assertThatThrownBy(() -> TaskPayloads.decode(d.payload())).isInstanceOf(BadPayload.class);
    }
    assertThat(taskKeys()).isEmpty();
  }

  @Test
  void aJobWithoutVarsNamingAnUnreadableTaskGetsAnIdButNoNameAndIsRejectedByItsName() {
    REDIS.push("{\"class\":\"<script>\",\"args\":[]}");

    Delivery d = REDIS.pop(WORKER);

    assertThatThrownBy(() -> TaskPayloads.decode(d.payload()))
        .isInstanceOf(BadPayload.class)
        .hasMessageContaining("task name");
    String key = taskKeys().iterator().next();
    assertThat(taskKeys()).hasSize(1);
    String name = REDIS.with(j -> j.hget(key, "name"));
    assertThat(name).isNull();
  }

  private static Set<String> taskKeys() {
    return REDIS.with(j -> j.keys("reconciler:task:*"));
  }
}
