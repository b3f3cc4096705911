package dev.reconciler.cli;

import dev.reconciler.core.domain.UserError;
import dev.reconciler.worker.queue.TaskQueue;
import dev.reconciler.worker.task.TaskState;
import java.time.Duration;
import java.util.Map;

/** Polls a task's state until it is final: SUCCESS, FAILURE or REVOKED. */
final class TaskWait {
  private TaskWait() {}

  static Map<String, String> untilFinal(TaskQueue queue, String taskId, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Map<String, String> state = queue.state(taskId);
      String s = state.get("state");
      TaskState parsed = TaskState.parse(s);
      if (parsed != null && parsed.isFinal()) {
        return state;
      }
      Thread.sleep(50);
    }
    throw new UserError("task " + taskId + " did not finish within " + timeout.toSeconds() + " s");
  }
}
