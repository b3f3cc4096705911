package dev.reconciler.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.reconciler.core.alert.AlertKind;
import dev.reconciler.core.generate.GroundTruth;
import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.core.task.SendAlertArgs;
import dev.reconciler.core.testing.WaitBound;
import dev.reconciler.worker.jobs.ReconcileJob;
import dev.reconciler.worker.queue.BadPayload;
import dev.reconciler.worker.queue.FailureRecord;
import dev.reconciler.worker.queue.LoopbackPorts;
import dev.reconciler.worker.task.TaskEnvelope;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The task life cycle against a real Redis and a real SMTP server, with an in-process worker; a
 * reconcile and its alert on SQLite and on PostgreSQL.
 */
@WaitBound
class TaskFlowIT {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  private static final Duration LONG = Duration.ofSeconds(60);

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

  private static GreenMail startSmtp(int port) {
    GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    return mail;
  }

  private WorkerHarness harness(Map<String, String> overrides, int smtpPort) throws Exception {
    return harness(FlowDatabase.SQLITE, overrides, smtpPort);
  }

  private WorkerHarness harness(FlowDatabase database, Map<String, String> overrides, int smtpPort)
      throws Exception {
    Map<String, String> env = new HashMap<>(overrides);
    env.put("RECONCILER_EMAIL_HOST", "127.0.0.1");
    env.put("RECONCILER_EMAIL_PORT", String.valueOf(smtpPort));
    env.put("RECONCILER_EMAIL_TLS", "none");
    env.put("RECONCILER_EMAIL_TO", "cfo@example.com");
    return new WorkerHarness(dir, database.env(pg, env));
  }

  private String reconcile() {
    return harness.client.send(
        ReconcileArgs.TASK, new ReconcileArgs(WorkerHarness.DAY, null, null).toList());
  }

  private static String alertId(String taskId, AlertKind kind) {
    return ReconcileJob.alertTaskId(RunIds.forTask(WorkerHarness.DAY, taskId), kind);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(FlowDatabase.class)
  void reconcileRecordsTheRunWritesTheReportAndSendsExactlyOneEmail(FlowDatabase database)
      throws Exception {
    smtp = startSmtp(LoopbackPorts.free());
    harness = harness(database, Map.of(), smtp.getSmtp().getPort());
    GroundTruth truth = harness.generate(3000);
    harness.startWorker();

    String taskId = reconcile();
    Map<String, String> state = harness.awaitState(taskId, "SUCCESS", LONG);
    harness.awaitState(alertId(taskId, AlertKind.DISCREPANCIES), "SUCCESS", LONG);

    assertThat(state).containsEntry("attempt", "0").containsKey("finished_at");
    String runId = RunIds.forTask(WorkerHarness.DAY, taskId);
    RunRecord run = harness.runs().find(runId);
    assertThat(run.status()).isEqualTo("SUCCESS");
    assertThat(run.counts()).containsEntry("matched", truth.matched());
    assertThat(Path.of(run.reportPath())).isRegularFile();
    database.assertKeptEverything(harness);
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    long discrepancies = truth.discrepancies().size();
    assertThat(received[0].getSubject())
        .contains(WorkerHarness.DAY.toString())
        .contains(discrepancies + " discrepancies");
    assertThat(received[0].getMessageID()).contains(runId);
    String body = Emails.plainText(received[0]);
    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      assertThat(body)
          .as(kind.label())
          .containsPattern(
              java.util.regex.Pattern.quote(kind.label())
                  + "\\s*\\|\\s*"
                  + truth.count(kind)
                  + "\\s");
    }
    assertThat(body).contains(run.reportPath());

    // A second alert task for the same run and kind (a duplicate delivery) sends nothing.
    TaskEnvelope duplicate =
        TaskEnvelope.create(
            SendAlertArgs.TASK,
            new SendAlertArgs(
                    runId,
                    AlertKind.DISCREPANCIES,
                    WorkerHarness.DAY,
                    harness.settings.paths().database().toString(),
                    null,
                    taskId)
                .toList(),
            0);
    harness.queue.enqueue("alerts", duplicate);
    assertThat(harness.awaitState(duplicate.taskId(), "SUCCESS", LONG).get("result"))
        .contains("already sent");
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(FlowDatabase.class)
  void theAlertAttachesTheWorkbookFromTheDatabaseOnAHostWhoseReportDirLacksIt(FlowDatabase input)
      throws Exception {
    smtp = startSmtp(LoopbackPorts.free());
    harness =
        harness(
            input,
            Map.of(
                "RECONCILER_REPORT_STORE", "database",
                // No alert follows the run by itself: this test sends it after the file is gone.
                "RECONCILER_EMAIL_DISCREPANCY_THRESHOLD", "0"),
            smtp.getSmtp().getPort());
    harness.generate(500);
    harness.startWorker();
    String taskId = reconcile();
    harness.awaitState(taskId, "SUCCESS", LONG);
    String runId = RunIds.forTask(WorkerHarness.DAY, taskId);
    Path database = harness.settings.paths().database();
    Path report = Path.of(harness.runs().find(runId).reportPath());
    byte[] written = Files.readAllBytes(report);
    Files.delete(report); // the host that sends the alert is not the one that ran the reconcile

    String alert =
        harness.client.send(
            SendAlertArgs.TASK,
            new SendAlertArgs(
                    runId,
                    AlertKind.DISCREPANCIES,
                    WorkerHarness.DAY,
                    database.toString(),
                    null,
                    taskId)
                .toList());
    harness.awaitState(alert, "SUCCESS", LONG);

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(Emails.attachment(received[0], report.getFileName().toString())).isEqualTo(written);
    assertThat(Emails.plainText(received[0]))
        .contains("The report is attached, from the database; the run wrote it to " + report);
    input.assertKeptEverything(harness);
  }

  @Test
  void anAlertIsRetriedWhileSmtpIsDownAndDeliveredOnceWhenItIsBack() throws Exception {
    int port = LoopbackPorts.free();
    harness =
        harness(
            Map.of(
                "RECONCILER_TASKS_SEND_ALERT_BACKOFF_BASE_SECONDS",
                "1",
                "RECONCILER_TASKS_SEND_ALERT_BACKOFF_MAX_SECONDS",
                "2"),
            port);
    harness.generate(1000);
    harness.startWorker();

    String taskId = reconcile();
    harness.awaitState(taskId, "SUCCESS", LONG);
    String alert = alertId(taskId, AlertKind.DISCREPANCIES);
    Map<String, String> retrying = harness.awaitState(alert, "RETRY", LONG);
    assertThat(retrying.get("error_type")).isNotBlank();
    await()
        .atMost(LONG)
        .until(
            () -> Integer.parseInt(harness.queue.state(alert).getOrDefault("attempt", "0")) >= 1);

    smtp = startSmtp(port);
    harness.awaitState(alert, "SUCCESS", LONG);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    Thread.sleep(1500);
    assertThat(smtp.getReceivedMessages()).as("no second delivery later").hasSize(1);
  }

  @Test
  void aTaskThatAlwaysFailsIsRetriedThenFailsAlertsAndCanBeRetriedByAnOperator() throws Exception {
    smtp = startSmtp(LoopbackPorts.free());
    harness =
        harness(
            Map.of(
                "RECONCILER_TASKS_RECONCILE_MAX_RETRIES",
                "2",
                "RECONCILER_TASKS_RECONCILE_BACKOFF_BASE_SECONDS",
                "1",
                "RECONCILER_TASKS_RECONCILE_BACKOFF_MAX_SECONDS",
                "1"),
            smtp.getSmtp().getPort());
    harness.generate(500);
    // A file where the report directory should be: writing the report fails every time.
    Path reports = harness.settings.paths().reportDir();
    Files.writeString(reports, "not a directory");
    harness.startWorker();

    String taskId = reconcile();
    Map<String, String> failed = harness.awaitState(taskId, "FAILURE", LONG);
    assertThat(failed).containsEntry("attempt", "2");
    assertThat(failed.get("error")).contains("report");
    assertThat(harness.failedCount()).isEqualTo(1);
    assertThat(harness.failedRecords().get(0)).contains(taskId).contains("\"queue\":\"reconcile\"");
    harness.awaitState(alertId(taskId, AlertKind.FAILURE), "SUCCESS", LONG);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(smtp.getReceivedMessages()[0].getSubject()).contains("FAILED");

    Files.delete(reports);
    assertThat(harness.client.retryFailed(taskId)).isEqualTo(taskId);
    assertThat(harness.awaitState(taskId, "SUCCESS", LONG)).containsEntry("attempt", "0");
    assertThat(harness.failedCount()).isZero();
    assertThat(reports.resolve("reconciliation_" + WorkerHarness.DAY + ".xlsx")).isRegularFile();
  }

  @Test
  void poisonPayloadsLandInTheFailedSetAndTheWorkerKeepsServing() throws Exception {
    harness = new WorkerHarness(dir, Map.of()).startWorker();
    String ns = harness.settings.redis().namespace();
    List<String> poison =
        List.of(
            "{not json",
            "{\"class\":\"java.lang.ProcessBuilder\",\"args\":[\"touch\",\"/tmp/pwned\"],\"vars\":{\"task_id\":\"evil-1\"}}",
            "{\"class\":\"reconcile\",\"args\":[42],\"vars\":{\"task_id\":\"bad-args\"}}",
            // vars without a task id: a job with no vars at all gets one (ResqueClientEnqueueIT)
            "{\"class\":\"reconcile\",\"args\":[\"2026-11-24\"],\"vars\":{\"attempt\":0}}");
    harness.redis.with(
        j -> {
          j.sadd(ns + ":queues", "reconcile");
          poison.forEach(p -> j.rpush(ns + ":queue:reconcile", p));
          return null;
        });
    String ping = harness.client.send("ping", List.of());
    harness.awaitState(ping, "SUCCESS", LONG);

    await().atMost(LONG).until(() -> harness.failedCount() == 4);
    String failures = String.join("\n", harness.failedRecords());
    assertThat(failures)
        .contains("payload is not valid job JSON")
        .contains("{not json")
        .contains("unknown task 'java.lang.ProcessBuilder'")
        .contains("must be a non-empty string, got 42")
        .contains("no vars.task_id");
    assertThat(harness.queue.state("evil-1")).containsEntry("state", "FAILURE");
    assertThat(harness.queue.state("bad-args"))
        .containsEntry("state", "FAILURE")
        .containsEntry("attempt", "0")
        .containsEntry("error_type", "dev.reconciler.core.task.BadArguments");
    assertThat(Path.of("/tmp/pwned")).doesNotExist();
  }

  @Test
  void aPayloadLuaAcceptsButJavaRejectsEndsFailedInBothTheStateAndTheFailedSet() throws Exception {
    harness = new WorkerHarness(dir, Map.of()).startWorker();
    push(
        "{\"class\":\"ping\",\"args\":[],\"vars\":{\"task_id\":\"bad-attempt\",\"attempt\":\"x\"}}");

    Map<String, String> state = harness.awaitState("bad-attempt", "FAILURE", LONG);

    assertThat(state.get("error")).contains("vars.attempt");
    assertThat(harness.failedRecords()).singleElement().asString().contains("bad-attempt");
  }

  @Test
  void aPayloadOverTheSizeLimitIsFailedWithoutEverBeingMarkedStarted() throws Exception {
    harness = new WorkerHarness(dir, Map.of()).startWorker();
    String huge = "x".repeat(30 * 1024 * 1024);
    push(
        "{\"class\":\"ping\",\"args\":[\""
            + huge
            + "\"],\"vars\":{\"task_id\":\"too-big\",\"attempt\":0}}");

    await().atMost(LONG).until(() -> harness.failedCount() == 1);

    assertThat(harness.queue.state("too-big")).doesNotContainEntry("state", "STARTED");
    assertThat(harness.failedRecords().get(0))
        .contains("over the 1048576-byte limit")
        .hasSizeLessThan(1024 * 1024);
    assertThat(FailureRecord.read(harness.failedRecords().get(0)).failedAt()).isNotNull();
    String ping = harness.client.send("ping", List.of());
    harness.awaitState(ping, "SUCCESS", LONG);
  }

  @Test
  void aNegativeAttemptIsRejectedIntoTheFailedSetAndNeverRun() throws Exception {
    harness = new WorkerHarness(dir, Map.of()).startWorker();
    push("{\"class\":\"ping\",\"args\":[],\"vars\":{\"task_id\":\"negative\",\"attempt\":-40}}");

    Map<String, String> state = harness.awaitState("negative", "FAILURE", LONG);

    assertThat(state.get("error")).contains("vars.attempt").contains("-40");
    assertThat(state).doesNotContainKey("result");
    assertThat(harness.failedCount()).isEqualTo(1);
    assertThat(harness.redis.with(j -> j.zcard("reconciler:delayed")).longValue()).isZero();
  }

  @Test
  void errorsFromPayloadsReachTheLogWithoutLineBreaks() throws Exception {
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(WorkerLoop.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
        new ch.qos.logback.core.read.ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      harness = new WorkerHarness(dir, Map.of()).startWorker();
      push(
          "{\"class\":\"reconcile\",\"args\":[\"2026-11-24\\r\\nFORGED ERROR line\"],"
              + "\"vars\":{\"task_id\":\"crlf\"}}");
      push("{\"class\":\"no\\u0007such\\r\\ntask\",\"vars\":{\"task_id\":\"t\\r\\nx\"}}");
      harness.awaitState("crlf", "FAILURE", LONG);
      await().atMost(LONG).until(() -> harness.failedCount() == 2);

      assertThat(appender.list).isNotEmpty();
      assertThat(appender.list)
          .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
          .allSatisfy(line -> assertThat(line).doesNotContainPattern("[\\r\\n\\u0007]"));
    } finally {
      logger.detachAppender(appender);
    }
  }

  @Test
  void aPayloadThatIsNotUtf8FailsUnrunIntoTheFailedListAndTheWorkerGoesOn() throws Exception {
    harness = new WorkerHarness(dir, Map.of()).startWorker();
    // Latin-1 "café": read as UTF-8, its argument would be "caf\ufffd", another task's.
    byte[] payload =
        "{\"class\":\"ping\",\"args\":[\"caf\u00e9\"],\"vars\":{\"task_id\":\"latin1\"}}"
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] queueKey = "resque:queue:reconcile".getBytes(StandardCharsets.UTF_8);
    harness.redis.with(j -> j.rpush(queueKey, payload));
    push("{\"class\":\"ping\",\"args\":[],\"vars\":{\"task_id\":\"after\"}}");

    harness.awaitState("after", "SUCCESS", LONG);

    Map<String, String> state = harness.queue.state("latin1");
    assertThat(state)
        .containsEntry("state", "FAILURE")
        .containsEntry("error_type", BadPayload.class.getName())
        .doesNotContainKey("result");
    assertThat(state.get("error")).contains("not UTF-8").contains("0xE9");
    assertThat(harness.failedRecords()).singleElement().asString().contains("caf\\\\xE9");
    try (Stream<String> keys = harness.redis.with(j -> j.keys("resque:inflight:*")).stream()) {
      assertThat(keys.mapToLong(k -> harness.redis.with(j -> j.llen(k))).sum()).isZero();
    }
  }

  private void push(String payload) {
    String ns = harness.settings.redis().namespace();
    harness.redis.with(
        j -> {
          j.sadd(ns + ":queues", "reconcile");
          j.rpush(ns + ":queue:reconcile", payload);
          return j.rpush("reconciler:wake:reconcile", "1");
        });
  }

  @Test
  void aCountdownTaskWaitsInTheDelayedSetAndRunsWhenDue() throws Exception {
    harness = new WorkerHarness(dir, Map.of()).startWorker();
    Instant eta = Instant.now().plusMillis(1500);
    String ping = harness.client.send("ping", List.of(), eta);
    assertThat(harness.queue.state(ping))
        .containsEntry("state", "PENDING")
        .containsEntry("eta", eta.toString());
    Map<String, String> done = harness.awaitState(ping, "SUCCESS", LONG);
    assertThat(Instant.parse(done.get("started_at")))
        .isAfterOrEqualTo(eta.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    assertThat(Instant.parse(done.get("started_at"))).isBefore(eta.plusSeconds(2));
  }

  /** SQLite only: the wait past the limit is a SQLite file held locked within the busy timeout. */
  @Test
  void aTaskPastItsTimeLimitFailsAndTheWorkerServesTheNextOne() throws Exception {
    harness =
        new WorkerHarness(
            dir,
            Map.of(
                "RECONCILER_TASKS_RECONCILE_TIME_LIMIT_SECONDS", "1",
                "RECONCILER_TASKS_RECONCILE_MAX_RETRIES", "0",
                "RECONCILER_DATABASE_BUSY_TIMEOUT_MS", "8000",
                // The failure alert reads the locked database too: park it on an unserved queue.
                "RECONCILER_TASKS_SEND_ALERT_QUEUE", "parked"));
    harness.generate(500);
    harness.startWorker();
    // An exclusive lock makes the reconcile wait for the database for 8 s: deterministically
    // past its 1 s limit, and deaf to the interrupt (the next task must get a fresh thread).
    try (java.sql.Connection lock =
            java.sql.DriverManager.getConnection(
                "jdbc:sqlite:" + harness.settings.paths().database());
        java.sql.Statement st = lock.createStatement()) {
      st.execute("BEGIN EXCLUSIVE");
      String slow = reconcile();
      Map<String, String> failed = harness.awaitState(slow, "FAILURE", LONG);
      assertThat(failed).containsEntry("error_type", TaskTimeout.class.getName());
      assertThat(failed.get("error")).contains("time limit of 1 s");
      String ping = harness.client.send("ping", List.of());
      harness.awaitState(ping, "SUCCESS", Duration.ofSeconds(5));
      st.execute("ROLLBACK");
    }
  }

  @Test
  void noJobIsLeftInFlightAfterWork() throws Exception {
    harness = new WorkerHarness(dir, Map.of()).startWorker();
    for (int i = 0; i < 50; i++) {
      harness.client.send("ping", List.of());
    }
    await()
        .atMost(LONG)
        .until(() -> harness.redis.with(j -> j.get("resque:stat:processed")), "50"::equals);
    try (Stream<String> keys = harness.redis.with(j -> j.keys("resque:inflight:*")).stream()) {
      assertThat(keys.mapToLong(k -> harness.redis.with(j -> j.llen(k))).sum()).isZero();
    }
  }
}
