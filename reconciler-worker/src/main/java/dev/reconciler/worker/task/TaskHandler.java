package dev.reconciler.worker.task;

/** The body of one task run; an exception means the attempt failed. */
@FunctionalInterface
public interface TaskHandler {
  TaskResult run() throws Exception;

  /**
   * Called by the worker after it stopped this run because an operator revoked the task ({@code
   * revoke --terminate}), once the run's thread ended (or stopped answering): records what the run
   * leaves behind as revoked. Nothing by default.
   */
  default void revoked(String note) {}
}
