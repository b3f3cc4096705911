package dev.reconciler.web;

import static org.awaitility.Awaitility.await;

import dev.reconciler.core.config.PasswordHash;
import dev.reconciler.core.config.SameDaySettings;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.runs.RunStore;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.worker.jobs.JobContext;
import dev.reconciler.worker.jobs.RunOrder;
import dev.reconciler.worker.jobs.TaskCatalog;
import dev.reconciler.worker.mail.AlertSender;
import dev.reconciler.worker.mail.AlertSenders;
import dev.reconciler.worker.queue.EmbeddedRedis;
import dev.reconciler.worker.queue.RedisConnector;
import dev.reconciler.worker.queue.TaskClient;
import dev.reconciler.worker.queue.TaskQueue;
import dev.reconciler.worker.queue.WorkerRegistry;
import dev.reconciler.worker.runtime.WorkerProcess;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's world for a test class: a real embedded Redis, settings pointing every path into a
 * temp dir, an in-process worker running the real task catalog, and a real run recorded in the
 * store (SQLite, or the [database] a test gives) by a reconcile the worker ran. Consoles are
 * started on 127.0.0.1 and a free port, per test.
 */
final class ConsoleWorld implements AutoCloseable {
  static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  static final String SCRIPT = "<script>alert(1)</script>";
  static final String OPERATOR = "ana";
  static final String OPERATOR_PASSWORD = "ana-password-1";
  static final String VIEWER = "bo";
  static final String VIEWER_PASSWORD = "bo-password-1";
  static final Duration LONG = Duration.ofSeconds(60);

  /** Cheap hashes: tests log in often; the cost is PasswordHash's own test's business. */
  static final String USERS =
      OPERATOR
          + ":operator:"
          + PasswordHash.of(OPERATOR_PASSWORD.toCharArray(), 1_000).text()
          + ","
          + VIEWER
          + ":viewer:"
          + PasswordHash.of(VIEWER_PASSWORD.toCharArray(), 1_000).text();

  final Path dir;
  final EmbeddedRedis redisServer;
  final Map<String, String> env = new HashMap<>();
  final Settings settings;
  final RedisConnector redis;
  final TaskQueue queue;
  final TaskClient client;
  final RunStore runs;
  private final Clock clock = Clock.systemUTC();
  private final AlertSender alerts;
  private final WorkerProcess worker;

  /** The first reconcile's task id (its run and workbook are recorded). */
  final String reconcileId;

  ConsoleWorld() throws IOException {
    this(Map.of());
  }

  /** A world keeping input, runs and workbooks where these overrides say ({@code Backend.env}). */
  ConsoleWorld(Map<String, String> database) throws IOException {
    dir = Files.createTempDirectory("reconciler-web-it");
    redisServer = EmbeddedRedis.start();
    env.put("RECONCILER_REDIS_URL", redisServer.url());
    env.put("RECONCILER_PATHS_DATA_DIR", dir.toString());
    env.put("RECONCILER_PATHS_DATABASE", dir.resolve("in.db").toString());
    env.put("RECONCILER_PATHS_REPORT_DIR", dir.resolve("reports").toString());
    env.put("RECONCILER_PATHS_OUTBOX_DIR", dir.resolve("outbox").toString());
    env.put("RECONCILER_PATHS_LOG_DIR", dir.resolve("logs").toString());
    env.put("RECONCILER_LOGGING_FILE", "");
    env.put("RECONCILER_EMAIL_HOST", "");
    env.put("RECONCILER_WORKER_HEARTBEAT_SECONDS", "1");
    env.put("RECONCILER_WORKER_HEARTBEAT_TTL_SECONDS", "3");
    env.put("RECONCILER_TASKS_RECONCILE_MAX_RETRIES", "0");
    env.put(SameDaySettings.WINDOW, "0");
    env.putAll(database);
    settings = SettingsLoader.load(null, env);
    redis = new RedisConnector(redisServer.url(), 5000, 16);
    queue = new TaskQueue(redis, "resque", settings.worker().resultExpiry(), clock);
    client = new TaskClient(queue, settings, clock);
    DataGenerator.writingTo(settings.database(), Progress.NONE)
        .generate(
            new GenerationSpec(
                DAY,
                300,
                7,
                ZoneId.of("UTC"),
                new BigDecimal("0.01"),
                GenerationSpec.Rates.defaults()),
            settings.paths().database(),
            dir.resolve("in.truth.json"));
    alerts = AlertSenders.from(settings);
    worker =
        new WorkerProcess(
            settings.worker(),
            settings.worker().queues(),
            1,
            queue,
            new WorkerRegistry(redis, "resque", settings.worker().heartbeatTtl(), clock),
            TaskCatalog.registry(new JobContext(settings, clock, redis, alerts)),
            clock);
    worker.start();
    runs = RunStores.open(settings, settings.paths().database());
    reconcileId = reconcile(DAY);
    awaitState(reconcileId, "SUCCESS");
    awaitState(client.send(TaskCatalog.PING, List.of()), "SUCCESS");
  }

  /** Enqueues a reconcile chain of one date, as the console and the CLI do. */
  String reconcile(LocalDate date) {
    return RunOrder.sendChain(
        client, new ReconcileArgs(date, null, null), date, null, clock.millis());
  }

  /** A task the worker refuses (its date argument is a script) and puts in the failed list. */
  String failingTask() {
    String id = client.send(ReconcileArgs.TASK, List.of(SCRIPT));
    awaitState(id, "FAILURE");
    return id;
  }

  void awaitState(String taskId, String state) {
    await()
        .atMost(LONG)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> state.equals(queue.state(taskId).get("state")));
  }

  String state(String taskId) {
    return queue.state(taskId).get("state");
  }

  long failedCount() {
    return redis.with(j -> j.llen("resque:failed"));
  }

  /**
   * Records {@code days} earlier runs like the worker's real one, with match rates and findings
   * that vary, so the runs chart has a history to draw (screenshots).
   */
  void seedHistory(int days) {
    dev.reconciler.core.runs.RunRecord real =
        runs.find(dev.reconciler.core.reconcile.RunIds.forTask(DAY, reconcileId));
    for (int d = 1; d <= days; d++) {
      LocalDate date = DAY.minusDays(d);
      Map<String, Long> counts = new HashMap<>(real.counts());
      counts.put("missing_in_sales", (long) (d * 7 % 11));
      counts.put("amount_mismatch", (long) (d * 5 % 9));
      runs.save(
          new dev.reconciler.core.runs.RunRecord(
              dev.reconciler.core.reconcile.RunIds.forTask(date, "seeded-" + d),
              date,
              real.startedAt().minus(Duration.ofDays(d)),
              real.finishedAt().minus(Duration.ofDays(d)),
              "SUCCESS",
              counts,
              real.amounts(),
              real.matchRatePercent().subtract(BigDecimal.valueOf(d * 37 % 50, 1)),
              null,
              null));
    }
  }

  /** Settings with these RECONCILER_* overrides on top of the world's. */
  Settings settings(Map<String, String> overrides) {
    Map<String, String> all = new HashMap<>(env);
    all.putAll(overrides);
    return SettingsLoader.load(null, all);
  }

  /** A console over this world on 127.0.0.1 and a free port. */
  WebServer console(Map<String, String> overrides) {
    return console(overrides, clock);
  }

  /** A console over this world whose time is {@code clock}'s (the schedule it shows, say). */
  WebServer console(Map<String, String> overrides, Clock clock) {
    return WebServer.start(settings(overrides), queue, runs, clock, "127.0.0.1", 0);
  }

  @Override
  public void close() throws Exception {
    worker.shutdown(Duration.ofSeconds(10));
    alerts.close();
    redis.close();
    redisServer.stop();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
