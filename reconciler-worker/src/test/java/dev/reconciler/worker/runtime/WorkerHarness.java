package dev.reconciler.worker.runtime;

import static org.awaitility.Awaitility.await;

import dev.reconciler.core.config.SameDaySettings;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.ExportSpec;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.generate.GroundTruth;
import dev.reconciler.core.imports.ImportFormat;
import dev.reconciler.core.runs.RunStore;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.worker.jobs.JobContext;
import dev.reconciler.worker.jobs.TaskCatalog;
import dev.reconciler.worker.mail.AlertSender;
import dev.reconciler.worker.mail.AlertSenders;
import dev.reconciler.worker.queue.EmbeddedRedis;
import dev.reconciler.worker.queue.RedisConnector;
import dev.reconciler.worker.queue.TaskClient;
import dev.reconciler.worker.queue.TaskQueue;
import dev.reconciler.worker.queue.WorkerRegistry;
import dev.reconciler.worker.task.TaskRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real embedded Redis, settings pointing every path into a temp dir, and an in-process worker
 * running the real task catalog: the whole worker side, minus the process boundary.
 */
final class WorkerHarness implements AutoCloseable {
  static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  final Path dir;
  EmbeddedRedis redisServer;
  final Settings settings;
  final RedisConnector redis;
  final TaskQueue queue;
  final WorkerRegistry workers;
  final TaskClient client;
  private final Clock clock = Clock.systemUTC();
  private AlertSender alerts;
  private WorkerProcess worker;

  WorkerHarness(Path dir, Map<String, String> overrides) {
    this.dir = dir;
    this.redisServer = EmbeddedRedis.start();
    Map<String, String> env = new HashMap<>();
    env.put("RECONCILER_REDIS_URL", redisServer.url());
    env.put("RECONCILER_PATHS_DATA_DIR", dir.toString());
    env.put("RECONCILER_PATHS_DATABASE", dir.resolve("in.db").toString());
    env.put("RECONCILER_PATHS_REPORT_DIR", dir.resolve("reports").toString());
    env.put("RECONCILER_PATHS_OUTBOX_DIR", dir.resolve("outbox").toString());
    env.put("RECONCILER_PATHS_LOG_DIR", dir.resolve("logs").toString());
    env.put("RECONCILER_WORKER_HEARTBEAT_SECONDS", "1");
    // One day's ground truth is the window-0 truth; tests of the window set their own.
    env.put(SameDaySettings.WINDOW, "0");
    env.put("RECONCILER_WORKER_HEARTBEAT_TTL_SECONDS", "3");
    env.putAll(overrides);
    this.settings = SettingsLoader.load(null, env);
    this.redis = new RedisConnector(redisServer.url(), 5000, 16);
    this.queue =
        new TaskQueue(redis, settings.redis().namespace(), settings.worker().resultExpiry(), clock);
    this.workers =
        new WorkerRegistry(
            redis, settings.redis().namespace(), settings.worker().heartbeatTtl(), clock);
    this.client = new TaskClient(queue, settings, clock);
  }

  GroundTruth generate(int transactions) throws IOException {
    return DataGenerator.writingTo(settings.database(), Progress.NONE)
        .generate(spec(transactions), settings.paths().database(), dir.resolve("in.truth.json"));
  }

  /**
   * The sales table of {@link #generate} with its processor side written as {@code format}'s export
   * file {@code FORMAT-export.csv} in the data dir (where a queued import may read it), instead of
   * processor rows; the truth's {@code export} section says what the import and reconcile find.
   */
  GroundTruth generateExport(ImportFormat format, int transactions) throws IOException {
    return DataGenerator.writingTo(settings.database(), Progress.NONE)
        .generate(
            spec(transactions).withExport(ExportSpec.of(format)),
            settings.paths().database(),
            exportFile(format),
            dir.resolve("in.truth.json"));
  }

  /** The run store the worker records in: the input's SQLite file, or [database] url. */
  RunStore runs() {
    return RunStores.open(settings, settings.paths().database());
  }

  Path exportFile(ImportFormat format) {
    return dir.resolve(format.id() + "-export.csv");
  }

  private GenerationSpec spec(int transactions) {
    return new GenerationSpec(
        DAY,
        transactions,
        11,
        ZoneId.of("UTC"),
        settings.reconciliation().amountTolerance(),
        GenerationSpec.Rates.defaults());
  }

  /** Starts an in-process worker on the configured [worker] queues. */
  WorkerHarness startWorker() {
    alerts = AlertSenders.from(settings);
    return startWorker(TaskCatalog.registry(new JobContext(settings, clock, redis, alerts)));
  }

  /** Starts an in-process worker running the given tasks on the configured [worker] queues. */
  WorkerHarness startWorker(TaskRegistry tasks) {
    worker =
        new WorkerProcess(
            settings.worker(), settings.worker().queues(), 1, queue, workers, tasks, clock);
    worker.start();
    return this;
  }

  WorkerProcess worker() {
    return worker;
  }

  /** Restarts Redis on the same port: a new run id, and (nothing persisted) every key gone. */
  void restartRedis() {
    int port = redisServer.port();
    redisServer.stop();
    redisServer = EmbeddedRedis.start(port);
  }

  Map<String, String> awaitState(String taskId, String state, Duration timeout) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> state.equals(queue.state(taskId).get("state")));
    return queue.state(taskId);
  }

  long failedCount() {
    return redis.with(j -> j.llen(settings.redis().namespace() + ":failed"));
  }

  List<String> failedRecords() {
    return redis.with(j -> j.lrange(settings.redis().namespace() + ":failed", 0, -1));
  }

  @Override
  public void close() throws Exception {
    if (worker != null) {
      worker.shutdown(Duration.ofSeconds(10));
    }
    if (alerts != null) {
      alerts.close();
    }
    redis.close();
    redisServer.stop();
  }
}
