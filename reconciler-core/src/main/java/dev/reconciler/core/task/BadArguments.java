package dev.reconciler.core.task;

import dev.reconciler.core.domain.UserError;

/** A task's arguments are missing or of the wrong type: retrying cannot help. */
public class BadArguments extends UserError {
  private static final long serialVersionUID = 1L;

  public BadArguments(String message) {
    super(message);
  }
}
