package dev.reconciler.worker.task;

import java.util.EnumSet;
import java.util.Set;

/** Celery's task states, and the one place that says which moves between them are allowed. */
public enum TaskState {
  PENDING,
  STARTED,
  RETRY,
  SUCCESS,
  FAILURE;

  /**
   * Whether a task may move from this state to {@code next}. STARTED → STARTED is a redelivery
   * after a worker died; FAILURE → PENDING is an operator's retry; SUCCESS is final.
   */
  public boolean canMoveTo(TaskState next) {
    return allowedNext().contains(next);
  }

  private Set<TaskState> allowedNext() {
    return switch (this) {
      case PENDING -> EnumSet.of(STARTED, FAILURE);
      case STARTED -> EnumSet.of(STARTED, SUCCESS, RETRY, FAILURE);
      case RETRY -> EnumSet.of(STARTED, FAILURE);
      case FAILURE -> EnumSet.of(PENDING);
      case SUCCESS -> EnumSet.noneOf(TaskState.class);
    };
  }

  /** True for SUCCESS and FAILURE. */
  public boolean isFinal() {
    return this == SUCCESS || this == FAILURE;
  }
}
