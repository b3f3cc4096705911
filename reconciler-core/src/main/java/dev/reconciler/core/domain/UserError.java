package dev.reconciler.core.domain;

/**
 * Something the user can fix (bad config, missing database, table or column, bad arguments): the
 * CLI prints the message as one line and exits non-zero, without a stack trace; the worker does not
 * retry it.
 */
public class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
