package dev.reconciler.worker.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskEnvelopeTest {
  @Test
  void roundTripsThroughResqueJson() {
    TaskEnvelope task =
        new TaskEnvelope("id-1", "reconcile", Arrays.asList("2026-11-24", null), 2, 1234L);
    String payload = task.toPayload();
    assertThat(payload).startsWith("{\"class\":\"reconcile\",\"args\":[\"2026-11-24\",null]");
    assertThat(TaskEnvelope.fromPayload(payload)).isEqualTo(task);
    assertThat(task.nextAttempt().attempt()).isEqualTo(3);
    assertThat(task.firstAttempt().attempt()).isZero();
  }

  @Test
  void rejectsPayloadsThatAreNotOurs() {
    assertThatThrownBy(() -> TaskEnvelope.fromPayload("{nope"))
        .hasMessageContaining("not valid job JSON");
    assertThatThrownBy(() -> TaskEnvelope.fromPayload("{\"args\":[]}"))
        .hasMessageContaining("className must not be null");
    assertThatThrownBy(() -> TaskEnvelope.fromPayload("{\"class\":\"ping\",\"args\":[]}"))
        .hasMessageContaining("no vars.task_id");
    assertThatThrownBy(
            () ->
                TaskEnvelope.fromPayload(
                    "{\"class\":\"ping\",\"args\":[],\"vars\":{\"task_id\":\"x\",\"attempt\":\"two\"}}"))
        .hasMessageContaining("must be numbers");
    assertThat(TaskEnvelope.fromPayload("{\"class\":\"ping\",\"vars\":{\"task_id\":\"x\"}}").args())
        .isEqualTo(List.of());
  }
}
