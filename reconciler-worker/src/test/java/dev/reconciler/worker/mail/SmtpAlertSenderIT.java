package dev.reconciler.worker.mail;

import static dev.reconciler.worker.mail.Alerts.aDiscrepancyAlert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.reconciler.core.alert.Alert;
import dev.reconciler.core.alert.AlertComposer;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SmtpAlertSenderIT {
  /** Loopback by address, on a free port, so parallel builds on this machine do not collide. */
  @RegisterExtension
  static GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.createCopy("127.0.0.1").dynamicPort());

  private static final Duration SHORT = Duration.ofSeconds(3);

  @TempDir Path dir;

  private static Settings.Email smtpAt(int port) {
    return SettingsLoader.load(
            null,
            Map.of(
                "RECONCILER_EMAIL_HOST", "127.0.0.1",
                "RECONCILER_EMAIL_PORT", String.valueOf(port),
                "RECONCILER_EMAIL_TLS", "none",
                "RECONCILER_EMAIL_FROM", "reconciler@example.com",
                "RECONCILER_EMAIL_TO", "ops@example.com, cfo@example.com"))
        .email();
  }

  private static SmtpAlertSender sender() {
    return new SmtpAlertSender(smtpAt(greenMail.getSmtp().getPort()), SHORT);
  }

  @Test
  void greenMailListensOnLoopbackByAddress() {
    assertThat(greenMail.getSmtp().getServerSetup().getBindAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void deliversSubjectBothBodiesAndTheFixedMessageIdToEveryRecipient() throws Exception {
    Alert alert = aDiscrepancyAlert(null);

    try (SmtpAlertSender sender = sender()) {
      sender.send(alert);
    }

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(2); // one copy per recipient mailbox
    MimeMessage message = received[0];
    assertThat(message.getSubject()).isEqualTo(alert.subject());
    assertThat(message.getHeader("Message-ID")).containsExactly(alert.messageId());
    assertThat(message.getMessageID())
        .isEqualTo("<run-2026-11-24-task-7.discrepancies@reconciler>");
    assertThat(message.getRecipients(Message.RecipientType.TO))
        .extracting(Object::toString)
        .containsExactly("ops@example.com", "cfo@example.com");
    assertThat(message.getFrom())
        .extracting(Object::toString)
        .containsExactly("reconciler@example.com");
    List<Part> parts = leaves(message);
    assertThat(parts).anySatisfy(p -> assertText(p, "text/plain", "found 123 discrepancies"));
    assertThat(parts).anySatisfy(p -> assertText(p, "text/html", "<b>123</b>"));
  }

  @Test
  void acceptsTheShippedLocalhostAddresses() throws Exception {
    Settings.Email defaults =
        SettingsLoader.load(
                null,
                Map.of(
                    "RECONCILER_EMAIL_HOST", "127.0.0.1",
                    "RECONCILER_EMAIL_PORT", String.valueOf(greenMail.getSmtp().getPort()),
                    "RECONCILER_EMAIL_TLS", "none"))
            .email();
    Alert alert = new AlertComposer(defaults, dir).failure("run-1", null, "boom", null, null);

    try (SmtpAlertSender sender = new SmtpAlertSender(defaults, SHORT)) {
      sender.send(alert);
    }

    assertThat(greenMail.getReceivedMessages())
        .singleElement()
        .satisfies(
            m ->
                assertThat(m.getAllRecipients())
                    .extracting(Object::toString)
                    .containsExactly("finance-ops@localhost"));
  }

  @Test
  void aReceivedMessageNeverCarriesAHeaderInjectedThroughRunIdOrSubject() throws Exception {
    try (SmtpAlertSender sender = sender()) {
      sender.send(Alerts.anAlertWithInjectedHeaders());
    }

    MimeMessage message = greenMail.getReceivedMessages()[0];
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
    assertThat(message.getHeader("Bcc")).isNull();
    assertThat(message.getMessageID()).doesNotContain("\r", "\n").endsWith(".failure@reconciler>");
    assertThat(message.getSubject()).doesNotContain("\r", "\n").contains("FAILED");
    assertThat(java.util.Collections.list(message.getAllHeaderLines()))
        .noneMatch(line -> line.regionMatches(true, 0, "Bcc:", 0, 4));
  }

  @Test
  void attachesTheWorkbookWithItsNameAndSpreadsheetType() throws Exception {
    byte[] workbook = {'P', 'K', 3, 4, 1, 2, 3};
    Path report = Files.write(dir.resolve("reconciliation-2026-11-24.xlsx"), workbook);

    try (SmtpAlertSender sender = sender()) {
      sender.send(aDiscrepancyAlert(report));
    }

    List<Part> parts = leaves(greenMail.getReceivedMessages()[0]);
    assertThat(parts)
        .filteredOn(p -> Part.ATTACHMENT.equalsIgnoreCase(disposition(p)))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getFileName()).isEqualTo("reconciliation-2026-11-24.xlsx");
              assertThat(p.getContentType()).startsWith(AlertEmails.XLSX_MIME_TYPE);
              assertThat(p.getInputStream().readAllBytes()).isEqualTo(workbook);
            });
  }

  @Test
  void sendingTwiceCarriesTheSameMessageIdBothTimes() throws Exception {
    Alert alert = aDiscrepancyAlert(null);

    try (SmtpAlertSender sender = sender()) {
      sender.send(alert);
      sender.send(alert);
    }

    assertThat(greenMail.getReceivedMessages())
        .hasSize(4)
        .allSatisfy(m -> assertThat(m.getMessageID()).isEqualTo(alert.messageId()));
  }

  @Test
  void throwsWhenTheServerIsDownSoTheTaskCanRetry() throws Exception {
    int port = greenMail.getSmtp().getPort();
    greenMail.stop();

    long start = System.nanoTime();
    try (SmtpAlertSender sender = new SmtpAlertSender(smtpAt(port), SHORT)) {
      assertThatThrownBy(() -> sender.send(aDiscrepancyAlert(null)))
          .hasRootCauseInstanceOf(ConnectException.class);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void throwsWhenNothingListensOnThePort() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    try (SmtpAlertSender sender = new SmtpAlertSender(smtpAt(port), SHORT)) {
      assertThatThrownBy(() -> sender.send(aDiscrepancyAlert(null)))
          .hasRootCauseInstanceOf(ConnectException.class)
          .hasStackTraceContaining("127.0.0.1");
    }
  }

  @Test
  void throwsWhenTheAttachmentHasGoneSinceComposing() throws Exception {
    try (SmtpAlertSender sender = sender()) {
      assertThatThrownBy(() -> sender.send(aDiscrepancyAlert(dir.resolve("gone.xlsx"))))
          .isInstanceOf(IOException.class);
    }
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  private static void assertText(Part part, String type, String expected) throws Exception {
    assertThat(part.isMimeType(type)).isTrue();
    assertThat(disposition(part)).isNotEqualToIgnoringCase(Part.ATTACHMENT);
    assertThat(GreenMailUtil.getBody(part).replace("=\r\n", "")).contains(expected);
  }

  private static String disposition(Part part) {
    try {
      return String.valueOf(part.getDisposition());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every non-multipart part of the message, depth first. */
  private static List<Part> leaves(Part part) throws Exception {
    List<Part> leaves = new ArrayList<>();
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        leaves.addAll(leaves(child));
      }
    } else {
      leaves.add(part);
    }
    return leaves;
  }
}
