package dev.reconciler.worker.mail;

import dev.reconciler.core.alert.Alert;
import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Pattern;
import org.simplejavamail.api.email.Email;
import org.simplejavamail.api.email.EmailPopulatingBuilder;
import org.simplejavamail.email.EmailBuilder;

/**
 * The one place an {@link Alert} becomes a Simple Java Mail {@link Email}, for every sender. Task
 * arguments are validated before an alert is composed; this is the second line: nothing that goes
 * into a header can carry a line break, whatever the composer was handed.
 */
final class AlertEmails {
  static final String XLSX_MIME_TYPE =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  /** Characters kept in each half of a Message-ID: RFC 5322 dot-atom text, minus the rarer ones. */
  private static final Pattern NOT_ID_LEFT = Pattern.compile("[^A-Za-z0-9._+-]");

  private static final Pattern NOT_ID_RIGHT = Pattern.compile("[^A-Za-z0-9.-]");
  private static final Pattern NOT_FILE_NAME = Pattern.compile("[^A-Za-z0-9._-]");
  private static final Pattern LINE_BREAKS_AND_CONTROLS =
      Pattern.compile("[\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029]+");

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
            .withSubject(headerText(alert.subject()))
            .withPlainText(alert.text())
            .withHTMLText(alert.html())
            .fixingMessageId(messageId(alert));
    if (alert.attachment() != null) {
      builder.withAttachment(
          NOT_FILE_NAME.matcher(alert.attachment().getFileName().toString()).replaceAll("_"),
          Files.readAllBytes(alert.attachment()),
          XLSX_MIME_TYPE);
    }
    return builder.buildEmail();
  }

  /**
   * The alert's Message-ID as sent: {@code <left@right>} with anything outside a plain dot-atom
   * (line breaks, spaces, brackets, a second '@') replaced by '_', so it is one safe header value
   * and stays the same for every send of the alert.
   */
  static String messageId(Alert alert) {
    String id = alert.messageId();
    if (id.startsWith("<") && id.endsWith(">")) {
      id = id.substring(1, id.length() - 1);
    }
    int at = id.lastIndexOf('@');
    String left = at < 0 ? id : id.substring(0, at);
    String right = at < 0 ? "reconciler" : id.substring(at + 1);
    return "<"
        + NOT_ID_LEFT.matcher(left).replaceAll("_")
        + "@"
        + NOT_ID_RIGHT.matcher(right).replaceAll("_")
        + ">";
  }

  /** A header's text on one line: each run of control characters becomes one space. */
  static String headerText(String text) {
    return LINE_BREAKS_AND_CONTROLS.matcher(text).replaceAll(" ");
  }
}
