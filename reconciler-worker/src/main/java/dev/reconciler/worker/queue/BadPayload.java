package dev.reconciler.worker.queue;

import dev.reconciler.core.domain.UserError;

/** A payload that cannot be run: never retried, always lands in the failed set with the reason. */
public final class BadPayload extends UserError {
  private static final long serialVersionUID = 1L;

  public BadPayload(String message) {
    super(message);
  }
}
