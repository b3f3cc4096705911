package dev.reconciler.worker.queue;

import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Read-mostly views for operators: queue lengths, live workers, in-flight, delayed, failed. What it
 * returns is Redis data as plain text: callers escape it before printing.
 */
public final class QueueInspector {
  /** Most queues counted per worker name (a worker name lists its queues). */
  private static final int MAX_QUEUES_PER_WORKER = 64;

  private final TaskQueue queue;
  private final String ns;

  public QueueInspector(TaskQueue queue) {
    this.queue = queue;
    this.ns = queue.namespace();
  }

  /** A Resque worker and what it runs now (null when idle). */
  public record WorkerView(String name, String current, long inFlight, long heartbeatTtlMs) {}

  /** A failure record with its index in the failed list. */
  public record FailedView(long index, String record, FailureRecord failure) {}

  /** Length of every known queue, by name. */
  public Map<String, Long> queueLengths() {
    return queue
        .redis()
        .with(
            j -> {
              Map<String, Long> lengths = new TreeMap<>();
              for (String q : j.smembers(ns + ":queues")) {
                lengths.put(q, j.llen(ns + ":queue:" + q));
              }
              return lengths;
            });
  }

  public List<WorkerView> workers() {
    return queue
        .redis()
        .with(
            j -> {
              List<WorkerView> views = new ArrayList<>();
              for (String w : new TreeSet<>(j.smembers(ns + ":workers"))) {
                long inFlight = 0;
                String queues = w.substring(w.lastIndexOf(':') + 1);
                for (String q : queues.split(",", MAX_QUEUES_PER_WORKER)) {
                  inFlight += j.llen(ns + ":inflight:" + w + ":" + q);
                }
                views.add(
                    new WorkerView(
                        w,
                        j.get(ns + ":worker:" + w),
                        inFlight,
                        j.pttl(TaskQueue.OWN + ":heartbeat:" + w)));
              }
              return views;
            });
  }

  public long delayed() {
    return queue.redis().with(j -> j.zcard(TaskQueue.OWN + ":delayed"));
  }

  public long failedCount() {
    return queue.redis().with(j -> j.llen(ns + ":failed"));
  }

  public List<FailedView> failed() {
    List<String> records = queue.redis().with(j -> j.lrange(ns + ":failed", 0, -1));
    List<FailedView> views = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      views.add(new FailedView(i, records.get(i), FailureRecord.read(records.get(i))));
    }
    return views;
  }

  /** The failure record with this task id or failed-list index (the first, if several). */
  public FailedView findFailed(String idOrIndex) {
    for (FailedView f : failed()) {
      if (String.valueOf(f.index()).equals(idOrIndex) || idOrIndex.equals(f.failure().taskId())) {
        return f;
      }
    }
    throw new UserError(
        "no failed job with task id or index '" + SafeText.line(idOrIndex, 200) + "'");
  }

  /** Deletes every failure record; returns how many. */
  public long purgeFailed() {
    return queue
        .redis()
        .with(
            j -> {
              long n = j.llen(ns + ":failed");
              j.del(ns + ":failed");
              return n;
            });
  }
}
