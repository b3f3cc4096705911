package dev.reconciler.worker.task;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The whitelist of runnable tasks. A payload naming anything else is rejected into the failed set;
 * nothing is ever instantiated by class name.
 */
public final class TaskRegistry {
  private final Map<String, TaskDefinition> tasks = new LinkedHashMap<>();

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
