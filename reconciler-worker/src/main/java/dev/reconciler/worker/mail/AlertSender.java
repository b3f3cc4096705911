package dev.reconciler.worker.mail;

import dev.reconciler.core.alert.Alert;

/** Sends a composed alert; throws on failure so the task can be retried. */
public interface AlertSender extends AutoCloseable {

  /**
   * Delivers the alert, or throws. Sending the same alert again is safe: it carries the same
   * Message-ID (SMTP) or replaces the same file (outbox).
   */
  void send(Alert alert) throws Exception;

  /** Where alerts go, for the effective-configuration log line; holds no secrets. */
  String describe();

  /** Releases connections; the default holds none. */
  @Override
  default void close() {}
}
