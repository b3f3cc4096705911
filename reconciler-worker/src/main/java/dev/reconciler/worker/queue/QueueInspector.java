package dev.reconciler.worker.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.worker.task.TaskEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import net.greghaines.jesque.JobFailure;
import net.greghaines.jesque.json.ObjectMapperFactory;

/** Read-mostly views for operators: queue lengths, live workers, in-flight, delayed, failed. */
public final class QueueInspector {
  private final TaskQueue queue;
  private final String ns;

  public QueueInspector(TaskQueue queue) {
    this.queue = queue;
    this.ns = queue.namespace();
  }

  /** A Resque worker and what it runs now (null when idle). */
  public record WorkerView(String name, String current, long inFlight, long heartbeatTtlMs) {}

  /** A failure record with its index in the failed list. */
  public record FailedView(long index, String record, JobFailure failure) {}

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
                for (String q : queues.split(",")) {
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
      views.add(new FailedView(i, records.get(i), parse(records.get(i))));
    }
    return views;
  }

  /**
   * Re-enqueues the failed task with this task id (or failed-list index), from its first attempt,
   * on the queue it failed on. Returns its task id.
   */
  public String retryFailed(String idOrIndex) {
    for (FailedView f : failed()) {
      String payload = payloadOf(f);
      TaskEnvelope task;
      try {
        task = TaskEnvelope.fromPayload(payload);
      } catch (TaskEnvelope.BadPayload e) {
        if (String.valueOf(f.index()).equals(idOrIndex)) {
          throw new UserError("failed job " + idOrIndex + " cannot be retried: " + e.getMessage());
        }
        continue;
      }
      if (task.taskId().equals(idOrIndex) || String.valueOf(f.index()).equals(idOrIndex)) {
        TaskEnvelope again = task.firstAttempt();
        if (!queue.retryFailed(f.index(), f.record(), f.failure().getQueue(), again)) {
          throw new UserError("the failed list changed meanwhile; run 'failed list' and try again");
        }
        return again.taskId();
      }
    }
    throw new UserError("no failed job with task id or index '" + idOrIndex + "'");
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

  private static String payloadOf(FailedView f) {
    try {
      return ObjectMapperFactory.get().writeValueAsString(f.failure().getPayload());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JobFailure parse(String record) {
    try {
      return ObjectMapperFactory.get().readValue(record, JobFailure.class);
    } catch (JsonProcessingException e) {
      JobFailure unreadable = new JobFailure();
      unreadable.setError("unreadable failure record: " + record);
      return unreadable;
    }
  }
}
