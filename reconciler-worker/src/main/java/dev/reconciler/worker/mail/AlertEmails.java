package dev.reconciler.worker.mail;

import dev.reconciler.core.alert.Alert;
import dev.reconciler.core.reconcile.RunIds;
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
   * The alert's Message-ID as sent: {@code <left@right>}, each half a {@link #safeName}, so it is
   * one safe header value, stays the same for every send of the alert, and no two alerts share it.
   */
  static String messageId(Alert alert) {
    String id = alert.messageId();
    if (id.startsWith("<") && id.endsWith(">")) {
      id = id.substring(1, id.length() - 1);
    }
    int at = id.lastIndexOf('@');
    String left = at < 0 ? id : id.substring(0, at);
    String right = at < 0 ? "reconciler" : id.substring(at + 1);
    return "<" + safeName(left) + "@" + safeName(right) + ">";
  }

  /**
   * {@code text} with every character a run id may not hold written as '+' and its four hex digits.
   * A run id is kept as it is; anything else (line breaks, spaces, '@', '/', ':') is escaped rather
   * than replaced, so two different texts never give the same name: a replacement would let a
   * hostile id take over another run's Message-ID or outbox file. The result holds only RFC 5322
   * atext and '.', and is a file name on every common file system.
   */
  static String safeName(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (RunIds.isTaskIdChar(c)) {
        out.append(c);
      } else {
        out.append('+').append(String.format("%04x", (int) c));
      }
    }
    return out.toString();
  }

  /** A header's text on one line: each run of control characters becomes one space. */
  static String headerText(String text) {
    return LINE_BREAKS_AND_CONTROLS.matcher(text).replaceAll(" ");
  }
}
