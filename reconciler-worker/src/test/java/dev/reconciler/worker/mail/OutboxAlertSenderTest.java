package dev.reconciler.worker.mail;

import static dev.reconciler.worker.mail.Alerts.aDiscrepancyAlert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.alert.Alert;
import dev.reconciler.core.alert.AlertKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxAlertSenderTest {
  @TempDir Path dir;

  private List<Path> outboxFiles(Path outbox) throws IOException {
    try (Stream<Path> files = Files.list(outbox)) {
      return files.toList();
    }
  }

  @Test
  void writesOneEmlNamedAfterRunAndKindWithSubjectAndMessageId() throws Exception {
    Path outbox = dir.resolve("outbox");
    Alert alert = aDiscrepancyAlert(null);

    new OutboxAlertSender(outbox).send(alert);

    assertThat(outboxFiles(outbox))
        .containsExactly(outbox.resolve("run-2026-11-24-task-7.discrepancies.eml"));
    String eml = Files.readString(outbox.resolve("run-2026-11-24-task-7.discrepancies.eml"));
    assertThat(eml)
        .contains("Subject: " + alert.subject())
        .containsPattern("(?i)Message-ID: " + java.util.regex.Pattern.quote(alert.messageId()));
  }

  @Test
  void sendingTheSameAlertTwiceReplacesItsFile() throws Exception {
    OutboxAlertSender sender = new OutboxAlertSender(dir);

    sender.send(aDiscrepancyAlert(null));
    sender.send(aDiscrepancyAlert(null));

    assertThat(outboxFiles(dir)).hasSize(1);
  }

  @Test
  void includesTheAttachment() throws Exception {
    Path report = Files.write(dir.resolve("report.xlsx"), new byte[] {'P', 'K'});
    Path outbox = dir.resolve("outbox");

    new OutboxAlertSender(outbox).send(aDiscrepancyAlert(report));

    assertThat(Files.readString(outboxFiles(outbox).get(0)))
        .contains("report.xlsx", AlertEmails.XLSX_MIME_TYPE);
  }

  @Test
  void anEmlNeverCarriesAHeaderLineInjectedThroughRunIdOrSubject() throws Exception {
    new OutboxAlertSender(dir).send(Alerts.anAlertWithInjectedHeaders());

    String eml = Files.readString(outboxFiles(dir).get(0));
    String headers = eml.substring(0, eml.indexOf("\r\n\r\n"));
    assertThat(headers.lines().filter(line -> !line.startsWith(" ") && !line.startsWith("\t")))
        .extracting(line -> line.substring(0, line.indexOf(':')))
        .containsExactlyInAnyOrder(
            "Date", "From", "To", "Message-ID", "Subject", "MIME-Version", "Content-Type");
    assertThat(headers)
        .containsPattern(
            "(?m)^Message-ID: <run-y\\+000d\\+000aBcc\\+003a\\+0020evil\\+0040attacker.example"
                + ".failure@reconciler>$")
        .containsPattern("(?m)^Subject: \\[Reconciler\\] FAILED Bcc: evil2@attacker.example$");
  }

  @Test
  void sanitisesTheFileName() {
    Alert hostile =
        new Alert(
            "../../etc/run 1",
            AlertKind.FAILURE,
            List.of("a@example.com"),
            "b@example.com",
            "s",
            "t",
            "h",
            "<x@reconciler>",
            null);

    assertThat(OutboxAlertSender.fileName(hostile))
        .isEqualTo("..+002f..+002fetc+002frun+00201.failure.eml");
  }
}
