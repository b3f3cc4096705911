package dev.reconciler.worker.task;

/** The body of one task run; an exception means the attempt failed. */
@FunctionalInterface
public interface TaskHandler {
  TaskResult run() throws Exception;
}
