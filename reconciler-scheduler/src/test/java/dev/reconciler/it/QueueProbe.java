package dev.reconciler.it;

import static org.awaitility.Awaitility.await;

import dev.reconciler.core.config.Settings;
import dev.reconciler.worker.queue.GroupView;
import dev.reconciler.worker.queue.QueueInspector;
import dev.reconciler.worker.queue.RedisConnector;
import dev.reconciler.worker.queue.Revocation;
import dev.reconciler.worker.queue.Signature;
import dev.reconciler.worker.queue.TaskClient;
import dev.reconciler.worker.queue.TaskQueue;
import dev.reconciler.worker.task.TaskEnvelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The test's side of the queue: sends tasks the way operators and the scheduler do, and reads
 * Resque's keys and our task state straight from Redis.
 */
final class QueueProbe implements AutoCloseable {
  private final RedisConnector redis;
  private final TaskQueue queue;
  private final TaskClient client;
  private final String ns;

  QueueProbe(String redisUrl, Settings settings) {
    Clock clock = Clock.systemUTC();
    this.redis = new RedisConnector(redisUrl, 2_000, 4);
    this.ns = settings.redis().namespace();
    this.queue = new TaskQueue(redis, ns, settings.worker().resultExpiry(), clock);
    this.client = new TaskClient(queue, settings, clock);
  }

  /** Enqueues a task now; returns its task id. */
  String send(String task, List<Object> args) {
    return client.send(task, args);
  }

  /** Enqueues a task with no arguments onto a queue, whatever its configured one; its task id. */
  String sendTo(String queueName, String task) {
    TaskEnvelope envelope = TaskEnvelope.create(task, List.of(), System.currentTimeMillis());
    queue.enqueue(queueName, envelope);
    return envelope.taskId();
  }

  /** Sends a group, or a chord with a callback, as 'enqueue group' and 'enqueue chord' do. */
  boolean sendGroup(String groupId, List<Signature> members, Signature callback) {
    return client.sendGroup(groupId, members, callback);
  }

  /** The group or chord as 'status' shows it; null when unknown. */
  GroupView group(String groupId) {
    return new QueueInspector(queue).group(groupId);
  }

  /** Holds a task until {@code eta}; returns its task id. */
  String sendAt(String task, List<Object> args, Instant eta) {
    return client.send(task, args, eta);
  }

  /** 'reconciler revoke', as the command does it. */
  Revocation revoke(String taskId, boolean terminate) {
    return client.revoke(taskId, terminate);
  }

  /** The task's state hash (state, worker, ...); empty when unknown. */
  Map<String, String> task(String taskId) {
    return queue.state(taskId);
  }

  String state(String taskId) {
    return task(taskId).get("state");
  }

  Set<String> workers() {
    return redis.with(j -> j.smembers(ns + ":workers"));
  }

  /** The Resque worker a child process registered (names embed the pid), if it has yet. */
  Optional<String> workerOf(ChildJvms.Child child) {
    String marker = ":" + child.pid() + "-";
    return workers().stream().filter(w -> w.contains(marker)).findFirst();
  }

  List<String> inflight(String worker, String queueName) {
    return redis.with(j -> j.lrange(ns + ":inflight:" + worker + ":" + queueName, 0, -1));
  }

  /** Waits until the child has registered its worker; returns the worker's name. */
  String awaitWorkerOf(ChildJvms.Child child) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> workerOf(child), o -> o.isPresent())
        .get();
  }

  /**
   * Waits until the task runs on the worker: STARTED there, its job in that worker's in-flight list
   * of the queue, so a kill now is a kill mid-run.
   */
  void awaitRunning(String taskId, String worker, String queueName, Duration timeout) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              Map<String, String> task = task(taskId);
              return "STARTED".equals(task.get("state"))
                  && worker.equals(task.get("worker"))
                  && inflight(worker, queueName).stream().anyMatch(job -> job.contains(taskId));
            });
  }

  /** Every in-flight list that holds a job (Redis drops empty lists). */
  Set<String> nonEmptyInflightLists() {
    return redis.with(j -> j.keys(ns + ":inflight:*"));
  }

  boolean exists(String key) {
    return redis.with(j -> j.exists(key));
  }

  /** Ids of tasks with this name in this state (scans the task hashes: tests only). */
  List<String> tasks(String name, String state) {
    return redis.with(
        j ->
            j.keys("reconciler:task:*").stream()
                .filter(k -> name.equals(j.hget(k, "name")) && state.equals(j.hget(k, "state")))
                .map(k -> k.substring("reconciler:task:".length()))
                .toList());
  }

  /** Keys matching a pattern (tests only). */
  Set<String> keys(String pattern) {
    return redis.with(j -> j.keys(pattern));
  }

  /** The failed list, oldest first. */
  List<String> failed() {
    return redis.with(j -> j.lrange(ns + ":failed", 0, -1));
  }

  long queueLength(String queueName) {
    return redis.with(j -> j.llen(ns + ":queue:" + queueName));
  }

  @Override
  public void close() {
    redis.close();
  }
}
