package dev.reconciler.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.reconciler.core.alert.AlertKind;
import dev.reconciler.core.generate.ExportTruth;
import dev.reconciler.core.generate.FeeCard;
import dev.reconciler.core.generate.GroundTruth;
import dev.reconciler.core.imports.ImportFormat;
import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.task.ImportArgs;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.worker.jobs.ReconcileJob;
import dev.reconciler.worker.queue.LoopbackPorts;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9 end to end through the queue: a generated processor export is imported by a queued {@code
 * import} task, the day is reconciled by a queued {@code reconcile} task on the same worker, and
 * the alert an SMTP server receives and the run record count every kind, the settlement kinds
 * included, as the generator's ground truth says; on SQLite and on PostgreSQL ({@link
 * FlowDatabase}), where the import task writes and the settlement rules read [database] url.
 */
class ImportReconcileFlowIT {
  private static final Duration LONG = Duration.ofSeconds(90);
  private static final int TRANSACTIONS = 2_000;

  @TempDir Path dir;
  private WorkerHarness harness;
  private GreenMail smtp;

  @AfterEach
  void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  /** An SMTP server, and a harness with {@code env} whose alerts go to it. */
  private void startWithSmtp(Map<String, String> env) throws Exception {
    smtp =
        new GreenMail(
            new ServerSetup(LoopbackPorts.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Map<String, String> withMail = new java.util.HashMap<>(env);
    withMail.put("RECONCILER_EMAIL_HOST", "127.0.0.1");
    withMail.put("RECONCILER_EMAIL_PORT", String.valueOf(smtp.getSmtp().getPort()));
    withMail.put("RECONCILER_EMAIL_TLS", "none");
    withMail.put("RECONCILER_EMAIL_TO", "cfo@example.com");
    harness = new WorkerHarness(dir, withMail);
  }

  static Stream<Arguments> cases() {
    return Stream.of(FlowDatabase.values())
        .flatMap(
            database ->
                Stream.of(ImportFormat.STRIPE, ImportFormat.ADYEN, ImportFormat.PAYPAL)
                    .map(format -> Arguments.of(database, format)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void aQueuedImportThenReconcileAlertsWithTheSettlementKindsTheTruthHolds(
      FlowDatabase database, ImportFormat format) throws Exception {
    // The generator's card, so its off-card fees are found (tolerance stays 0.01).
    startWithSmtp(
        database.env(pg, Map.of("RECONCILER_FEES_RATE_CARD", FeeCard.defaults().spelling())));
    GroundTruth truth = harness.generateExport(format, TRANSACTIONS);
    ExportTruth export = truth.export();
    assertThat(export.rateCard()).isEqualTo(FeeCard.defaults().spelling());
    harness.startWorker();

    // Both on the reconcile queue, one worker: the import runs first, the reconcile after it.
    String importId =
        harness.client.send(
            ImportArgs.TASK,
            new ImportArgs(format, harness.exportFile(format).toString(), null).toList());
    String reconcileId =
        harness.client.send(
            ReconcileArgs.TASK, new ReconcileArgs(WorkerHarness.DAY, null, null).toList());
    Map<String, String> imported = harness.awaitState(importId, "SUCCESS", LONG);
    harness.awaitState(reconcileId, "SUCCESS", LONG);
    String runId = RunIds.forTask(WorkerHarness.DAY, reconcileId);
    harness.awaitState(ReconcileJob.alertTaskId(runId, AlertKind.DISCREPANCIES), "SUCCESS", LONG);

    long rows = export.importCounts().values().stream().mapToLong(Long::longValue).sum();
    // The counts, then the days of the file's rows: the day reconciled first.
    assertThat(imported.get("result"))
        .startsWith(
            String.format(
                Locale.ROOT,
                "%s file %s: %,d rows imported, 0 already present, 0 rejected; rows of day",
                format.id(),
                export.file(),
                rows))
        .containsPattern(" " + WorkerHarness.DAY + "( to \\S+)? in UTC$");

    Map<DiscrepancyKind, Long> expected = expectedCounts(truth);
    assertThat(expected)
        .as("the generated file holds every settlement kind")
        .allSatisfy(
            (kind, n) -> {
              if (kind.fromSettlement()) {
                assertThat(n).as(kind.label()).isPositive();
              }
            });
    long total = expected.values().stream().mapToLong(Long::longValue).sum();

    RunRecord run = harness.runs().find(runId);
    assertThat(run.status()).isEqualTo("SUCCESS");
    database.assertKeptEverything(harness);
    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      assertThat(run.counts().get(kind.id())).as(kind.id()).isEqualTo(expected.get(kind));
    }

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject()).contains(total + " discrepancies");
    String body = Emails.plainText(received[0]);
    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      assertThat(body)
          .as(kind.label())
          .containsPattern(
              Pattern.quote(kind.label()) + "\\s*\\|\\s*" + expected.get(kind) + "\\s");
    }
  }

  /**
   * The day's export never imported (only the day before's file): the queued reconcile reads no
   * processor rows, its sales wait in transit, and the alert still goes out, saying first that the
   * day's processor file looks not imported.
   */
  @Test
  void aReconcileOfADayWhoseFileWasNotImportedAlertsThatItReadNoProcessorRows() throws Exception {
    startWithSmtp(Map.of());
    harness.generateExport(ImportFormat.STRIPE, 200);
    Path yesterday = dir.resolve("yesterday.csv");
    Files.writeString(
        yesterday,
        "id,type,amount,fee,currency,created_at,transaction_id\n"
            + "ch_0,payment,10.00,0.30,USD,"
            + WorkerHarness.DAY.minusDays(1)
            + "T10:00:00Z,T-0\n");
    harness.startWorker();

    String importId =
        harness.client.send(
            ImportArgs.TASK, new ImportArgs(ImportFormat.CSV, yesterday.toString(), null).toList());
    String reconcileId =
        harness.client.send(
            ReconcileArgs.TASK, new ReconcileArgs(WorkerHarness.DAY, null, null).toList());
    harness.awaitState(importId, "SUCCESS", LONG);
    harness.awaitState(reconcileId, "SUCCESS", LONG);
    String runId = RunIds.forTask(WorkerHarness.DAY, reconcileId);
    harness.awaitState(ReconcileJob.alertTaskId(runId, AlertKind.DISCREPANCIES), "SUCCESS", LONG);

    RunRecord run = harness.runs().find(runId);
    assertThat(run.counts().get("processor_rows")).isZero();
    assertThat(run.counts().get("sales_rows")).isPositive();
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject()).contains(WorkerHarness.DAY + ": no processor rows, ");
    assertThat(Emails.plainText(received[0]))
        .contains("No processor rows were read for " + WorkerHarness.DAY);
  }

  /**
   * Per kind, the findings the truth lists; for payouts (no per-transaction finding) the payouts
   * whose status is not ok. Every kind the export cannot carry is zero.
   */
  private static Map<DiscrepancyKind, Long> expectedCounts(GroundTruth truth) {
    Map<DiscrepancyKind, Long> counts = new EnumMap<>(DiscrepancyKind.class);
    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      counts.put(kind, truth.count(kind));
    }
    counts.put(
        DiscrepancyKind.PAYOUT,
        truth.export().payouts().stream().filter(p -> !"ok".equals(p.status())).count());
    return counts;
  }
}
