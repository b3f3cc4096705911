package dev.reconciler.worker.metrics;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.runs.RunCounts;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.RunStore;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.core.store.ImportLog;
import dev.reconciler.worker.metrics.Exposition.Histogram;
import dev.reconciler.worker.metrics.Exposition.Sample;
import dev.reconciler.worker.queue.QueueInspector;
import dev.reconciler.worker.queue.QueueInspector.Head;
import dev.reconciler.worker.queue.QueueInspector.Reading;
import dev.reconciler.worker.queue.QueueInspector.WorkerView;
import dev.reconciler.worker.queue.RedisErrors;
import dev.reconciler.worker.queue.TaskQueue;
import dev.reconciler.worker.queue.TaskStats;
import dev.reconciler.worker.queue.TaskStats.Outcome;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's, the runs' and the imports' numbers as Prometheus text exposition, read fresh on
 * every scrape from Redis (through worker.queue), the run store and the import log. A scrape costs
 * a few commands per queue and per worker, one small hash per task name, one run-store query and
 * one of the import log (a row per import): never a scan of task states.
 */
public final class Metrics {
  private static final Logger log = LoggerFactory.getLogger(Metrics.class);

  /**
   * Runs read to find the last successful one: a day's runs and reruns many times over. Past that
   * many failed runs in a row the last-success metrics are absent, which the no-success alert reads
   * as no success.
   */
  static final int RECENT_RUNS = 200;

  /** Runs read first: the last success is almost always among them, and a scrape reads few rows. */
  static final int FIRST_RUNS = 10;

  private final QueueInspector inspector;
  private final TaskStats stats;
  private final RunStore runs;
  private final Supplier<Map<String, ImportLog.FormatImports>> imports;
  private final Clock clock;
  private int problems;

  /**
   * @param imports the imports of each processor format, read on each scrape
   */
  public Metrics(
      TaskQueue queue,
      RunStore runs,
      Supplier<Map<String, ImportLog.FormatImports>> imports,
      Clock clock) {
    this.inspector = new QueueInspector(queue);
    this.stats = new TaskStats(queue.redis());
    this.runs = runs;
    this.imports = imports;
    this.clock = clock;
  }

  /** Metrics over {@code runs} and the imports into the input tables of [paths] database. */
  public Metrics(Settings settings, TaskQueue queue, RunStore runs, Clock clock) {
    this(
        queue,
        runs,
        () -> ImportLog.byFormat(settings.database(), settings.paths().database()),
        clock);
  }

  /** Metrics over the run store the configuration names for [paths] database. */
  public static Metrics of(Settings settings, TaskQueue queue, Clock clock) {
    return new Metrics(
        settings, queue, RunStores.open(settings, settings.paths().database()), clock);
  }

  /** The content type of {@link #scrape}'s text, for an HTTP response. */
  public static String contentType() {
    return Exposition.contentType();
  }

  /**
   * Every metric, as text. A part that cannot be read (a Redis key of another type, an unreadable
   * run store) is left out and counted in {@code reconciler_metrics_problems}, so one bad key costs
   * its own samples, not the scrape.
   */
  public synchronized String scrape() {
    problems = 0;
    Exposition out = new Exposition();
    queues(out);
    jobs(out);
    tasks(out);
    runs(out);
    imports(out);
    out.gauge(
        "reconciler_metrics_problems",
        "Parts of this scrape that could not be read and were left out (see the log)",
        List.of(Sample.of(problems)));
    return out.text();
  }

  private void queues(Exposition out) {
    List<Sample> lengths = new ArrayList<>();
    List<Sample> ages = new ArrayList<>();
    long now = clock.millis();
    read(
        "queue lengths",
        () -> inspector.queueLengths(),
        m -> m.forEach((q, r) -> value(r, v -> lengths.add(Sample.of(v, "queue", q)))));
    read(
        "queue heads",
        () -> inspector.heads(),
        m -> m.forEach((q, r) -> value(r, head -> age(head, now, q, ages))));
    out.gauge("reconciler_queue_length", "Jobs waiting in each queue", lengths);
    out.gauge(
        "reconciler_queue_oldest_job_age_seconds",
        "Age of the job at the head of each queue (the next to run), 0 when the queue is empty; "
            + "absent when the job does not say when it was enqueued",
        ages);
  }

  /**
   * Seconds the head waited: 0 for an empty queue (and for a clock behind the enqueuer's); no
   * sample for a head that does not say when it was enqueued, rather than a made-up age.
   */
  private static void age(Head head, long nowMs, String queue, List<Sample> ages) {
    if (head == null) {
      ages.add(Sample.of(0, "queue", queue));
    } else if (head.enqueuedAtMs() != null) {
      ages.add(Sample.of(Math.max(0, nowMs - head.enqueuedAtMs()) / 1000.0, "queue", queue));
    }
  }

  private void jobs(Exposition out) {
    List<Sample> inFlight = new ArrayList<>();
    List<Sample> alive = new ArrayList<>();
    read(
        "workers",
        () -> inspector.workers(),
        workers -> {
          long jobs = 0;
          long live = 0;
          for (WorkerView w : workers) {
            jobs += w.inFlight().value() == null ? 0 : w.inFlight().value();
            problems += w.inFlight().problem() == null ? 0 : 1;
            live += w.heartbeatTtlMs() > 0 ? 1 : 0;
          }
          inFlight.add(Sample.of(jobs));
          alive.add(Sample.of(live));
        });
    out.gauge("reconciler_jobs_in_flight", "Jobs workers have taken and not finished", inFlight);
    out.gauge("reconciler_workers_alive", "Registered workers whose heartbeat is live", alive);
    out.gauge(
        "reconciler_jobs_delayed",
        "Jobs waiting for their time (countdown, ETA, retry)",
        one(inspector.delayed()));
    out.gauge("reconciler_jobs_failed", "Entries in the failed set", one(inspector.failedCount()));
  }

  private void tasks(Exposition out) {
    List<Sample> outcomes = new ArrayList<>();
    List<Histogram> durations = new ArrayList<>();
    read(
        "task stats",
        stats::read,
        all -> {
          for (TaskStats.Counts c : all) {
            for (Outcome o : Outcome.values()) {
              outcomes.add(Sample.of(c.of(o), "task", c.task(), "outcome", o.id()));
            }
            durations.add(
                new Histogram(
                    List.of("task", c.task()), TaskStats.BOUNDS, c.bucketCounts(), c.sumSeconds()));
          }
        });
    out.counter(
        "reconciler_tasks",
        "Runs of each task by outcome (succeeded, retried, failed), counted by every worker",
        outcomes);
    out.histogram(
        "reconciler_task_duration_seconds",
        "How long each task's runs took, whatever their outcome",
        durations);
  }

  private void runs(Exposition out) {
    List<Sample> date = new ArrayList<>();
    List<Sample> finished = new ArrayList<>();
    List<Sample> rate = new ArrayList<>();
    List<Sample> discrepancies = new ArrayList<>();
    List<Sample> rejected = new ArrayList<>();
    read(
        "run store",
        this::recentRuns,
        recent -> {
          RunRecord success = first(recent, RunRecord::isSuccess);
          if (success != null && success.businessDate() != null && success.finishedAt() != null) {
            date.add(
                Sample.of(success.businessDate().atStartOfDay(ZoneOffset.UTC).toEpochSecond()));
            finished.add(Sample.of(success.finishedAt().toEpochMilli() / 1000.0));
          }
          RunRecord last = first(recent, r -> r.finishedAt() != null);
          if (last != null) {
            lastRun(last, rate, discrepancies, rejected);
          }
        });
    out.gauge(
        "reconciler_last_success_business_date_seconds",
        "Business date of the last successful reconcile, as the Unix time of its midnight UTC",
        date);
    out.gauge(
        "reconciler_last_success_finished_timestamp_seconds",
        "When the last successful reconcile finished (Unix time)",
        finished);
    out.gauge(
        "reconciler_last_run_match_ratio",
        "Share of rows matched in the last finished run (0 to 1); absent if it had none",
        rate);
    out.gauge(
        "reconciler_last_run_discrepancies",
        "Findings of each kind in the last finished run",
        discrepancies);
    out.gauge(
        "reconciler_last_run_rejected_rows",
        "Rows the last finished run could not use: its tables' and its processor files' imports'",
        rejected);
  }

  private void imports(Exposition out) {
    List<Sample> at = new ArrayList<>();
    List<Sample> added = new ArrayList<>();
    List<Sample> rejected = new ArrayList<>();
    List<Sample> newestRow = new ArrayList<>();
    read(
        "import log",
        imports,
        byFormat ->
            byFormat.forEach(
                (format, imported) -> {
                  ImportLog.Entry entry = imported.latest();
                  at.add(Sample.of(entry.at().toEpochMilli() / 1000.0, "format", format));
                  added.add(Sample.of(entry.rowsAdded(), "format", format));
                  if (entry.rowsRejected() != null) {
                    rejected.add(Sample.of(entry.rowsRejected(), "format", format));
                  }
                  if (imported.newestRow() != null) {
                    newestRow.add(
                        Sample.of(imported.newestRow().toEpochMilli() / 1000.0, "format", format));
                  }
                }));
    out.gauge(
        "reconciler_last_import_timestamp_seconds",
        "When the latest import of each processor format committed (Unix time); absent for a"
            + " format never imported",
        at);
    out.gauge(
        "reconciler_last_import_rows_added",
        "Rows the latest import of each processor format added: 0 when its file held only rows"
            + " imported before (a file downloaded again)",
        added);
    out.gauge(
        "reconciler_last_import_rejected_rows",
        "Rows the latest import of each processor format rejected",
        rejected);
    out.gauge(
        "reconciler_import_newest_row_timestamp_seconds",
        "The latest row time any import of each processor format brought (Unix time): how fresh"
            + " the processor's data is",
        newestRow);
  }

  /** The newest runs, reaching further back only when the newest few hold no success. */
  private List<RunRecord> recentRuns() {
    List<RunRecord> recent = runs.recent(FIRST_RUNS);
    boolean more = recent.size() == FIRST_RUNS;
    return more && first(recent, RunRecord::isSuccess) == null ? runs.recent(RECENT_RUNS) : recent;
  }

  private static void lastRun(
      RunRecord last, List<Sample> rate, List<Sample> discrepancies, List<Sample> rejected) {
    BigDecimal percent = last.matchRatePercent();
    if (percent != null) {
      rate.add(Sample.of(percent.movePointLeft(2).doubleValue()));
    }
    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      Long n = last.counts().get(kind.id());
      if (n != null) {
        discrepancies.add(Sample.of(n, "kind", kind.id()));
      }
    }
    Long n = last.counts().get(RunCounts.REJECTED);
    if (n != null) {
      rejected.add(Sample.of(n));
    }
  }

  private static RunRecord first(List<RunRecord> runs, Predicate<RunRecord> wanted) {
    return runs.stream().filter(wanted).findFirst().orElse(null);
  }

  private List<Sample> one(Reading<Long> reading) {
    List<Sample> samples = new ArrayList<>(1);
    value(reading, v -> samples.add(Sample.of(v)));
    return samples;
  }

  private <T> void value(Reading<T> reading, Consumer<T> use) {
    if (reading.problem() != null) {
      problems++;
      log.warn("Metrics: {}", SafeText.line(reading.problem()));
      return;
    }
    use.accept(reading.value());
  }

  /**
   * Reads one part; a failure to read it is counted and logged, not thrown. Redis away is not a
   * partial scrape: that is thrown, for the caller to say so (an HTTP 503, a command's error).
   */
  private <T> void read(String what, Supplier<T> read, Consumer<T> use) {
    T value;
    try {
      value = read.get();
    } catch (RuntimeException e) {
      if (RedisErrors.isConnectionError(e)) {
        throw e;
      }
      problems++;
      log.warn(
          "Metrics: could not read the {}: {}",
          what,
          SafeText.line(String.valueOf(e.getMessage())));
      return;
    }
    use.accept(value);
  }
}
