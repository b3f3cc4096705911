package dev.reconciler.bench;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.RunStore;
import dev.reconciler.core.runs.SqliteRunStore;
import dev.reconciler.web.WebServer;
import dev.reconciler.worker.queue.Delivery;
import dev.reconciler.worker.queue.EmbeddedRedis;
import dev.reconciler.worker.queue.RedisConnector;
import dev.reconciler.worker.queue.TaskQueue;
import dev.reconciler.worker.queue.TaskStats;
import dev.reconciler.worker.task.TaskEnvelope;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Web console benchmark: the overview page and /metrics (and, for information, the failed list's
 * first page and a task search) over HTTP, sequentially from one client, with a private Redis
 * holding 100k task states, 10k failure records (made by the real fail script) and a SQLite run
 * store with 1,000 runs. Reports p50 / p95 / p99 / max in milliseconds per page.
 *
 * <p>Options (key=value): states=100000 failed=10000 runs=1000 requests=500 warmup=200.
 */
public final class WebBenchmark {
  private static final Clock CLOCK = Clock.systemUTC();

  public static void main(String[] args) throws Exception {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("states", "100000");
    defaults.put("failed", "10000");
    defaults.put("runs", "1000");
    defaults.put("requests", "500");
    defaults.put("warmup", "200");
    Map<String, String> opts = Options.parse(defaults, args);
    Path dir = Files.createTempDirectory("reconciler-web-bench");
    try (EmbeddedRedis server = EmbeddedRedis.start();
        RedisConnector redis = new RedisConnector(server.url(), 30_000, 8)) {
      Settings settings =
          SettingsLoader.load(
              null,
              Map.of(
                  "RECONCILER_REDIS_URL", server.url(),
                  "RECONCILER_PATHS_DATA_DIR", dir.toString(),
                  "RECONCILER_PATHS_DATABASE", dir.resolve("in.db").toString(),
                  "RECONCILER_PATHS_REPORT_DIR", dir.resolve("reports").toString()));
      TaskQueue queue = new TaskQueue(redis, "resque", Duration.ofHours(24), CLOCK);
      RunStore runs = SqliteRunStore.ownFile(dir.resolve("runs.db"), 10_000);
      long t0 = System.nanoTime();
      states(redis, queue, Integer.parseInt(opts.get("states")));
      failed(redis, queue, Integer.parseInt(opts.get("failed")));
      runs(runs, Integer.parseInt(opts.get("runs")));
      minutes(redis);
      System.out.printf(
          "Seeded %s task states, %s failure records, %s runs in %.1f s%n",
          opts.get("states"), opts.get("failed"), opts.get("runs"), (System.nanoTime() - t0) / 1e9);
      try (WebServer web = WebServer.start(settings, queue, runs, CLOCK, "127.0.0.1", 0)) {
        String base = "http://127.0.0.1:" + web.port();
        HttpClient client = HttpClient.newHttpClient();
        int warmup = Integer.parseInt(opts.get("warmup"));
        int requests = Integer.parseInt(opts.get("requests"));
        System.out.println();
        System.out.println("| page | requests | p50 ms | p95 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|");
        for (String page : List.of("/", "/metrics", "/failed", "/tasks?state=FAILURE")) {
          measure(client, base + page, warmup);
          double[] ms = measure(client, base + page, requests);
          System.out.printf(
              "| `%s` | %d | %.1f | %.1f | %.1f | %.1f |%n",
              page,
              requests,
              Stats.percentile(ms, 50),
              Stats.percentile(ms, 95),
              Stats.percentile(ms, 99),
              Stats.percentile(ms, 100));
        }
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static double[] measure(HttpClient client, String url, int n) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      ms[i] = (System.nanoTime() - start) / 1e6;
      if (r.statusCode() != 200) {
        throw new IllegalStateException(url + " answered " + r.statusCode());
      }
    }
    return ms;
  }

  /** Finished task states as the scripts leave them, the newest indexed as enqueues index them. */
  private static void states(RedisConnector redis, TaskQueue queue, int n) {
    long now = CLOCK.millis();
    redis.with(
        j -> {
          Pipeline p = j.pipelined();
          for (int i = 0; i < n; i++) {
            String id = "bench-" + i;
            p.hset(
                "reconciler:task:" + id,
                Map.of(
                    "state",
                    i % 10 == 0 ? "RETRY" : "SUCCESS",
                    "name",
                    i % 3 == 0 ? "reconcile" : "ping",
                    "queue",
                    "reconcile",
                    "args",
                    i % 3 == 0 ? "[\"2026-11-" + (10 + i % 20) + "\"]" : "[]",
                    "attempt",
                    "0",
                    "enqueued_at",
                    Instant.ofEpochMilli(now - n + i).toString(),
                    "finished_at",
                    Instant.ofEpochMilli(now - n + i + 5).toString()));
            p.zadd("reconciler:tasks", now - n + i, id);
            if (i % 10_000 == 9_999) {
              p.sync();
            }
          }
          p.zremrangeByRank("reconciler:tasks", 0, -TaskQueue.MAX_INDEXED_TASKS - 1);
          p.sync();
          return null;
        });
  }

  /** Failure records written by the real pop and fail scripts. */
  private static void failed(RedisConnector redis, TaskQueue queue, int n) {
    String worker = "bench:1-1:failing";
    try (Jedis j = redis.borrow()) {
      for (int i = 0; i < n; i++) {
        TaskEnvelope task = TaskEnvelope.create("ping", List.of(), CLOCK.millis());
        queue.enqueue("failing", task);
        Delivery d = queue.pop(j, worker, List.of("failing"));
        queue.fail(j, worker, d, task.taskId(), new IllegalStateException("bench " + i), List.of());
      }
    }
  }

  private static void runs(RunStore runs, int n) {
    LocalDate day = LocalDate.now(CLOCK);
    Instant now = CLOCK.instant();
    for (int i = 0; i < n; i++) {
      runs.save(
          RunRecord.succeeded(
              "run-" + day.minusDays(i) + "-bench" + i,
              day.minusDays(i),
              now.minusSeconds(86_400L * i + 60),
              now.minusSeconds(86_400L * i),
              Map.of("matched", 99_000L, "missing_in_sales", (long) (i % 17)),
              Map.of("missing_in_sales", Map.of("USD", new BigDecimal("12.34"))),
              new BigDecimal("99.12"),
              null));
    }
  }

  private static void minutes(RedisConnector redis) {
    TaskStats stats = new TaskStats(redis, CLOCK);
    for (int i = 0; i < 100; i++) {
      stats.record("ping", TaskStats.Outcome.SUCCEEDED, Duration.ofMillis(3));
    }
    stats.flush();
  }
}
