package dev.reconciler.worker.task;

import java.util.EnumSet;
import java.util.Set;

/**
 * Celery's task states (REVOKED: an operator's {@code revoke}), and the one place that says which
 * moves between them are allowed.
 */
public enum TaskState {
  PENDING,
  STARTED,
  RETRY,
  SUCCESS,
  FAILURE,
  REVOKED;

  /**
   * Whether a task may move from this state to {@code next}. STARTED → STARTED is a redelivery
   * after a worker died; FAILURE → PENDING is an operator's retry; SUCCESS and REVOKED are final: a
   * revoked task never runs again.
   */
  public boolean canMoveTo(TaskState next) {
    return allowedNext().contains(next);
  }

  private Set<TaskState> allowedNext() {
    return switch (this) {
      case PENDING -> EnumSet.of(STARTED, FAILURE, REVOKED);
      case STARTED -> EnumSet.of(STARTED, SUCCESS, RETRY, FAILURE, REVOKED);
      case RETRY -> EnumSet.of(STARTED, FAILURE, REVOKED);
      case FAILURE -> EnumSet.of(PENDING);
      case SUCCESS, REVOKED -> EnumSet.noneOf(TaskState.class);
    };
  }

  /** True for SUCCESS, FAILURE and REVOKED: the task will not run (again) by itself. */
  public boolean isFinal() {
    return this == SUCCESS || this == FAILURE || this == REVOKED;
  }

  /** Whether an operator may still revoke a task in this state: it has not finished. */
  public boolean isRevocable() {
    return canMoveTo(REVOKED);
  }

  /** The state named by a task state hash's "state" field, or null for anything else. */
  public static TaskState parse(String name) {
    for (TaskState s : values()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }
}
