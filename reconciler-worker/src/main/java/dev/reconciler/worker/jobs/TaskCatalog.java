package dev.reconciler.worker.jobs;

import dev.reconciler.core.config.Settings.TaskSettings;
import dev.reconciler.core.task.ImportArgs;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.core.task.ReconcileMergeArgs;
import dev.reconciler.core.task.ReconcilePartArgs;
import dev.reconciler.core.task.SendAlertArgs;
import dev.reconciler.worker.queue.FollowUp;
import dev.reconciler.worker.task.RetryPolicy;
import dev.reconciler.worker.task.TaskDefinition;
import dev.reconciler.worker.task.TaskEnvelope;
import dev.reconciler.worker.task.TaskHandler;
import dev.reconciler.worker.task.TaskRegistry;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/** The tasks this system runs, like the tasks of a Celery app: the one registry everyone uses. */
public final class TaskCatalog {
  /** Name of the no-op task. */
  public static final String PING = "ping";

  /** Name of the test-only task that halts its worker's JVM (see {@link #HALT_TASK_PROPERTY}). */
  public static final String TEST_HALT = "test_halt";

  /**
   * The system property that, set to true, registers {@link #TEST_HALT}: tests of what a job that
   * kills its worker does set it on their child workers; nothing else may run such a task.
   */
  public static final String HALT_TASK_PROPERTY = "reconciler.test.halt-task";

  private TaskCatalog() {}

  public static TaskRegistry registry(JobContext ctx) {
    SecureRandom random = new SecureRandom();
    TaskRegistry registry = new TaskRegistry();
    registry.register(
        define(
            ctx,
            random,
            ReconcileArgs.TASK,
            task -> new ReconcileJob(task, ctx),
            (task, error) -> ReconcileJob.onFailure(task, error, ctx)));
    // A sharded reconcile's tasks fail their chord, whose one failure alert says it all.
    registry.register(
        define(
            ctx,
            random,
            ReconcilePartArgs.TASK,
            task -> new ReconcilePartJob(task, ctx),
            (task, error) -> List.of()));
    registry.register(
        define(
            ctx,
            random,
            ReconcileMergeArgs.TASK,
            task -> new ReconcileMergeJob(task, ctx),
            (task, error) -> List.of()));
    registry.register(
        define(
            ctx,
            random,
            SendAlertArgs.TASK,
            task -> new SendAlertJob(task, ctx),
            (task, error) -> List.of()));
    registry.register(
        define(
            ctx,
            random,
            ImportArgs.TASK,
            task -> new ImportJob(ImportArgs.from(task.args()), task.taskId(), ctx),
            (task, error) -> List.of()));
    registry.register(define(ctx, random, PING, task -> new PingJob(), (task, error) -> List.of()));
    registry.onGroupFailure((task, error) -> GroupFailureAlert.of(task, error, ctx));
    if (Boolean.getBoolean(HALT_TASK_PROPERTY)) {
      registry.register(haltTask(ctx, random));
    }
    return registry;
  }

  /** The test-only halting task, on ping's queue with ping's settings. */
  private static TaskDefinition haltTask(JobContext ctx, SecureRandom random) {
    TaskSettings settings = ctx.settings().tasks().get(PING);
    return new TaskDefinition(
        TEST_HALT,
        settings,
        new RetryPolicy(settings, random::nextDouble),
        task -> HaltJob.INSTANCE,
        (task, error) -> List.of());
  }

  /** A task with its configured settings and a retry policy built from them. */
  private static TaskDefinition define(
      JobContext ctx,
      SecureRandom random,
      String name,
      Function<TaskEnvelope, TaskHandler> factory,
      BiFunction<TaskEnvelope, Throwable, List<FollowUp>> onFailure) {
    TaskSettings settings = ctx.settings().tasks().get(name);
    return new TaskDefinition(
        name, settings, new RetryPolicy(settings, random::nextDouble), factory, onFailure);
  }
}
