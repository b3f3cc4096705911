package dev.reconciler.worker.jobs;

import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.core.task.SendAlertArgs;
import dev.reconciler.worker.task.RetryPolicy;
import dev.reconciler.worker.task.TaskDefinition;
import dev.reconciler.worker.task.TaskRegistry;
import java.security.SecureRandom;
import java.util.List;

/** The tasks this system runs, like the tasks of a Celery app: the one registry everyone uses. */
public final class TaskCatalog {
  /** Name of the no-op task. */
  public static final String PING = "ping";

  private TaskCatalog() {}

  public static TaskRegistry registry(JobContext ctx) {
    SecureRandom random = new SecureRandom();
    TaskRegistry registry = new TaskRegistry();
    var tasks = ctx.settings().tasks();
    registry.register(
        new TaskDefinition(
            ReconcileArgs.TASK,
            tasks.get(ReconcileArgs.TASK),
            new RetryPolicy(tasks.get(ReconcileArgs.TASK), random::nextDouble),
            task -> new ReconcileJob(task, ctx),
            (task, error) -> ReconcileJob.onFailure(task, error, ctx)));
    registry.register(
        new TaskDefinition(
            SendAlertArgs.TASK,
            tasks.get(SendAlertArgs.TASK),
            new RetryPolicy(tasks.get(SendAlertArgs.TASK), random::nextDouble),
            task -> new SendAlertJob(task, ctx),
            (task, error) -> List.of()));
    registry.register(
        new TaskDefinition(
            PING,
            tasks.get(PING),
            new RetryPolicy(tasks.get(PING), random::nextDouble),
            task -> new PingJob(),
            (task, error) -> List.of()));
    return registry;
  }
}
