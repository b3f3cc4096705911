package dev.reconciler.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.reconciler.core.alert.AlertKind;
import dev.reconciler.core.imports.ImportFormat;
import dev.reconciler.core.imports.ProcessorImporter;
import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.runs.RunCounts;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.RunStore;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.worker.jobs.ReconcileJob;
import dev.reconciler.worker.jobs.TaskCatalog;
import dev.reconciler.worker.metrics.Metrics;
import dev.reconciler.worker.metrics.PromText;
import dev.reconciler.worker.queue.QueueInspector;
import dev.reconciler.worker.task.TaskEnvelope;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real tasks through a real Redis and worker, then the exposition parsed strictly and compared with
 * what Redis and the run store hold.
 */
class MetricsIT {
  private static final Duration LONG = Duration.ofSeconds(60);
  private static final String PARKED = "parked";

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @TempDir Path dir;
  private WorkerHarness harness;

  @AfterEach
  void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(FlowDatabase.class)
  void theExpositionSaysWhatRedisAndTheRunStoreHold(FlowDatabase database) throws Exception {
    harness =
        new WorkerHarness(
            dir,
            database.env(
                pg,
                Map.of(
                    "RECONCILER_TASKS_RECONCILE_MAX_RETRIES", "1",
                    "RECONCILER_TASKS_RECONCILE_BACKOFF_BASE_SECONDS", "1",
                    "RECONCILER_TASKS_RECONCILE_BACKOFF_MAX_SECONDS", "1")));
    harness.generate(300);
    // A file where the report directory should be: the first reconcile is retried once, then fails.
    Path reports = harness.settings.paths().reportDir();
    Files.writeString(reports, "not a directory");
    harness.startWorker();

    String failing = reconcile();
    harness.awaitState(failing, "FAILURE", LONG);
    harness.awaitState(alertId(failing), "SUCCESS", LONG);
    Files.delete(reports);
    harness.awaitState(reconcile(), "SUCCESS", LONG);
    for (int i = 0; i < 3; i++) {
      harness.awaitState(harness.client.send(TaskCatalog.PING, List.of()), "SUCCESS", LONG);
    }
    awaitIdle();
    // Two jobs on a queue no worker serves, the first enqueued a minute ago.
    long now = System.currentTimeMillis();
    harness.queue.enqueue(PARKED, TaskEnvelope.create(TaskCatalog.PING, List.of(), now - 60_000));
    harness.queue.enqueue(PARKED, TaskEnvelope.create(TaskCatalog.PING, List.of(), now));
    // A plain Resque client's job: it does not say when it was enqueued.
    harness.redis.with(
        j -> {
          j.rpush("resque:queue:foreign", "{\"class\":\"ping\",\"args\":[]}");
          return j.sadd("resque:queues", "foreign");
        });

    Metrics metrics = Metrics.of(harness.settings, harness.queue, Clock.systemUTC());
    PromText m = PromText.parse(metrics.scrape());

    assertThat(m.value("reconciler_metrics_problems")).isZero();
    assertThat(m.value("reconciler_queue_length", "queue", PARKED))
        .isEqualTo(llen(PARKED))
        .isEqualTo(2);
    assertThat(m.value("reconciler_queue_length", "queue", "reconcile"))
        .isEqualTo(llen("reconcile"))
        .isZero();
    assertThat(m.value("reconciler_queue_oldest_job_age_seconds", "queue", PARKED))
        .isBetween(60.0, 120.0);
    assertThat(m.value("reconciler_queue_oldest_job_age_seconds", "queue", "reconcile")).isZero();
    assertThat(m.value("reconciler_queue_length", "queue", "foreign")).isEqualTo(1);
    assertThat(m.value("reconciler_queue_oldest_job_age_seconds", "queue", "foreign")).isNull();
    assertThat(m.value("reconciler_jobs_failed")).isEqualTo(harness.failedCount()).isEqualTo(1);
    assertThat(m.value("reconciler_jobs_delayed")).isEqualTo(zcard("reconciler:delayed")).isZero();
    assertThat(m.value("reconciler_jobs_in_flight")).isZero();
    assertThat(m.value("reconciler_workers_alive")).isEqualTo(1);

    assertThat(tasks(m, "ping", "succeeded")).isEqualTo(3);
    assertThat(tasks(m, "ping", "retried")).isZero();
    assertThat(tasks(m, "reconcile", "succeeded")).isEqualTo(1);
    assertThat(tasks(m, "reconcile", "retried")).isEqualTo(1);
    assertThat(tasks(m, "reconcile", "failed")).isEqualTo(1);
    assertThat(m.value("reconciler_task_duration_seconds_count", "task", "ping")).isEqualTo(3);
    assertThat(m.value("reconciler_task_duration_seconds_count", "task", "reconcile")).isEqualTo(3);
    // Every other task (the alerts) exactly as its hash in Redis says.
    Map<String, String> alerts = harness.redis.with(j -> j.hgetAll("reconciler:stats:send_alert"));
    assertThat(tasks(m, "send_alert", "succeeded"))
        .isEqualTo(Double.valueOf(alerts.get("succeeded")));
    assertThat(m.value("reconciler_task_duration_seconds_count", "task", "send_alert"))
        .isEqualTo(Double.valueOf(alerts.get("duration_count")));

    RunRecord last = harness.runs().recent(1).get(0);
    assertThat(last.status()).isEqualTo("SUCCESS");
    database.assertKeptEverything(harness);
    assertThat(m.value("reconciler_last_run_match_ratio"))
        .isCloseTo(last.matchRatePercent().doubleValue() / 100, within(1e-9));
    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      assertThat(m.value("reconciler_last_run_discrepancies", "kind", kind.id()))
          .isEqualTo(last.counts().get(kind.id()).doubleValue());
    }
    assertThat(m.value("reconciler_last_run_rejected_rows"))
        .isEqualTo(last.counts().get(RunCounts.REJECTED).doubleValue())
        .isPositive();
    assertThat(m.value("reconciler_last_success_business_date_seconds"))
        .isEqualTo(WorkerHarness.DAY.atStartOfDay(ZoneOffset.UTC).toEpochSecond());
    assertThat(m.value("reconciler_last_success_finished_timestamp_seconds"))
        .isEqualTo(last.finishedAt().toEpochMilli() / 1000.0);
  }

  @Test
  void keysOfAnotherTypeCostTheirOwnSamplesNotTheScrape() {
    harness = new WorkerHarness(dir, Map.of());
    harness.redis.with(
        j -> {
          j.set("resque:queues", "not a set");
          j.set("reconciler:delayed", "not a zset");
          j.sadd("reconciler:stats:tasks", "ping", "bad name\n");
          j.hset("reconciler:stats:ping", Map.of("succeeded", "many", "failed", "2"));
          return null;
        });

    PromText m =
        PromText.parse(Metrics.of(harness.settings, harness.queue, Clock.systemUTC()).scrape());

    assertThat(m.value("reconciler_metrics_problems")).isEqualTo(3);
    assertThat(m.value("reconciler_jobs_delayed")).isNull();
    assertThat(m.value("reconciler_jobs_failed")).isZero();
    assertThat(tasks(m, "ping", "succeeded")).isZero();
    assertThat(tasks(m, "ping", "failed")).isEqualTo(2);
    assertThat(m.keys()).noneMatch(k -> k.contains("bad name"));
  }

  /**
   * The latest import of each format is timed, with the rows it added and rejected, and the newest
   * row any import of the format brought, so an alert can say the day's processor file was not
   * imported (or was yesterday's again, or lost rows) before the reconcile reports its sales
   * missing; absent before any import.
   */
  @Test
  void theLatestImportOfEachFormatIsTimedWithTheRowsItRejected() throws Exception {
    harness = new WorkerHarness(dir, Map.of());
    harness.generate(10);
    Metrics metrics = Metrics.of(harness.settings, harness.queue, Clock.systemUTC());
    assertThat(PromText.parse(metrics.scrape()).keys())
        .noneMatch(k -> k.startsWith("reconciler_last_import"));
    Path file = dir.resolve("settlement.csv");
    Files.writeString(
        file,
        "id,type,amount,fee,currency,created_at,transaction_id\n"
            + "ch_1,payment,10.00,0.30,USD,2026-11-24T10:15:30Z,T-1\n"
            + "ch_2,payment,ten,0.30,USD,2026-11-24T10:16:30Z,T-2\n");
    Instant before = Instant.now();

    new ProcessorImporter(harness.settings)
        .importFile(ImportFormat.CSV, file, harness.settings.paths().database());

    PromText m = PromText.parse(metrics.scrape());
    assertThat(m.value("reconciler_last_import_timestamp_seconds", "format", "csv"))
        .isBetween(before.toEpochMilli() / 1000.0, Instant.now().toEpochMilli() / 1000.0);
    assertThat(m.value("reconciler_last_import_rejected_rows", "format", "csv")).isEqualTo(1);
    assertThat(m.value("reconciler_last_import_rows_added", "format", "csv")).isEqualTo(1);
    // The rejected row's time reads: it is the file's newest.
    assertThat(m.value("reconciler_import_newest_row_timestamp_seconds", "format", "csv"))
        .isEqualTo(Instant.parse("2026-11-24T10:16:30Z").getEpochSecond());
    assertThat(m.keys()).noneMatch(k -> k.contains("stripe"));
    assertThat(m.value("reconciler_metrics_problems")).isZero();
  }

  @Test
  void theLastSuccessIsFoundBehindManyNewerFailedRuns() {
    // A runs database of its own, as [paths] runs_database names it.
    harness =
        new WorkerHarness(
            dir, Map.of("RECONCILER_PATHS_RUNS_DATABASE", dir.resolve("runs.db").toString()));
    RunStore store = RunStores.open(harness.settings, harness.settings.paths().database());
    Instant start = Instant.parse("2026-11-25T02:00:00Z");
    store.save(
        RunRecord.succeeded(
            "ok",
            WorkerHarness.DAY,
            start,
            start.plusSeconds(30),
            Map.of(),
            Map.of(),
            BigDecimal.TEN,
            null));
    for (int i = 1; i <= 15; i++) {
      Instant t = start.plusSeconds(3600L * i);
      store.save(
          RunRecord.failed(
              "bad-" + i, WorkerHarness.DAY.plusDays(1), t, t.plusSeconds(5), "no input"));
    }

    PromText m =
        PromText.parse(Metrics.of(harness.settings, harness.queue, Clock.systemUTC()).scrape());

    assertThat(m.value("reconciler_last_success_finished_timestamp_seconds"))
        .isEqualTo(start.plusSeconds(30).getEpochSecond());
    assertThat(m.value("reconciler_last_success_business_date_seconds"))
        .isEqualTo(WorkerHarness.DAY.atStartOfDay(ZoneOffset.UTC).toEpochSecond());
    // The last finished run failed: it has no match rate and no findings to show.
    assertThat(m.value("reconciler_last_run_match_ratio")).isNull();
    assertThat(m.keys()).noneMatch(k -> k.startsWith("reconciler_last_run_discrepancies"));
    assertThat(m.keys()).noneMatch(k -> k.startsWith("reconciler_last_run_rejected_rows"));
  }

  private String reconcile() {
    return harness.client.send(
        ReconcileArgs.TASK, new ReconcileArgs(WorkerHarness.DAY, null, null).toList());
  }

  private static String alertId(String taskId) {
    return ReconcileJob.alertTaskId(RunIds.forTask(WorkerHarness.DAY, taskId), AlertKind.FAILURE);
  }

  /**
   * Until the follow-ups (alerts) ran: nothing queued, delayed or in flight; and until the idle
   * worker wrote its counts (it holds them in memory while busy, see TaskStats), which it does when
   * its next pop finds nothing: the last ping's count is in Redis.
   */
  private void awaitIdle() {
    QueueInspector inspector = new QueueInspector(harness.queue);
    await()
        .atMost(LONG)
        .until(
            () ->
                inspector.queueLengths().values().stream().allMatch(r -> r.value() == 0)
                    && inspector.delayed().value() == 0
                    && inspector.workers().stream().allMatch(w -> w.inFlight().value() == 0)
                    && "3"
                        .equals(
                            harness.redis.with(j -> j.hget("reconciler:stats:ping", "succeeded"))));
  }

  private static double tasks(PromText m, String task, String outcome) {
    return m.value("reconciler_tasks_total", "task", task, "outcome", outcome);
  }

  private double llen(String queue) {
    return harness.redis.with(
        j -> j.llen(harness.settings.redis().namespace() + ":queue:" + queue));
  }

  private double zcard(String key) {
    return harness.redis.with(j -> j.zcard(key));
  }
}
