package dev.reconciler.worker.task;

import dev.reconciler.worker.queue.FollowUp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The whitelist of runnable tasks. A payload naming anything else is rejected into the failed set;
 * nothing is ever instantiated by class name.
 */
public final class TaskRegistry {
  private final Map<String, TaskDefinition> tasks = new LinkedHashMap<>();
  private BiFunction<TaskEnvelope, Throwable, List<FollowUp>> onGroupFailure =
      (task, error) -> List.of();

  public TaskRegistry register(TaskDefinition task) {
    tasks.put(task.name(), task);
    return this;
  }

  /** The task with this name; {@link UnknownTask} when it is not registered. */
  public TaskDefinition get(String name) {
    TaskDefinition task = tasks.get(name);
    if (task == null) {
      throw new UnknownTask(
          "unknown task '" + name + "' (registered: " + String.join(", ", tasks.keySet()) + ")");
    }
    return task;
  }

  /**
   * What to enqueue when a task of a group or chord fails for good and so fails its group (its
   * failure alert): enqueued by the step that fails the group, so once per group.
   */
  public TaskRegistry onGroupFailure(BiFunction<TaskEnvelope, Throwable, List<FollowUp>> action) {
    this.onGroupFailure = action;
    return this;
  }

  /** The follow-ups of a group that {@code task}'s failure fails; none for a task in no group. */
  public List<FollowUp> groupFailure(TaskEnvelope task, Throwable error) {
    return task.group() == null ? List.of() : onGroupFailure.apply(task, error);
  }

  public Set<String> names() {
    return tasks.keySet();
  }

  /** A payload names a task nobody registered. */
  public static final class UnknownTask extends dev.reconciler.core.domain.UserError {
    private static final long serialVersionUID = 1L;

    public UnknownTask(String message) {
      super(message);
    }
  }
}
