package dev.reconciler.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reconciler.core.alert.AlertKind;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.SqliteRunStore;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.store.SqliteFiles;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.core.task.SendAlertArgs;
import dev.reconciler.core.testing.WaitBound;
import dev.reconciler.worker.jobs.ReconcileJob;
import dev.reconciler.worker.mail.AlertSenders;
import dev.reconciler.worker.queue.AlertClaims;
import dev.reconciler.worker.task.TaskEnvelope;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.params.SetParams;

/**
 * Alerts and task arguments against hostile or broken input, through the real jobs on a real Redis
 * and real SQLite files; alerts land in the outbox (no SMTP host), read back as .eml files. The
 * cases about a hostile run record run on PostgreSQL too; the rest stay on SQLite, being about the
 * input file itself (not SQLite, read-only), a SQLite file a payload names, or no database at all.
 */
@WaitBound
class AlertSafetyIT {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  private static final Duration LONG = Duration.ofSeconds(30);
  private static final String DAY = WorkerHarness.DAY.toString();

  @TempDir Path dir;
  @TempDir Path elsewhere;
  private WorkerHarness harness;

  @AfterEach
  void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  private WorkerHarness harness() throws Exception {
    return harness(FlowDatabase.SQLITE);
  }

  /** Tasks fail for good at once, so a test sees the final state without waiting out backoffs. */
  private WorkerHarness harness(FlowDatabase database) throws Exception {
    harness =
        new WorkerHarness(
            dir,
            database.env(
                pg,
                Map.of(
                    "RECONCILER_TASKS_RECONCILE_MAX_RETRIES", "0",
                    "RECONCILER_TASKS_SEND_ALERT_MAX_RETRIES", "1",
                    "RECONCILER_TASKS_SEND_ALERT_BACKOFF_BASE_SECONDS", "1",
                    "RECONCILER_TASKS_SEND_ALERT_BACKOFF_MAX_SECONDS", "1")));
    return harness;
  }

  private Path outboxFile(String runId, AlertKind kind) {
    return AlertSenders.outboxFile(harness.settings, runId, kind);
  }

  /** The text of the alert of a run and kind in the outbox, as a mail client shows it. */
  private String eml(String runId, AlertKind kind) throws Exception {
    return Emails.plainText(Emails.parse(outboxFile(runId, kind)));
  }

  private List<Path> outbox() throws Exception {
    Path outbox = harness.settings.paths().outboxDir();
    if (!Files.isDirectory(outbox)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(outbox)) {
      return files.toList();
    }
  }

  /** Reconciles the day and waits for the failure alert that must follow its failure. */
  private String failedReconcileAlert() throws Exception {
    String taskId =
        harness.client.send(
            ReconcileArgs.TASK, new ReconcileArgs(WorkerHarness.DAY, null, null).toList());
    harness.awaitState(taskId, "FAILURE", LONG);
    String runId = RunIds.forTask(WorkerHarness.DAY, taskId);
    harness.awaitState(ReconcileJob.alertTaskId(runId, AlertKind.FAILURE), "SUCCESS", LONG);
    assertThat(Emails.parse(outboxFile(runId, AlertKind.FAILURE)).getSubject())
        .contains("FAILED " + DAY);
    String text = eml(runId, AlertKind.FAILURE);
    assertThat(text).contains("failed", taskId);
    return text;
  }

  @Test
  void theFailureAlertArrivesWhenTheInputIsNotSqlite() throws Exception {
    harness();
    Files.writeString(harness.settings.paths().database(), "id,amount\n1,2\n".repeat(200));
    harness.startWorker();

    failedReconcileAlert();

    assertThat(Files.readString(harness.settings.paths().database())).startsWith("id,amount");
  }

  /**
   * A sender killed mid-send leaves its claim on the alert until the claim lapses (twice the task's
   * time limit): the alert waits for that without spending its retries, which could run out first
   * (here one retry, a second apart) and lose it into the failed list, and goes out once.
   */
  @Test
  void anAlertADeadSenderStillClaimsWaitsForTheClaimToLapseWithoutSpendingItsRetries()
      throws Exception {
    harness();
    Files.writeString(harness.settings.paths().database(), "not a database\n");
    harness.startWorker();
    TaskEnvelope reconcile =
        TaskEnvelope.create(
            ReconcileArgs.TASK,
            new ReconcileArgs(WorkerHarness.DAY, null, null).toList(),
            System.currentTimeMillis());
    String runId = RunIds.forTask(WorkerHarness.DAY, reconcile.taskId());
    harness.redis.with(
        j ->
            j.set(
                AlertClaims.key(runId, AlertKind.FAILURE.id()),
                "sending",
                SetParams.setParams().px(3_000)));

    harness.client.send(reconcile, null, null);

    String alert = ReconcileJob.alertTaskId(runId, AlertKind.FAILURE);
    assertThat(harness.awaitState(alert, "SUCCESS", LONG)).containsEntry("attempt", "0");
    assertThat(outbox()).containsExactly(outboxFile(runId, AlertKind.FAILURE));
  }

  /**
   * A deferral is the same attempt waiting for another holder: its state shows the attempt it is at
   * (it showed -1), and the metrics do not count it as a retry.
   */
  @Test
  void aDeferredAlertShowsTheAttemptItIsAtAndCountsAsNoRetry() throws Exception {
    harness().startWorker();
    String runId = RunIds.forTask(WorkerHarness.DAY, UUID.randomUUID().toString());
    harness.redis.with(
        j ->
            j.set(
                AlertClaims.key(runId, AlertKind.FAILURE.id()),
                "sending",
                SetParams.setParams().px(60_000)));
    TaskEnvelope alert =
        TaskEnvelope.create(
            SendAlertArgs.TASK,
            new SendAlertArgs(
                    runId,
                    AlertKind.FAILURE,
                    WorkerHarness.DAY,
                    harness.settings.paths().database().toString(),
                    "boom",
                    UUID.randomUUID().toString())
                .toList(),
            System.currentTimeMillis());

    harness.client.send(alert, null, null);

    assertThat(harness.awaitState(alert.taskId(), "RETRY", LONG)).containsEntry("attempt", "0");
    assertThat(harness.queue.attempts(alert.taskId()))
        .singleElement()
        .satisfies(a -> assertThat(a.attempt()).isZero());
    // A ping run after it flushes the worker's counts, the deferral's with them if it had any.
    harness.awaitState(harness.client.send("ping", List.of()), "SUCCESS", LONG);
    await()
        .atMost(LONG)
        .until(() -> harness.redis.with(j -> j.hget("reconciler:stats:ping", "succeeded")) != null);
    String retried = harness.redis.with(j -> j.hget("reconciler:stats:send_alert", "retried"));
    assertThat(retried).isNull();
  }

  @Test
  void theFailureAlertArrivesWhenTheInputIsReadOnlyAndCreatesNoTable() throws Exception {
    harness().generate(200);
    SqliteFiles.readOnly(harness.settings.paths().database());
    harness.startWorker();

    failedReconcileAlert();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(FlowDatabase.class)
  void theFailureAlertArrivesWhenTheRunRecordIsMalformedAndSaysSo(FlowDatabase database)
      throws Exception {
    harness(database).generate(200);
    harness.startWorker();
    String taskId = UUID.randomUUID().toString();
    String runId = RunIds.forTask(WorkerHarness.DAY, taskId);
    harness.runs().save(RunRecord.running(runId, WorkerHarness.DAY, Instant.now()));
    database.exec(
        harness,
        "UPDATE reconciliation_runs SET started_at = 'garbage' WHERE run_id = '" + runId + "'");

    String alert =
        harness.client.send(
            SendAlertArgs.TASK, Arrays.asList(runId, "failure", DAY, null, "boom", taskId));

    harness.awaitState(alert, "SUCCESS", LONG);
    assertThat(eml(runId, AlertKind.FAILURE))
        .contains("boom")
        .contains("could not be read in full: unreadable started_at 'garbage'");
  }

  @Test
  void aRunIdCarryingAHeaderLineIsRefusedAtOnceAndNothingIsSent() throws Exception {
    harness().startWorker();

    String alert =
        harness.client.send(
            SendAlertArgs.TASK,
            Arrays.asList(
                "run-y\r\nBcc: evil@attacker.example", "failure", DAY, null, "boom", null));

    Map<String, String> state = harness.awaitState(alert, "FAILURE", LONG);
    assertThat(state)
        .containsEntry("attempt", "0")
        .containsEntry("error_type", "dev.reconciler.core.task.BadArguments");
    assertThat(state.get("error")).contains("run id").doesNotContain("\r", "\n");
    assertThat(outbox()).isEmpty();
  }

  @Test
  void aReconcilePayloadNamingADatabaseOutsideTheRootsIsRefusedAtOnce() throws Exception {
    harness().generate(200);
    Path outside = Files.copy(harness.settings.paths().database(), elsewhere.resolve("in.db"));
    harness.startWorker();

    String taskId =
        harness.client.send(
            ReconcileArgs.TASK,
            new ReconcileArgs(WorkerHarness.DAY, outside.toString(), null).toList());

    Map<String, String> state = harness.awaitState(taskId, "FAILURE", LONG);
    assertThat(state)
        .containsEntry("attempt", "0")
        .containsEntry("error_type", "dev.reconciler.core.task.BadArguments");
    assertThat(state.get("error")).contains(outside.toString(), "allowed_roots");
    assertThat(SqliteRunStore.inDatabase(outside, 1000).recent(5)).isEmpty();
  }

  @Test
  void aReconcilePayloadNamingAReportDirOutsideTheRootsIsRefusedAtOnce() throws Exception {
    harness().generate(200);
    harness.startWorker();

    String taskId =
        harness.client.send(
            ReconcileArgs.TASK,
            new ReconcileArgs(WorkerHarness.DAY, null, elsewhere.toString()).toList());

    Map<String, String> state = harness.awaitState(taskId, "FAILURE", LONG);
    assertThat(state).containsEntry("error_type", "dev.reconciler.core.task.BadArguments");
    assertThat(state.get("error")).contains("report dir", elsewhere.toString());
    try (Stream<Path> files = Files.list(elsewhere)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void anAlertPayloadNamingADatabaseOutsideTheRootsIsRefusedAtOnce() throws Exception {
    harness().startWorker();
    Path outside = elsewhere.resolve("in.db");

    String alert =
        harness.client.send(
            SendAlertArgs.TASK,
            Arrays.asList("run-" + DAY + "-t1", "failure", DAY, outside.toString(), "boom", "t1"));

    Map<String, String> state = harness.awaitState(alert, "FAILURE", LONG);
    assertThat(state).containsEntry("error_type", "dev.reconciler.core.task.BadArguments");
    assertThat(state.get("error")).contains(outside.toString());
    assertThat(outbox()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(FlowDatabase.class)
  void aRunRecordNamingAFileOutsideTheReportDirGetsNoAttachment(FlowDatabase database)
      throws Exception {
    harness(database).generate(200);
    Path config = Files.writeString(dir.resolve("config.ini"), "[email]\npassword = s3cret\n");
    String runId = "run-" + DAY + "-crafted";
    saveRunWithThreeMismatches(runId, Instant.now(), config);
    harness.startWorker();

    String alert =
        harness.client.send(
            SendAlertArgs.TASK, Arrays.asList(runId, "discrepancies", DAY, null, null, null));

    harness.awaitState(alert, "SUCCESS", LONG);
    String eml = eml(runId, AlertKind.DISCREPANCIES);
    assertThat(eml).contains("3 discrepancies", "not attached").doesNotContain("s3cret");
    assertThat(Emails.attachmentNames(Emails.parse(outboxFile(runId, AlertKind.DISCREPANCIES))))
        .isEmpty();
  }

  /**
   * [report] store = files: every run of a date writes the same file. A rerun of the date while an
   * earlier run's alert waited (SMTP down, retries) made the file the rerun's workbook: the earlier
   * run's alert attaches nothing, and says which run wrote it.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(FlowDatabase.class)
  void anAlertAttachesNoWorkbookALaterRunOfTheDateWroteOverItsRunsFile(FlowDatabase database)
      throws Exception {
    harness(database).generate(200);
    Path reports = Files.createDirectories(harness.settings.paths().reportDir());
    Path report = Files.write(reports.resolve("reconciliation_" + DAY + ".xlsx"), new byte[100]);
    Instant started = Instant.now().minusSeconds(60);
    saveRunWithThreeMismatches("run-" + DAY + "-earlier", started, report);
    saveRunWithThreeMismatches("run-" + DAY + "-rerun", started.plusSeconds(10), report);
    harness.startWorker();

    String earlier = "run-" + DAY + "-earlier";
    String alert =
        harness.client.send(
            SendAlertArgs.TASK, Arrays.asList(earlier, "discrepancies", DAY, null, null, null));

    harness.awaitState(alert, "SUCCESS", LONG);
    assertThat(eml(earlier, AlertKind.DISCREPANCIES))
        .contains("Its report is gone: run run-" + DAY + "-rerun, a later run of the same date");
    assertThat(Emails.attachmentNames(Emails.parse(outboxFile(earlier, AlertKind.DISCREPANCIES))))
        .isEmpty();
  }

  /** A successful run of DAY, started at {@code at}, with three amount mismatches. */
  private void saveRunWithThreeMismatches(String runId, Instant at, Path reportPath) {
    harness
        .runs()
        .save(
            RunRecord.succeeded(
                runId,
                WorkerHarness.DAY,
                at,
                at,
                Map.of("amount_mismatch", 3L),
                Map.of("amount_mismatch", Map.of("USD", new BigDecimal("1.00"))),
                new BigDecimal("99"),
                reportPath.toString()));
  }
}
