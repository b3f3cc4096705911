package dev.reconciler.worker.jobs;

import dev.reconciler.worker.task.TaskHandler;
import dev.reconciler.worker.task.TaskResult;

/**
 * Test-only: halts the worker's JVM at once, as an out-of-memory kill or a native crash would (no
 * shutdown hook, no outcome recorded). Registered only under {@link
 * TaskCatalog#HALT_TASK_PROPERTY}.
 */
final class HaltJob implements TaskHandler {
  static final HaltJob INSTANCE = new HaltJob();

  /** The exit status of a process killed by SIGKILL, as the OOM killer leaves it. */
  private static final int KILLED = 137;

  private HaltJob() {}

  @Override
  public TaskResult run() {
    Runtime.getRuntime().halt(KILLED);
    throw new IllegalStateException("unreachable: the JVM halted");
  }
}
