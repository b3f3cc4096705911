package dev.reconciler.worker.queue;

import dev.reconciler.worker.task.TaskEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * One pooled connection a worker holds across its queue steps (it blocks on it while waiting for
 * work, so it cannot be shared); each step is the {@link TaskQueue} step of the same name. Closing
 * returns it to the pool.
 */
public final class QueueConnection implements AutoCloseable {
  private final TaskQueue queue;
  private final Jedis jedis;

  QueueConnection(TaskQueue queue, Jedis jedis) {
    this.queue = queue;
    this.jedis = jedis;
  }

  /** See {@link TaskQueue#pop}. */
  public Delivery pop(String worker, List<String> queues) {
    return queue.pop(jedis, worker, queues);
  }

  /** See {@link TaskQueue#awaitWork}. */
  public void awaitWork(String worker, List<String> queues, Duration timeout) {
    queue.awaitWork(jedis, worker, queues, timeout);
  }

  /** See {@link TaskQueue#succeed}. */
  public JobHold succeed(
      String worker, Delivery d, String taskId, String result, List<FollowUp> followUps) {
    return queue.succeed(jedis, worker, d, taskId, result, followUps);
  }

  /** See {@link TaskQueue#retry}. */
  public JobHold retry(String worker, Delivery d, TaskEnvelope next, Instant due, Throwable error) {
    return queue.retry(jedis, worker, d, next, due, error);
  }

  /** See {@link TaskQueue#defer}. */
  public JobHold defer(
      String worker, Delivery d, TaskEnvelope task, Instant due, Throwable reason) {
    return queue.defer(jedis, worker, d, task, due, reason);
  }

  /** See {@link TaskQueue#fail}. */
  public JobHold fail(
      String worker, Delivery d, String taskId, Throwable error, List<FollowUp> followUps) {
    return queue.fail(jedis, worker, d, taskId, error, followUps, List.of());
  }

  /** See {@link TaskQueue#fail(Jedis, String, Delivery, String, Throwable, List, List)}. */
  public JobHold fail(
      String worker,
      Delivery d,
      String taskId,
      Throwable error,
      List<FollowUp> followUps,
      List<FollowUp> groupFollowUps) {
    return queue.fail(jedis, worker, d, taskId, error, followUps, groupFollowUps);
  }

  /** See {@link TaskQueue#failRefused}. */
  public boolean failRefused(String worker, Delivery d, String taskId, Throwable error) {
    return queue.failRefused(jedis, worker, d, taskId, error);
  }

  /** See {@link TaskQueue#requeue}. */
  public JobHold requeue(String worker, Delivery d) {
    return queue.requeue(jedis, worker, d);
  }

  /** See {@link TaskQueue#promoteDue}. */
  public int promoteDue(int limit) {
    return queue.promoteDue(jedis, limit);
  }

  /** See {@link TaskQueue#reap}. */
  public int reap(String worker) {
    return queue.reap(jedis, worker);
  }

  Jedis jedis() {
    return jedis;
  }

  @Override
  public void close() {
    jedis.close();
  }
}
