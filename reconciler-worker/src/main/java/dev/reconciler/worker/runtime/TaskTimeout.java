package dev.reconciler.worker.runtime;

/** A task ran past its time limit and was interrupted. */
public class TaskTimeout extends Exception {
  private static final long serialVersionUID = 1L;

  public TaskTimeout(String message) {
    super(message);
  }
}
