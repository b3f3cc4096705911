package dev.reconciler.worker.mail;

import dev.reconciler.core.config.Settings;

/** Picks the sender the configuration asks for. */
public final class AlertSenders {
  private AlertSenders() {}

  /** SMTP when {@code [email] host} is set, otherwise .eml files in {@code [paths] outbox_dir}. */
  public static AlertSender from(Settings settings) {
    if (settings.email().smtpConfigured()) {
      return new SmtpAlertSender(settings.email());
    }
    return new OutboxAlertSender(settings.paths().outboxDir());
  }
}
