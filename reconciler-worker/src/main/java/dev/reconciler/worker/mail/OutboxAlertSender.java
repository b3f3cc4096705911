package dev.reconciler.worker.mail;

import dev.reconciler.core.alert.Alert;
import dev.reconciler.core.alert.AlertKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.simplejavamail.converter.EmailConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes alerts as .eml files when no SMTP host is configured: one file per run and kind, so a
 * retried send replaces its own file rather than adding a second.
 */
final class OutboxAlertSender implements AlertSender {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxAlertSender.class);

  private final Path outboxDir;

  OutboxAlertSender(Path outboxDir) {
    this.outboxDir = outboxDir;
  }

  @Override
  public void send(Alert alert) throws IOException {
    String eml = EmailConverter.emailToEML(AlertEmails.toEmail(alert));
    Files.createDirectories(outboxDir);
    Path target = outboxDir.resolve(fileName(alert));
    // Written beside the target and renamed, so a reader never sees half a message.
    // Not createTempFile: its 0600 mode would survive the rename.
    Path temp = outboxDir.resolve(".alert-" + UUID.randomUUID() + ".eml.part");
    try {
      Files.writeString(temp, eml, StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    LOG.info(
        "Wrote {} alert {} to {}",
        alert.kind().id(),
        AlertEmails.messageId(alert),
        target.toAbsolutePath());
  }

  @Override
  public String describe() {
    return "outbox " + outboxDir.toAbsolutePath();
  }

  /** {@code <runId>.<kind>.eml}, as {@link AlertEmails#safeName}: one file per run and kind. */
  static String fileName(Alert alert) {
    return fileName(alert.runId(), alert.kind());
  }

  static String fileName(String runId, AlertKind kind) {
    return AlertEmails.safeName(runId + "." + kind.id()) + ".eml";
  }
}
