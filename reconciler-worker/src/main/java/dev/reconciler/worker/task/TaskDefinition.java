package dev.reconciler.worker.task;

import dev.reconciler.core.config.Settings.TaskSettings;
import dev.reconciler.worker.queue.FollowUp;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One registered task, like a Celery task: its name, queue, retry policy and time limit, how to
 * build a handler from an envelope (parsing its arguments), and what to enqueue when it fails for
 * good.
 */
public record TaskDefinition(
    String name,
    TaskSettings settings,
    RetryPolicy retry,
    Function<TaskEnvelope, TaskHandler> factory,
    BiFunction<TaskEnvelope, Throwable, List<FollowUp>> onFailure) {

  public String queue() {
    return settings.queue();
  }
}
