package dev.reconciler.core.store;

/** An unexpected database failure (not a user error): worth a retry and a stack trace. */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String doing, Exception cause) {
    super("database error while " + doing + ": " + cause.getMessage(), cause);
  }
}
