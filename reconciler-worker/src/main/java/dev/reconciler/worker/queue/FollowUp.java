package dev.reconciler.worker.queue;

import dev.reconciler.worker.task.TaskEnvelope;

/**
 * A task to enqueue atomically with the outcome of the task that caused it.
 *
 * @param link the chain link it is, claimed as it is enqueued (it is not, if claimed before); null
 *     for a task in no chain
 */
public record FollowUp(String queue, TaskEnvelope task, ChainLink link) {
  /** A task in no chain. */
  public FollowUp(String queue, TaskEnvelope task) {
    this(queue, task, null);
  }
}
