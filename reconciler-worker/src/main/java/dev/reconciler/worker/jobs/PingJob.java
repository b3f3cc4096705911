package dev.reconciler.worker.jobs;

import dev.reconciler.worker.task.TaskHandler;
import dev.reconciler.worker.task.TaskResult;

/**
 * The ping task: does nothing. Checks that workers serve a queue, and measures the queue itself.
 */
public final class PingJob implements TaskHandler {
  private static final TaskResult PONG = TaskResult.of("pong");

  @Override
  public TaskResult run() {
    return PONG;
  }
}
