package dev.reconciler.worker.queue;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.worker.task.TaskEnvelope;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Sends tasks, like Celery's apply_async: by name, to the task's configured queue, now or later.
 */
public final class TaskClient {
  private final TaskQueue queue;
  private final Settings settings;
  private final Clock clock;

  public TaskClient(TaskQueue queue, Settings settings, Clock clock) {
    this.queue = queue;
    this.settings = settings;
    this.clock = clock;
  }

  /** Enqueues a task to run now; returns its task id. */
  public String send(String name, List<Object> args) {
    return send(name, args, null);
  }

  /** Enqueues a task to run at {@code eta} (null or past: now); returns its task id. */
  public String send(String name, List<Object> args, Instant eta) {
    TaskEnvelope task = TaskEnvelope.create(name, args, clock.millis());
    String target = queueOf(name);
    if (eta == null || !eta.isAfter(clock.instant())) {
      queue.enqueue(target, task);
    } else {
      queue.enqueueAt(target, task, eta);
    }
    return task.taskId();
  }

  /** The configured queue of a task. */
  public String queueOf(String name) {
    Settings.TaskSettings task = settings.tasks().get(name);
    if (task == null) {
      throw new UserError(
          "unknown task '"
              + name
              + "' (known: "
              + String.join(", ", settings.tasks().keySet())
              + ")");
    }
    return task.queue();
  }
}
