package dev.reconciler.worker.runtime;

/** An operator revoked a running task with {@code --terminate}, and its worker stopped it. */
public class TaskRevoked extends Exception {
  private static final long serialVersionUID = 1L;

  public TaskRevoked(String message) {
    super(message);
  }
}
