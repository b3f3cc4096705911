package dev.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.generate.GroundTruth;
import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.testing.WaitBound;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * 'reconciler demo' in a fresh directory with built-in defaults: it runs the whole story, a Stripe
 * export imported before the reconcile included.
 */
@WaitBound
class DemoIT {
  @RegisterExtension final ChildJvms children = new ChildJvms();

  @TempDir Path dir;

  @Test
  void demoPrintsReportAndAlertPathsThatExist() throws Exception {
    ChildJvms.Child demo =
        children.start("demo", dir, dir.resolve("tmp"), Map.of(), "demo", "-n", "2000");

    assertThat(demo.process().waitFor(90, TimeUnit.SECONDS)).as("finished within 90 s").isTrue();
    assertThat(demo.process().exitValue()).isZero();
    List<String> lines = demo.stdoutText().lines().toList();
    assertThat(pathAfter(lines, "Report: ")).isRegularFile().hasExtension("xlsx");
    Path alert = pathAfter(lines, "Alert: ");
    assertThat(alert).isRegularFile().hasExtension("eml");

    // What the generator put in the export is what the import, the Summary and the alert show.
    GroundTruth truth = GroundTruth.read(dir.resolve("data/reconciler.truth.json"));
    assertThat(truth.export().format()).isEqualTo("stripe");
    long rows = truth.export().importCounts().values().stream().mapToLong(Long::longValue).sum();
    assertThat(stateBlock(lines, "import "))
        .containsEntry("state", "SUCCESS")
        .hasEntrySatisfying(
            "result",
            result ->
                assertThat(result)
                    .startsWith(
                        String.format(
                            Locale.ROOT,
                            "stripe file stripe-export.csv: %,d rows imported, 0 already present,"
                                + " 0 rejected; rows of day",
                            rows)));
    assertThat(stateBlock(lines, "reconcile ")).containsEntry("state", "SUCCESS");
    String eml = plainText(alert);
    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      long generated =
          kind == DiscrepancyKind.PAYOUT
              ? truth.export().sheetIds().get(kind.id()).size()
              : truth.count(kind);
      boolean missing =
          kind == DiscrepancyKind.MISSING_IN_PROCESSOR || kind == DiscrepancyKind.MISSING_IN_SALES;
      if (missing) {
        assertThat(generated).as(kind.label() + " in the generated day").isPositive();
      }
      // The default 3-day settlement window: on the ledger's first day an unmatched row is in
      // transit, not missing yet.
      long expected = missing ? 0 : generated;
      if (kind.fromSettlement()) {
        assertThat(expected).as(kind.label() + " in the generated export").isPositive();
      }
      assertThat(lines)
          .as(kind.label() + " on the Summary")
          .anyMatch(
              l ->
                  l.matches(
                      "\\s+"
                          + Pattern.quote(kind.label().toLowerCase(Locale.ROOT))
                          + "\\s+"
                          + expected
                          + "(\\s.*)?"));
      assertThat(eml)
          .as(kind.label() + " in the alert")
          .containsPattern(Pattern.quote(kind.label()) + "\\s*\\|\\s*" + expected + "\\s");
    }
    long inTransit =
        truth.count(DiscrepancyKind.MISSING_IN_PROCESSOR)
            + truth.count(DiscrepancyKind.MISSING_IN_SALES);
    assertThat(lines)
        .as("the day's unmatched rows in transit")
        .anyMatch(l -> l.matches("\\s+in transit\\s+" + inTransit));
  }

  @Test
  void demoWithDiscrepancyAlertsTurnedOffFinishesWithoutWaitingForOne() throws Exception {
    ChildJvms.Child demo =
        children.start(
            "demo",
            dir,
            dir.resolve("tmp"),
            Map.of("RECONCILER_EMAIL_DISCREPANCY_THRESHOLD", "0"),
            "demo",
            "-n",
            "200");

    assertThat(demo.process().waitFor(90, TimeUnit.SECONDS)).as("finished within 90 s").isTrue();
    assertThat(demo.process().exitValue()).as(demo.output()).isZero();
    List<String> lines = demo.stdoutText().lines().toList();
    assertThat(stateBlock(lines, "reconcile ")).containsEntry("state", "SUCCESS");
    assertThat(lines).noneMatch(l -> l.startsWith("send_alert "));
    assertThat(lines)
        .contains("Alert:  none ([email] discrepancy_threshold = 0: discrepancy alerts are off)");
    assertThat(dir.resolve("data/outbox")).doesNotExist();
  }

  /** The decoded text/plain part of an .eml file, as a mail client shows it. */
  private static String plainText(Path eml) throws Exception {
    try (InputStream in = Files.newInputStream(eml)) {
      Object content = new MimeMessage(Session.getInstance(new Properties()), in).getContent();
      while (content instanceof Multipart multipart) {
        content = multipart.getBodyPart(0).getContent();
      }
      return (String) content;
    }
  }

  /** The "key value" lines of the task state printed after the line starting with {@code title}. */
  private static Map<String, String> stateBlock(List<String> lines, String title) {
    int start = -1;
    for (int i = 0; i < lines.size() && start < 0; i++) {
      if (lines.get(i).startsWith(title) && !lines.get(i).startsWith("Enqueued")) {
        start = i + 1;
      }
    }
    assertThat(start).as("a line starting with '" + title + "' in " + lines).isPositive();
    Map<String, String> state = new HashMap<>();
    for (int i = start;
        i < lines.size()
            && lines.get(i).matches("[a-z_]+ +\\S.*")
            && !lines.get(i).matches("(import|reconcile|send_alert) [0-9a-f-]{36}");
        i++) {
      String[] kv = lines.get(i).split(" +", 2);
      state.put(kv[0], kv[1]);
    }
    return state;
  }

  /** The path printed on the line starting with {@code label}, relative to the demo's directory. */
  private Path pathAfter(List<String> lines, String label) {
    String line =
        lines.stream()
            .filter(l -> l.startsWith(label))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no line starting with '" + label + "' in " + lines));
    return dir.resolve(line.substring(label.length()).strip());
  }
}
