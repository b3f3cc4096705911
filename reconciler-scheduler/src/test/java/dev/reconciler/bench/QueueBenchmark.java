package dev.reconciler.bench;

import dev.reconciler.worker.queue.EmbeddedRedis;
import dev.reconciler.worker.queue.RedisConnector;
import dev.reconciler.worker.queue.TaskQueue;
import dev.reconciler.worker.task.TaskEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Queue benchmark: no-op {@code ping} tasks through the full path (enqueue, a worker process takes
 * it, state SUCCESS recorded) against real child worker JVMs and a private Redis.
 *
 * <p>Throughput: a backlog of N tasks is enqueued (real enqueue script, state PENDING) on a holding
 * queue no worker serves, then released onto the served queue with one RENAME, so the drain is
 * measured without the producer competing for the CPU; tasks/s = N / (last finished_at - first
 * finished_at), both recorded by the ack script. Latency: tasks enqueued at a steady rate to idle
 * workers; enqueue-to-start = started_at_us (written by the pop script) - the client's clock just
 * before the enqueue call. Same machine, same clock.
 *
 * <p>Options (key=value): processes=1,2 concurrency=2 backlog=50000 warmup=20000 runs=3 rate=100
 * seconds=10 app.classpath=... jvm="-Xmx256m -XX:+UseParallelGC".
 */
public final class QueueBenchmark {
  private static final String QUEUE = "bench";
  private static final String HOLD = "bench-hold";
  private static final String NS = "resque";
  private static final Clock CLOCK = Clock.systemUTC();

  private final Map<String, String> opts;
  private final RedisConnector redis;
  private final TaskQueue queue;
  private final String redisUrl;

  private QueueBenchmark(Map<String, String> opts, RedisConnector redis, String redisUrl) {
    this.opts = opts;
    this.redis = redis;
    this.redisUrl = redisUrl;
    this.queue = new TaskQueue(redis, NS, Duration.ofHours(1), CLOCK);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    try (EmbeddedRedis server = EmbeddedRedis.start();
        RedisConnector redis = new RedisConnector(server.url(), 30_000, 16)) {
      System.out.printf(
          "Redis %s at %s%n",
          redis.with(
              j ->
                  j.info("server")
                      .lines()
                      .filter(l -> l.startsWith("redis_version:"))
                      .findFirst()
                      .orElse("?")),
          server.url());
      QueueBenchmark bench = new QueueBenchmark(opts, redis, server.url());
      List<String> rows = new ArrayList<>();
      for (String c : opts.get("concurrency").split(",")) {
        for (String p : opts.get("processes").split(",")) {
          rows.add(bench.configuration(Integer.parseInt(p.strip()), Integer.parseInt(c.strip())));
        }
      }
      System.out.println();
      System.out.println(
          "| processes x -c | drain tasks/s (median; runs) | enqueue tasks/s | latency p50 ms | p99 ms | max ms |");
      System.out.println("|---|---|---|---|---|---|");
      rows.forEach(System.out::println);
    }
  }

  /** Runs every measurement for one fleet shape; returns its table row. */
  private String configuration(int processes, int concurrency) throws Exception {
    redis.with(Jedis::flushAll);
    System.out.printf("%n== %d process(es) x -c %d ==%n", processes, concurrency);
    List<String> jvm = Arrays.asList(opts.get("jvm").trim().split("\\s+"));
    try (WorkerFleet fleet =
        WorkerFleet.start(
            processes, concurrency, QUEUE, redisUrl, opts.get("app.classpath"), jvm)) {
      fleet.awaitRegistered(redis, NS, processes * concurrency);
      int n = Integer.parseInt(opts.get("backlog"));
      int runs = Integer.parseInt(opts.get("runs"));
      throughput(fleet, Integer.parseInt(opts.get("warmup")), "warm-up");
      latency(fleet, 5, 200, "warm-up");
      List<Double> rates = new ArrayList<>();
      List<Double> enqueueRates = new ArrayList<>();
      for (int r = 1; r <= runs; r++) {
        double[] result = throughput(fleet, n, "run " + r);
        rates.add(result[0]);
        enqueueRates.add(result[1]);
      }
      List<Double> p50 = new ArrayList<>();
      List<Double> p99 = new ArrayList<>();
      List<Double> max = new ArrayList<>();
      int rate = Integer.parseInt(opts.get("rate"));
      int seconds = Integer.parseInt(opts.get("seconds"));
      for (int r = 1; r <= runs; r++) {
        double[] lat = latency(fleet, seconds, rate, "run " + r);
        p50.add(Stats.percentile(lat, 50));
        p99.add(Stats.percentile(lat, 99));
        max.add(Stats.percentile(lat, 100));
      }
      fleet.checkAlive();
      return String.format(
          Locale.ROOT,
          "| %d x %d | %,.0f (%s) | %,.0f | %.2f | %.2f | %.2f |",
          processes,
          concurrency,
          Stats.median(rates),
          join(rates, "%,.0f"),
          Stats.median(enqueueRates),
          Stats.median(p50),
          Stats.median(p99),
          Stats.median(max));
    }
  }

  // --- throughput --------------------------------------------------------------------------

  /** Returns {drain tasks/s, enqueue tasks/s}. */
  private double[] throughput(WorkerFleet fleet, int n, String label) throws Exception {
    long base = processed();
    OtherLoad other = OtherLoad.start();
    long t0 = System.nanoTime();
    List<String> ids = enqueueBacklog(n);
    double enqueueRate = n / ((System.nanoTime() - t0) / 1e9);
    release(fleet);
    awaitProcessed(fleet, base + n, Duration.ofMinutes(5));
    long[] span = finishedSpan(ids);
    double rate = n / ((span[1] - span[0]) / 1000.0);
    System.out.printf(
        Locale.ROOT,
        "throughput %-8s %,d tasks: %,.0f tasks/s drained (first to last SUCCESS %d ms); "
            + "enqueued at %,.0f tasks/s; other load %.2f cores%n",
        label,
        n,
        rate,
        span[1] - span[0],
        enqueueRate,
        other.cores());
    Thread.sleep(1_000);
    return new double[] {rate, enqueueRate};
  }

  /** Enqueues n ping tasks on the holding queue through the real enqueue script, from 4 threads. */
  private List<String> enqueueBacklog(int n) throws Exception {
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<String>>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int count = n / threads + (t < n % threads ? 1 : 0);
        parts.add(
            pool.submit(
                () -> {
                  List<String> ids = new ArrayList<>(count);
                  for (int i = 0; i < count; i++) {
                    ids.add(enqueue(HOLD));
                  }
                  return ids;
                }));
      }
      List<String> all = new ArrayList<>(n);
      for (Future<List<String>> part : parts) {
        all.addAll(part.get());
      }
      return all;
    } finally {
      pool.shutdown();
    }
  }

  private String enqueue(String target) {
    TaskEnvelope task = TaskEnvelope.create("ping", List.of(), CLOCK.millis());
    queue.enqueue(target, task);
    return task.taskId();
  }

  /** One atomic step: the whole backlog becomes the served queue, and every worker is woken. */
  private void release(WorkerFleet fleet) {
    String script =
        "redis.call('RENAME', KEYS[1], KEYS[2]) "
            + "for i = 1, 64 do redis.call('RPUSH', KEYS[3], '1') end "
            + "redis.call('DEL', KEYS[4]) redis.call('SREM', KEYS[5], ARGV[1]) return 1";
    redis.with(
        j ->
            j.eval(
                script,
                List.of(
                    NS + ":queue:" + HOLD,
                    NS + ":queue:" + QUEUE,
                    TaskQueue.OWN + ":wake:" + QUEUE,
                    TaskQueue.OWN + ":wake:" + HOLD,
                    NS + ":queues"),
                List.of(HOLD)));
    fleet.checkAlive();
  }

  /** First and last finished_at (epoch ms) over the tasks, after checking every one is SUCCESS. */
  private long[] finishedSpan(List<String> ids) {
    List<List<String>> fields = hmget(ids, "state", "finished_at");
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int i = 0; i < ids.size(); i++) {
      List<String> f = fields.get(i);
      if (!"SUCCESS".equals(f.get(0))) {
        throw new IllegalStateException("task " + ids.get(i) + " is " + f.get(0) + ", not SUCCESS");
      }
      long t = Instant.parse(f.get(1)).toEpochMilli();
      first = Math.min(first, t);
      last = Math.max(last, t);
    }
    return new long[] {first, last};
  }

  // --- latency -----------------------------------------------------------------------------

  /** Enqueue-to-start of each task, in ms, at a steady rate to idle workers. */
  private double[] latency(WorkerFleet fleet, int seconds, int rate, String label)
      throws Exception {
    long base = processed();
    OtherLoad other = OtherLoad.start();
    int n = seconds * rate;
    long periodNs = 1_000_000_000L / rate;
    List<String> ids = new ArrayList<>(n);
    long[] enqueuedUs = new long[n];
    long start = System.nanoTime() + periodNs;
    for (int i = 0; i < n; i++) {
      long due = start + i * periodNs;
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      enqueuedUs[i] = micros(CLOCK.instant());
      ids.add(enqueue(QUEUE));
    }
    awaitProcessed(fleet, base + n, Duration.ofMinutes(1));
    List<List<String>> fields = hmget(ids, "state", "started_at_us");
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      if (!"SUCCESS".equals(fields.get(i).get(0))) {
        throw new IllegalStateException("task " + ids.get(i) + " is " + fields.get(i).get(0));
      }
      ms[i] = (Long.parseLong(fields.get(i).get(1)) - enqueuedUs[i]) / 1000.0;
    }
    System.out.printf(
        Locale.ROOT,
        "latency    %-8s %d tasks at %d/s: p50 %.3f ms, p99 %.3f ms, max %.3f ms; "
            + "other load %.2f cores%n",
        label,
        n,
        rate,
        Stats.percentile(ms, 50),
        Stats.percentile(ms, 99),
        Stats.percentile(ms, 100),
        other.cores());
    System.out.println("           slowest (ms @ s into the run): " + slowest(ms, enqueuedUs, 5));
    Thread.sleep(1_000);
    return ms;
  }

  private static String slowest(double[] ms, long[] enqueuedUs, int k) {
    Integer[] order = new Integer[ms.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Double.compare(ms[b], ms[a]));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.min(k, order.length); i++) {
      int at = order[i];
      out.add(
          String.format(
              Locale.ROOT, "%.2f @ %.2f", ms[at], (enqueuedUs[at] - enqueuedUs[0]) / 1e6));
    }
    return String.join(", ", out);
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }

  // --- helpers -----------------------------------------------------------------------------

  private long processed() {
    String v = redis.with(j -> j.get(NS + ":stat:processed"));
    return v == null ? 0 : Long.parseLong(v);
  }

  private void awaitProcessed(WorkerFleet fleet, long target, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (processed() < target) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only " + processed() + " of " + target + " processed in " + timeout);
      }
      fleet.checkAlive();
      Thread.sleep(20);
    }
  }

  private List<List<String>> hmget(List<String> ids, String... fields) {
    return redis.with(
        j -> {
          List<List<String>> out = new ArrayList<>(ids.size());
          for (int from = 0; from < ids.size(); from += 1_000) {
            Pipeline p = j.pipelined();
            List<Response<List<String>>> responses = new ArrayList<>();
            for (String id : ids.subList(from, Math.min(ids.size(), from + 1_000))) {
              responses.add(p.hmget(TaskQueue.OWN + ":task:" + id, fields));
            }
            p.sync();
            responses.forEach(r -> out.add(r.get()));
          }
          return out;
        });
  }

  private static String join(List<Double> values, String format) {
    return String.join(
        ", ", values.stream().map(v -> String.format(Locale.ROOT, format, v)).toList());
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    opts.put("processes", "1,2");
    opts.put("concurrency", "2");
    opts.put("backlog", "50000");
    opts.put("warmup", "20000");
    opts.put("runs", "3");
    opts.put("rate", "100");
    opts.put("seconds", "10");
    opts.put("jvm", "-Xmx256m -XX:+UseParallelGC");
    opts.put("app.classpath", System.getProperty("java.class.path"));
    return Options.parse(opts, args);
  }
}
