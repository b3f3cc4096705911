package dev.reconciler.worker.task;

import java.time.Instant;

/**
 * Thrown by a task that cannot do its work yet for a reason that is no failure of its own (another
 * sender holds what it needs for a while): the worker queues it again for {@link #due}, as a retry
 * that does not count against its max_retries, since waiting is all it needs.
 */
public final class Deferred extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Instant due;

  public Deferred(String why, Instant due) {
    super(why);
    this.due = due;
  }

  /** When to run it again. */
  public Instant due() {
    return due;
  }
}
