package dev.reconciler.worker.task;

import static dev.reconciler.worker.task.TaskState.FAILURE;
import static dev.reconciler.worker.task.TaskState.PENDING;
import static dev.reconciler.worker.task.TaskState.RETRY;
import static dev.reconciler.worker.task.TaskState.REVOKED;
import static dev.reconciler.worker.task.TaskState.STARTED;
import static dev.reconciler.worker.task.TaskState.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskStateTest {
  @Test
  void followsCeleryLifeCycle() {
    assertThat(PENDING.canMoveTo(STARTED)).isTrue();
    assertThat(STARTED.canMoveTo(RETRY)).isTrue();
    assertThat(RETRY.canMoveTo(STARTED)).isTrue();
    assertThat(STARTED.canMoveTo(SUCCESS)).isTrue();
    assertThat(STARTED.canMoveTo(FAILURE)).isTrue();
  }

  @Test
  void allowsRedeliveryAndOperatorRetryButNothingAfterSuccess() {
    assertThat(STARTED.canMoveTo(STARTED)).isTrue();
    assertThat(FAILURE.canMoveTo(PENDING)).isTrue();
    for (TaskState next : TaskState.values()) {
      assertThat(SUCCESS.canMoveTo(next)).isFalse();
    }
    assertThat(PENDING.canMoveTo(SUCCESS)).isFalse();
    assertThat(SUCCESS.isFinal()).isTrue();
    assertThat(RETRY.isFinal()).isFalse();
  }

  @Test
  void revokesQueuedDelayedAndRunningTasksButNotFinishedOnes() {
    assertThat(PENDING.isRevocable()).isTrue();
    assertThat(RETRY.isRevocable()).isTrue();
    assertThat(STARTED.isRevocable()).isTrue();
    assertThat(SUCCESS.isRevocable()).isFalse();
    assertThat(FAILURE.isRevocable()).isFalse();
    assertThat(REVOKED.isRevocable()).isFalse();
  }

  @Test
  void aRevokedTaskIsFinalAndNeverRunsAgain() {
    assertThat(REVOKED.isFinal()).isTrue();
    for (TaskState next : TaskState.values()) {
      assertThat(REVOKED.canMoveTo(next)).as("REVOKED -> %s", next).isFalse();
    }
  }

  @Test
  void parsesOnlyExactStateNames() {
    assertThat(TaskState.parse("REVOKED")).isEqualTo(REVOKED);
    assertThat(TaskState.parse("revoked")).isNull();
    assertThat(TaskState.parse(null)).isNull();
    assertThat(TaskState.parse("<script>")).isNull();
  }
}
