package dev.reconciler.worker.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;

/**
 * Durable counts per task name: outcomes and a duration histogram, one hash {@code
 * reconciler:stats:<task>} each, so every worker's runs count and a scrape reads a few small hashes
 * instead of scanning task states.
 */
public final class TaskStats {
  /** How a run of a task ended. */
  public enum Outcome {
    SUCCEEDED,
    RETRIED,
    FAILED;

    /** Its hash field, and its label value in the metrics. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Upper bounds (seconds) of the duration buckets; past the last, a run counts in +Inf only. */
  public static final List<Double> BOUNDS =
      List.of(0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0);

  /** The set of task names that have stats: registered names only, so it stays small. */
  static final String TASKS = TaskQueue.OWN + ":stats:tasks";

  /** Most task names read: a bound whatever the set holds (someone else may write Redis). */
  static final int MAX_TASKS = 256;

  private static final String COUNT = "duration_count";
  private static final String SUM_US = "duration_sum_us";
  private static final String OVERFLOW = "le:+Inf";

  /**
   * Per-minute outcome counts, summed over tasks, for the console's tasks-per-minute chart: one
   * hash per minute ({@code reconciler:stats:minute:<epoch minute>}), expiring after this long.
   */
  static final Duration MINUTES_KEPT = Duration.ofHours(2);

  private final RedisConnector redis;
  private final Clock clock;

  public TaskStats(RedisConnector redis) {
    this(redis, Clock.systemUTC());
  }

  /** With the clock that says which minute a flush counts in. */
  public TaskStats(RedisConnector redis, Clock clock) {
    this.redis = redis;
    this.clock = clock;
  }

  /** Outcomes counted in one minute, over all tasks. */
  public record Minute(Instant start, long succeeded, long retried, long failed) {}

  /**
   * A task's numbers as Redis holds them.
   *
   * @param bucketCounts runs per duration bucket, not cumulative: one per {@link #BOUNDS} entry,
   *     then the runs longer than the last bound
   */
  public record Counts(
      String task,
      long succeeded,
      long retried,
      long failed,
      long[] bucketCounts,
      long count,
      double sumSeconds) {
    public long of(Outcome outcome) {
      return switch (outcome) {
        case SUCCEEDED -> succeeded;
        case RETRIED -> retried;
        case FAILED -> failed;
      };
    }
  }

  /** How long counted runs may wait in memory while the worker is busy. */
  static final Duration FLUSH_EVERY = Duration.ofSeconds(1);

  /** Per task, the hash fields counted since the last flush and by how much. */
  private final Map<String, Map<String, Long>> pending = new HashMap<>();

  private long lastFlush = System.nanoTime();

  /**
   * Counts one run of a registered task, its outcome and its duration, in memory until {@link
   * #flush}: a write per run was an extra round trip that halved a worker's throughput of short
   * tasks.
   */
  public synchronized void record(String task, Outcome outcome, Duration took) {
    long micros = Math.max(0, took.toNanos() / 1_000);
    Map<String, Long> fields = pending.computeIfAbsent(task, t -> new HashMap<>());
    fields.merge(outcome.id(), 1L, Long::sum);
    fields.merge(bucketField(micros / 1e6), 1L, Long::sum);
    fields.merge(COUNT, 1L, Long::sum);
    fields.merge(SUM_US, micros, Long::sum);
  }

  /** {@link #flush}es when runs have waited {@link #FLUSH_EVERY}. */
  public void flushIfDue() {
    boolean due;
    synchronized (this) {
      due = !pending.isEmpty() && System.nanoTime() - lastFlush >= FLUSH_EVERY.toNanos();
    }
    if (due) {
      flush();
    }
  }

  /**
   * Writes the runs counted since the last flush in one MULTI, so a histogram's buckets, count and
   * sum always agree. What a failed write held is dropped, not retried: a retry after a write that
   * did reach Redis would count twice, and the metrics may undercount, never overcount.
   */
  public void flush() {
    Map<String, Map<String, Long>> batch;
    synchronized (this) {
      lastFlush = System.nanoTime();
      if (pending.isEmpty()) {
        return;
      }
      batch = new HashMap<>(pending);
      pending.clear();
    }
    String minute = minuteKey(clock.millis() / 60_000);
    redis.with(
        j -> {
          Transaction t = j.multi();
          batch.forEach(
              (task, fields) -> {
                t.sadd(TASKS, task);
                fields.forEach((field, by) -> t.hincrBy(key(task), field, by));
                for (Outcome o : Outcome.values()) {
                  Long n = fields.get(o.id());
                  if (n != null) {
                    t.hincrBy(minute, o.id(), n);
                  }
                }
              });
          t.expire(minute, MINUTES_KEPT.toSeconds());
          t.exec();
          return null;
        });
  }

  /**
   * The last {@code count} minutes' outcome counts, oldest first, the current minute last, in one
   * round trip; a minute nothing was counted in (or whose key is not a hash) is all zeros.
   */
  public List<Minute> lastMinutes(int count) {
    long now = clock.millis() / 60_000;
    return redis.with(
        j -> {
          Pipeline p = j.pipelined();
          List<Response<Map<String, String>>> hashes = new ArrayList<>(count);
          for (long m = now - count + 1; m <= now; m++) {
            hashes.add(p.hgetAll(minuteKey(m)));
          }
          p.sync();
          List<Minute> minutes = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            Map<String, String> h = hashOrEmpty(hashes.get(i));
            minutes.add(
                new Minute(
                    Instant.ofEpochSecond((now - count + 1 + i) * 60),
                    number(h.get(Outcome.SUCCEEDED.id())),
                    number(h.get(Outcome.RETRIED.id())),
                    number(h.get(Outcome.FAILED.id()))));
          }
          return minutes;
        });
  }

  private static String minuteKey(long epochMinute) {
    return TaskQueue.OWN + ":stats:minute:" + epochMinute;
  }

  /**
   * Every task's counts, by task name, in two round trips. Task names that are not tokens are
   * skipped (they are not ours), and a field that is not a number reads as 0.
   *
   * @throws WrongTypeKey when the set of task names is not a set
   */
  public List<Counts> read() {
    return redis.with(
        j -> {
          List<String> tasks = taskNames(j);
          Pipeline p = j.pipelined();
          List<Response<Map<String, String>>> hashes = new ArrayList<>(tasks.size());
          tasks.forEach(t -> hashes.add(p.hgetAll(key(t))));
          p.sync();
          List<Counts> all = new ArrayList<>(tasks.size());
          for (int i = 0; i < tasks.size(); i++) {
            Map<String, String> hash = hashOrEmpty(hashes.get(i));
            all.add(counts(tasks.get(i), hash));
          }
          return all;
        });
  }

  private static List<String> taskNames(Jedis j) {
    Set<String> members = WrongTypeKey.read(j, TASKS, "set", r -> r.smembers(TASKS));
    TreeSet<String> names = new TreeSet<>(members);
    names.removeIf(n -> !TaskPayloads.isToken(n));
    return new ArrayList<>(names).subList(0, Math.min(MAX_TASKS, names.size()));
  }

  /** A hash of another type reads as no stats: one bad key must not cost the whole scrape. */
  private static Map<String, String> hashOrEmpty(Response<Map<String, String>> response) {
    try {
      return response.get();
    } catch (RuntimeException e) {
      return Map.of();
    }
  }

  private static Counts counts(String task, Map<String, String> hash) {
    long[] buckets = new long[BOUNDS.size() + 1];
    for (int b = 0; b < BOUNDS.size(); b++) {
      buckets[b] = number(hash.get(bucketField(BOUNDS.get(b))));
    }
    buckets[BOUNDS.size()] = number(hash.get(OVERFLOW));
    return new Counts(
        task,
        number(hash.get(Outcome.SUCCEEDED.id())),
        number(hash.get(Outcome.RETRIED.id())),
        number(hash.get(Outcome.FAILED.id())),
        buckets,
        number(hash.get(COUNT)),
        number(hash.get(SUM_US)) / 1e6);
  }

  private static long number(String text) {
    if (text == null) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(text));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The field of the smallest bucket a duration fits in. */
  private static String bucketField(double seconds) {
    for (double bound : BOUNDS) {
      if (seconds <= bound) {
        return "le:" + bound;
      }
    }
    return OVERFLOW;
  }

  private static String key(String task) {
    return TaskQueue.OWN + ":stats:" + task;
  }
}
