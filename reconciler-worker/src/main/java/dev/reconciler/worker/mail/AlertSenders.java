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

  /** Where the outbox sender writes the alert of a run and kind. */
  public static java.nio.file.Path outboxFile(
      Settings settings, String runId, dev.reconciler.core.alert.AlertKind kind) {
    return settings.paths().outboxDir().resolve(OutboxAlertSender.fileName(runId, kind));
  }
}
