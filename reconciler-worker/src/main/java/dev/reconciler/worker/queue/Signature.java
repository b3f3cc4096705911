package dev.reconciler.worker.queue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A task to send as part of a group or chord, as Celery calls it: a task name and its arguments.
 */
public record Signature(String name, List<Object> args) {
  /** Copies the arguments, which may hold nulls (an optional argument left out). */
  public Signature {
    args = Collections.unmodifiableList(new ArrayList<>(args));
  }
}
