package dev.reconciler.worker.mail;

import dev.reconciler.core.alert.Alert;
import java.io.IOException;
import java.nio.file.Files;
import org.simplejavamail.api.email.Email;
import org.simplejavamail.api.email.EmailPopulatingBuilder;
import org.simplejavamail.email.EmailBuilder;

/** The one place an {@link Alert} becomes a Simple Java Mail {@link Email}, for every sender. */
final class AlertEmails {
  static final String XLSX_MIME_TYPE =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private AlertEmails() {}

  /**
   * The email for an alert. The Message-ID is fixed to the alert's, so a retried send is the same
   * message to the receiving systems.
   *
   * @throws IOException when the attachment cannot be read (the report was removed since the alert
   *     was composed)
   */
  static Email toEmail(Alert alert) throws IOException {
    EmailPopulatingBuilder builder =
        EmailBuilder.startingBlank()
            .from(alert.from())
            .toMultiple(alert.to())
            .withSubject(alert.subject())
            .withPlainText(alert.text())
            .withHTMLText(alert.html())
            .fixingMessageId(alert.messageId());
    if (alert.attachment() != null) {
      builder.withAttachment(
          alert.attachment().getFileName().toString(),
          Files.readAllBytes(alert.attachment()),
          XLSX_MIME_TYPE);
    }
    return builder.buildEmail();
  }
}
