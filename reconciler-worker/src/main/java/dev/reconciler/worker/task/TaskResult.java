package dev.reconciler.worker.task;

import dev.reconciler.worker.queue.FollowUp;
import java.util.List;

/**
 * What a successful task reports.
 *
 * @param summary one line kept in the task state as its result
 * @param followUps tasks enqueued atomically with this task's SUCCESS
 */
public record TaskResult(String summary, List<FollowUp> followUps) {
  public static TaskResult of(String summary) {
    return new TaskResult(summary, List.of());
  }
}
