package dev.reconciler.worker.task;

import java.util.List;
import java.util.UUID;

/**
 * A task as it travels through Redis: its id, name, arguments, attempt number (0 = first run),
 * enqueue time, and the group or chord it is part of (null for none). {@code
 * dev.reconciler.worker.queue.TaskPayloads} writes and reads it as a Resque job.
 */
public record TaskEnvelope(
    String taskId, String name, List<Object> args, int attempt, long enqueuedAtMs, String group) {

  /** A task in no group. */
  public TaskEnvelope(
      String taskId, String name, List<Object> args, int attempt, long enqueuedAtMs) {
    this(taskId, name, args, attempt, enqueuedAtMs, null);
  }

  /** A new task with a fresh UUID task id. */
  public static TaskEnvelope create(String name, List<Object> args, long nowMs) {
    return new TaskEnvelope(UUID.randomUUID().toString(), name, args, 0, nowMs);
  }

  /** The same task, next attempt. */
  public TaskEnvelope nextAttempt() {
    return new TaskEnvelope(taskId, name, args, attempt + 1, enqueuedAtMs, group);
  }

  /** The same task from its first attempt (an operator's retry of a failed task). */
  public TaskEnvelope firstAttempt() {
    return new TaskEnvelope(taskId, name, args, 0, enqueuedAtMs, group);
  }
}
