package dev.reconciler.worker.queue;

import java.util.List;

/**
 * A task to send as part of a group or chord, as Celery calls it: a task name and its arguments.
 */
public record Signature(String name, List<Object> args) {
  public Signature {
    args = List.copyOf(args);
  }
}
