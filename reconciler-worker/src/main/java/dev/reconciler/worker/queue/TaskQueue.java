package dev.reconciler.worker.queue;

import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.worker.task.TaskEnvelope;
import dev.reconciler.worker.task.TaskState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Every move of a job between places (queue list, a worker's in-flight list, the delayed set, the
 * failed list, done) as one atomic Lua step over Resque's keys, plus task state under
 * "reconciler:". The only class that writes queue keys.
 */
public final class TaskQueue {
  /** Our own key prefix, beside Resque's namespace. */
  public static final String OWN = "reconciler";

  /**
   * Task ids kept in the index of recent tasks ({@code reconciler:tasks}, newest by first enqueue):
   * the window the console searches by name, date and state.
   */
  public static final int MAX_INDEXED_TASKS = 10_000;

  private final RedisConnector redis;
  private final String ns;
  private final long expirySeconds;
  private final Clock clock;

  public TaskQueue(RedisConnector redis, String namespace, Duration stateExpiry, Clock clock) {
    this.redis = redis;
    this.ns = namespace;
    this.expirySeconds = stateExpiry.toSeconds();
    this.clock = clock;
  }

  public RedisConnector redis() {
    return redis;
  }

  /** A pooled connection of its own for a worker's steps; the caller closes it. */
  public QueueConnection connect() {
    return new QueueConnection(this, redis.borrow());
  }

  public String namespace() {
    return ns;
  }

  // --- producers ---------------------------------------------------------------------------

  /** Appends a task to a queue; its state becomes PENDING. */
  public void enqueue(String queue, TaskEnvelope task) {
    enqueue(new FollowUp(queue, task));
  }

  /**
   * Appends a task to its queue; its state becomes PENDING. A chain link is enqueued only if its
   * date was not claimed in its chain before; returns whether it was enqueued.
   */
  public boolean enqueue(FollowUp task) {
    List<String> args = head();
    addFollowUps(args, List.of(task));
    return ((Long) redis.with(j -> Scripts.eval(j, "enqueue", args))) == 1L;
  }

  /** Holds a task until {@code due} (countdown / ETA); its state is PENDING with an eta. */
  public void enqueueAt(String queue, TaskEnvelope task, Instant due) {
    enqueueAt(new FollowUp(queue, task), due);
  }

  /**
   * Holds a task until {@code due} (countdown / ETA); its state is PENDING with an eta. A chain
   * link is held only if its date was not claimed in its chain before; returns whether it was.
   */
  public boolean enqueueAt(FollowUp task, Instant due) {
    List<String> args = head();
    args.add(String.valueOf(due.toEpochMilli()));
    args.add(task.queue());
    args.add(TaskPayloads.encode(task.task()));
    args.add(task.task().taskId());
    addLink(args, task);
    List<String> fields = pendingFields(task.queue(), task.task());
    fields.add("eta");
    fields.add(due.toString());
    addFields(args, fields);
    return ((Long) redis.with(j -> Scripts.eval(j, "schedule", args))) == 1L;
  }

  /**
   * Enqueues only if at least one of {@code fireKeys} was not set before (each is set now, for
   * {@code keyTtl}): the scheduler's guard against two instances enqueueing the same fire time, or
   * two catch-up chains for the same missed fire times.
   */
  public boolean enqueueOnce(List<String> fireKeys, Duration keyTtl, FollowUp task) {
    List<String> args = head();
    args.add(String.valueOf(keyTtl.toSeconds()));
    args.add(String.valueOf(fireKeys.size()));
    fireKeys.forEach(k -> args.add(OWN + ":fire:" + k));
    addFollowUps(args, List.of(task));
    return ((Long) redis.with(j -> Scripts.eval(j, "enqueue_once", args))) == 1L;
  }

  /** For each fire key (as passed to {@link #enqueueOnce}), whether it is set: fired already. */
  public List<Boolean> fired(List<String> fireKeys) {
    return redis.with(
        j -> {
          List<Boolean> set = new ArrayList<>(fireKeys.size());
          for (String key : fireKeys) {
            set.add(j.exists(OWN + ":fire:" + key));
          }
          return set;
        });
  }

  /** The Redis hash of a chain: each date claimed to the task id that runs it. */
  static String chainKey(String chainId) {
    return OWN + ":chain:" + chainId;
  }

  /**
   * Sends a group of tasks (a chord when {@code callback} is given) in one step: the group's state
   * PENDING and every member queued, the callback kept until every member succeeded. The members'
   * and callback's envelopes carry the group id and the ids derived from it ({@link
   * GroupView#memberId}); the caller built them so. Returns false, sending nothing, when the group
   * id was sent before.
   */
  boolean sendGroup(String groupId, List<FollowUp> members, FollowUp callback) {
    List<String> args = head();
    Instant now = Instant.ofEpochMilli(clock.millis());
    args.add(groupId);
    args.add(callback == null ? GroupView.GROUP : GroupView.CHORD);
    args.add(now.toString());
    args.add(String.valueOf(now.toEpochMilli()));
    if (callback == null) {
      args.addAll(List.of("", "", "", "0"));
    } else {
      args.add(callback.task().taskId());
      args.add(callback.queue());
      args.add(TaskPayloads.encode(callback.task()));
      addFields(args, pendingFields(callback.queue(), callback.task()));
    }
    addFollowUps(args, members);
    return ((Long) redis.with(j -> Scripts.eval(j, "group", args))) == 1L;
  }

  /**
   * Operator's revoke of a group: REVOKED, so its callback is never queued; null when there is no
   * such group, else its size. Its members are the caller's to revoke.
   *
   * @throws UserError for a group that has finished
   */
  Integer revokeGroup(String groupId) {
    List<String> args = head();
    args.add(groupId);
    args.add(now());
    List<?> result = (List<?>) redis.with(j -> Scripts.eval(j, "revoke_group", args));
    String outcome = (String) result.get(0);
    String detail = (String) result.get(1);
    return switch (outcome) {
      case "unknown" -> null;
      case "finished" ->
          throw new UserError(
              "group "
                  + groupId
                  + " has finished ("
                  + SafeText.line(detail, 40)
                  + "): only a pending or started group or chord can be revoked");
      default -> GroupView.size(detail);
    };
  }

  /**
   * Reads a group's hash (empty when unknown or expired).
   *
   * @throws WrongTypeKey when the group's key is not a hash
   */
  Map<String, String> groupState(String groupId) {
    String key = OWN + ":group:" + groupId;
    return redis.with(j -> WrongTypeKey.read(j, key, "hash", r -> r.hgetAll(key)));
  }

  /**
   * The state field of each of these groups, null for one unknown or expired, in one round trip.
   */
  List<String> groupStates(List<String> groupIds) {
    return pipelined(groupIds, (p, id) -> p.hget(OWN + ":group:" + id, "state"), null);
  }

  // --- workers -----------------------------------------------------------------------------

  /**
   * Takes the next job of the first non-empty queue into the worker's in-flight list, or null. A
   * job without a task id (pushed by another Resque client) gets a new one, in its payload.
   */
  public Delivery pop(Jedis jedis, String worker, List<String> queues) {
    Instant now = clock.instant();
    List<String> args = head();
    args.add(worker);
    args.add(Instant.ofEpochMilli(now.toEpochMilli()).toString());
    // Microseconds too: queue wait is well under a millisecond when workers are idle.
    args.add(String.valueOf(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000));
    args.add(UUID.randomUUID().toString());
    args.addAll(queues);
    Object result = Scripts.evalBytes(jedis, "pop", Scripts.bytes(args));
    if (!(result instanceof List<?> popped)) {
      return null;
    }
    return new Delivery(
        SafeEncoder.encode((byte[]) popped.get(0)),
        (byte[]) popped.get(1),
        ((Long) popped.get(2)).intValue());
  }

  /**
   * Blocks until work may have arrived on one of the queues, {@code worker} is told to stop ({@link
   * #wake}), or the timeout passes.
   */
  public void awaitWork(Jedis jedis, String worker, List<String> queues, Duration timeout) {
    List<String> keys = new ArrayList<>(queues.size() + 1);
    queues.forEach(q -> keys.add(OWN + ":wake:" + q));
    keys.add(stopKey(worker));
    int seconds = (int) Math.max(1, timeout.toSeconds());
    jedis.blpop(seconds, keys.toArray(String[]::new));
  }

  /**
   * Ends {@code worker}'s wait for work now, as it is to stop: a warm shutdown of an idle worker
   * then takes no second. The push expires if no wait reads it (the worker was busy).
   */
  public void wake(String worker) {
    String key = stopKey(worker);
    redis.with(
        j -> {
          Pipeline p = j.pipelined();
          p.rpush(key, "1");
          p.expire(key, STOP_KEY_SECONDS);
          p.sync();
          return null;
        });
  }

  private static final int STOP_KEY_SECONDS = 60;

  private static String stopKey(String worker) {
    return OWN + ":wake:stop:" + worker;
  }

  /**
   * The job succeeded: done, SUCCESS, and its follow-up tasks enqueued, atomically; nothing is
   * recorded when another delivery of it took over ({@link JobHold#TAKEN}), nor twice.
   */
  public JobHold succeed(
      Jedis jedis,
      String worker,
      Delivery d,
      String taskId,
      String result,
      List<FollowUp> followUps) {
    List<String> args = new ArrayList<>();
    args.add(taskId == null ? "" : taskId);
    args.add(now());
    args.add(result == null ? "" : result);
    addFollowUps(args, followUps);
    return JobHold.of(Scripts.evalBytes(jedis, "ack", jobArgs(worker, d, args)));
  }

  /** The job failed and runs again at {@code due} as {@code next}; state RETRY with the error. */
  public JobHold retry(
      Jedis jedis, String worker, Delivery d, TaskEnvelope next, Instant due, Throwable error) {
    return holdUntil(jedis, worker, d, next.attempt() - 1, next, due, error);
  }

  /**
   * The job waits for something else (another holder's claim) and runs again at {@code due} as the
   * same attempt: state RETRY with the reason, at the attempt it is at, none of its tries spent.
   */
  public JobHold defer(
      Jedis jedis, String worker, Delivery d, TaskEnvelope task, Instant due, Throwable reason) {
    return holdUntil(jedis, worker, d, task.attempt(), task, due, reason);
  }

  /** Out of flight into the delayed set as {@code next}, {@code attempt} being the one that ran. */
  private JobHold holdUntil(
      Jedis jedis,
      String worker,
      Delivery d,
      int attempt,
      TaskEnvelope next,
      Instant due,
      Throwable error) {
    List<String> args = new ArrayList<>();
    args.add(next.taskId());
    args.add(String.valueOf(due.toEpochMilli()));
    args.add(TaskPayloads.encode(next));
    List<String> fields = errorFields(TaskState.RETRY, error);
    fields.addAll(List.of("retry_at", due.toString(), "attempt", String.valueOf(attempt)));
    addFields(args, fields);
    args.add(attemptEntry(attempt, TaskState.RETRY, worker, error));
    return JobHold.of(Scripts.evalBytes(jedis, "retry", jobArgs(worker, d, args)));
  }

  /**
   * The job failed for good: a Resque failure record in the failed list, state FAILURE, and the
   * follow-ups (the failure alert) enqueued, atomically. Without a task id (a payload Java could
   * not read) the script marks the task pop.lua marked STARTED, if any: state and failed list
   * always agree.
   */
  public JobHold fail(
      Jedis jedis,
      String worker,
      Delivery d,
      String taskId,
      Throwable error,
      List<FollowUp> followUps) {
    return fail(jedis, worker, d, taskId, error, followUps, List.of());
  }

  /**
   * As {@link #fail(Jedis, String, Delivery, String, Throwable, List)}, for a member or callback of
   * a group: the group fails too, and {@code groupFollowUps} (its failure alert) are enqueued only
   * if it failed in this step, so however many members fail, they are enqueued once.
   */
  public JobHold fail(
      Jedis jedis,
      String worker,
      Delivery d,
      String taskId,
      Throwable error,
      List<FollowUp> followUps,
      List<FollowUp> groupFollowUps) {
    List<String> args = failureArgs(worker, d, taskId, error);
    args.add(attemptEntry(attemptOf(d), TaskState.FAILURE, worker, error));
    addFollowUps(args, followUps);
    addFollowUps(args, groupFollowUps);
    return JobHold.of(Scripts.evalBytes(jedis, "fail", jobArgs(worker, d, args)));
  }

  /**
   * For a job whose outcome Redis refused for its data: into the failed list with {@code error},
   * out of flight, state FAILURE where Redis lets it be written, no follow-up queued
   * (fail_refused.lua). The refused step may have taken the job out of flight before its refusal
   * (Redis keeps a script's writes up to its error): a job whose task is still this worker's and
   * that is in no queue is recorded too. Returns false when the job is not this worker's to record
   * (another delivery's, or ended); then nothing was written.
   */
  public boolean failRefused(
      Jedis jedis, String worker, Delivery d, String taskId, Throwable error) {
    List<String> args = failureArgs(worker, d, taskId, error);
    return (Long) Scripts.evalBytes(jedis, "fail_refused", jobArgs(worker, d, args)) >= 0;
  }

  /** What a failure step's script reads first: the task id, its failure record, its state. */
  private List<String> failureArgs(String worker, Delivery d, String taskId, Throwable error) {
    List<String> args = new ArrayList<>();
    args.add(taskId == null ? "" : taskId);
    args.add(failureRecord(worker, d, error));
    List<String> fields = errorFields(TaskState.FAILURE, error);
    fields.addAll(List.of("finished_at", now()));
    addFields(args, fields);
    return args;
  }

  /** A failed attempt as the task's history keeps it (see {@link #attempts}). */
  private String attemptEntry(Integer attempt, TaskState state, String worker, Throwable error) {
    Map<String, Object> entry = new java.util.LinkedHashMap<>();
    entry.put("attempt", attempt);
    entry.put("state", state.name());
    entry.put("at", now());
    entry.put("worker", worker);
    entry.put("error_type", error.getClass().getName());
    entry.put(
        "error", FailureRecord.capped(String.valueOf(error.getMessage()), FailureRecord.MAX_TEXT));
    entry.put("traceback", traceback(error));
    return Json.write(entry);
  }

  /** The attempt a delivered job says it is, or null when its payload cannot be read. */
  private static Integer attemptOf(Delivery d) {
    try {
      return d.task().attempt();
    } catch (BadPayload e) {
      return null;
    }
  }

  /**
   * A failed attempt of a task, as its history holds it; a field the entry lacks is null.
   *
   * @param state RETRY (it was retried) or FAILURE (it failed for good)
   */
  public record Attempt(
      Integer attempt,
      String state,
      String at,
      String worker,
      String errorType,
      String error,
      String traceback) {}

  /**
   * The task's failed attempts, oldest first (the newest 10): each with its error and traceback. An
   * entry that is not one reads as an attempt with only its error saying so.
   */
  public List<Attempt> attempts(String taskId) {
    String key = OWN + ":attempts:" + taskId;
    List<String> entries =
        redis.with(j -> WrongTypeKey.read(j, key, "list", r -> r.lrange(key, 0, -1)));
    List<Attempt> attempts = new ArrayList<>(entries.size());
    for (String entry : entries) {
      attempts.add(attempt(entry));
    }
    return attempts;
  }

  private static Attempt attempt(String entry) {
    try {
      com.fasterxml.jackson.databind.JsonNode n = Json.read(entry);
      com.fasterxml.jackson.databind.JsonNode number = n.get("attempt");
      return new Attempt(
          number != null && number.canConvertToInt() && number.isIntegralNumber()
              ? number.intValue()
              : null,
          text(n, "state"),
          text(n, "at"),
          text(n, "worker"),
          text(n, "error_type"),
          text(n, "error"),
          text(n, "traceback"));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
      return new Attempt(null, null, null, null, null, "unreadable history entry", null);
    }
  }

  private static String text(com.fasterxml.jackson.databind.JsonNode n, String field) {
    com.fasterxml.jackson.databind.JsonNode v = n.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  /** Warm shutdown past its grace: the job goes back to the head of its queue. */
  public JobHold requeue(Jedis jedis, String worker, Delivery d) {
    return JobHold.of(Scripts.evalBytes(jedis, "requeue_own", jobArgs(worker, d, List.of())));
  }

  /**
   * For a worker that found its heartbeat gone while running {@code d}: whether it still holds the
   * job. One a reaper returned that no one took since goes back into its in-flight list.
   */
  public JobHold hold(String worker, Delivery d) {
    return JobHold.of(redis.with(j -> Scripts.evalBytes(j, "hold", jobArgs(worker, d, List.of()))));
  }

  /** Moves due delayed jobs onto their queues; returns how many. */
  public int promoteDue(Jedis jedis, int limit) {
    List<String> args = head();
    args.add(String.valueOf(clock.millis()));
    args.add(String.valueOf(limit));
    return ((Long) Scripts.eval(jedis, "promote", args)).intValue();
  }

  /**
   * Recovers a worker whose heartbeat expired; returns the jobs moved back, -1 if alive or gone.
   */
  public int reap(Jedis jedis, String worker) {
    return reap(jedis, worker, "");
  }

  /**
   * A worker of this process at its clean stop, or at start under the name of a process that died:
   * its in-flight jobs back to the head of their queues, counted as returns as the reaper counts
   * them, and its Resque entries and heartbeat removed. Returns the jobs moved back.
   */
  public int release(String worker) {
    return redis.with(j -> reap(j, worker, "1"));
  }

  private int reap(Jedis jedis, String worker, String release) {
    List<String> args = head();
    args.add(worker);
    args.add(release);
    return ((Long) Scripts.eval(jedis, "reap", args)).intValue();
  }

  /**
   * Operator's retry of the failure record at {@code index}, if it is still {@code record} (as
   * stored, byte for byte).
   */
  boolean retryFailed(long index, byte[] record, String queue, TaskEnvelope task) {
    List<String> rest = new ArrayList<>();
    rest.add(queue);
    rest.add(TaskPayloads.encode(task));
    rest.add(task.taskId());
    List<String> fields = pendingFields(queue, task);
    // A poison job retried by hand gets its full allowance of worker deaths again.
    fields.addAll(List.of("redeliveries", "0"));
    addFields(rest, fields);
    List<byte[]> args = withStored(List.of(String.valueOf(index)), record, rest);
    return ((Long) redis.with(j -> Scripts.evalBytes(j, "retry_failed", args))) == 1L;
  }

  /**
   * Operator's delete of the failure record at {@code index}, if it is still {@code record} (as
   * stored, byte for byte).
   */
  boolean deleteFailed(long index, byte[] record) {
    List<byte[]> args = withStored(List.of(String.valueOf(index)), record, List.of());
    return ((Long) redis.with(j -> Scripts.evalBytes(j, "delete_failed", args))) == 1L;
  }

  /**
   * Deletes the failure record at {@code index} that was too long to read, if it still has this
   * length and SHA-1 (hex), as {@link #failedPage} gave them; false when the list changed.
   */
  boolean deleteFailedUnread(long index, long length, String sha1) {
    List<String> args = head();
    args.addAll(List.of(String.valueOf(index), String.valueOf(length), sha1));
    return ((Long) redis.with(j -> Scripts.eval(j, "delete_failed_unread", args))) == 1L;
  }

  /**
   * Ids of the newest {@code limit} tasks in the index of recent tasks, newest first.
   *
   * @throws WrongTypeKey when the index is not a sorted set
   */
  public List<String> recentTaskIds(int limit) {
    String key = OWN + ":tasks";
    return redis.with(
        j -> WrongTypeKey.read(j, key, "zset", r -> List.copyOf(r.zrevrange(key, 0, limit - 1))));
  }

  /**
   * The given fields of each task's state hash, in one round trip; a field missing (or a task whose
   * key is not a hash) is null.
   */
  public List<List<String>> stateFields(List<String> taskIds, String... fields) {
    return pipelined(
        taskIds,
        (p, id) -> p.hmget(OWN + ":task:" + id, fields),
        java.util.Collections.nCopies(fields.length, null));
  }

  /**
   * One reply per key, asked by {@code ask} in one pipelined round trip; {@code unreadable} for a
   * key whose reply is an error (a key of another type).
   */
  private <T> List<T> pipelined(
      List<String> ids,
      java.util.function.BiFunction<Pipeline, String, Response<T>> ask,
      T unreadable) {
    return redis.with(
        j -> {
          Pipeline p = j.pipelined();
          List<Response<T>> replies = new ArrayList<>();
          ids.forEach(id -> replies.add(ask.apply(p, id)));
          p.sync();
          List<T> rows = new ArrayList<>(ids.size());
          for (Response<T> r : replies) {
            T row;
            try {
              row = r.get();
            } catch (RuntimeException e) {
              row = unreadable;
            }
            rows.add(row);
          }
          return rows;
        });
  }

  /**
   * Operator's revoke: marks the task revoked and takes its waiting job out of its queue and the
   * delayed set in one step (see revoke.lua); a running task is marked, and with {@code terminate}
   * its worker stops it. The caller has checked that {@code taskId} is a task id.
   *
   * @throws UserError for an unknown task or one that has finished
   */
  Revocation revoke(String taskId, boolean terminate) {
    List<String> args = head();
    args.add(taskId);
    Instant now = Instant.ofEpochMilli(clock.millis());
    args.add(String.valueOf(now.toEpochMilli()));
    args.add(now.toString());
    args.add(terminate ? "1" : "0");
    List<?> result = (List<?>) redis.with(j -> Scripts.eval(j, "revoke", args));
    String outcome = (String) result.get(0);
    String detail = (String) result.get(1);
    return switch (outcome) {
      case "unknown" ->
          throw new UserError(
              "no task "
                  + taskId
                  + " (unknown, or older than [worker] result_expiry_hours): nothing to revoke");
      case "finished" ->
          throw new UserError(
              "task "
                  + taskId
                  + " has finished ("
                  + SafeText.line(detail, 40)
                  + "): only a queued, delayed or running task can be revoked");
      case "removed" -> new Revocation(Revocation.Outcome.REMOVED, detail);
      case "marked" -> new Revocation(Revocation.Outcome.MARKED, detail);
      default -> new Revocation(Revocation.Outcome.RUNNING, detail);
    };
  }

  /**
   * Whether an operator asked with {@code revoke --terminate} that this running task be stopped:
   * its worker checks while it runs.
   */
  public boolean terminateRequested(String taskId) {
    String key = OWN + ":task:" + taskId;
    try {
      // Asked every half second of every running task: one round trip, TYPE only on a failure.
      return "1"
          .equals(
              redis.with(j -> WrongTypeKey.read(j, key, "hash", r -> r.hget(key, "terminate"))));
    } catch (WrongTypeKey e) {
      return false;
    }
  }

  /**
   * Up to {@code maxRecords} entries of the failed list from index {@code first}, together at most
   * {@code maxBytes} long (but at least one); each entry is the record as stored (a {@code
   * byte[]}), or when it is longer than {@code maxRecordBytes} a list of its length in bytes (a
   * {@link Long}) and its SHA-1 in hex (a {@code byte[]}). Empty past the end.
   *
   * @throws WrongTypeKey when the failed list is not a list
   */
  List<Object> failedPage(long first, int maxRecords, long maxBytes, long maxRecordBytes) {
    List<String> args = head();
    args.add(String.valueOf(first));
    args.add(String.valueOf(maxRecords));
    args.add(String.valueOf(maxBytes));
    args.add(String.valueOf(maxRecordBytes));
    String key = ns + ":failed";
    List<byte[]> bytes = Scripts.bytes(args);
    @SuppressWarnings("unchecked")
    List<Object> page =
        (List<Object>)
            redis.with(
                j ->
                    WrongTypeKey.read(
                        j, key, "list", r -> Scripts.evalBytes(r, "failed_page", bytes)));
    return page;
  }

  // --- helpers -----------------------------------------------------------------------------

  private List<String> head() {
    List<String> args = new ArrayList<>(16);
    args.add(ns);
    args.add(OWN);
    args.add(String.valueOf(expirySeconds));
    return args;
  }

  /**
   * The arguments of a script about a worker's job: the head, the worker, the queue and the job's
   * payload as stored, by which the script finds it; then {@code rest}.
   */
  private List<byte[]> jobArgs(String worker, Delivery d, List<String> rest) {
    return withStored(List.of(worker, d.queue()), d.stored(), rest);
  }

  /**
   * The head, {@code before}, a value as Redis stores it (a job or failure record the script finds
   * by its bytes: Java's text of bytes that are not UTF-8 would match nothing), then {@code after}.
   */
  private List<byte[]> withStored(List<String> before, byte[] stored, List<String> after) {
    List<byte[]> args = Scripts.bytes(head());
    args.addAll(Scripts.bytes(before));
    args.add(stored);
    args.addAll(Scripts.bytes(after));
    return args;
  }

  /** A state update: the field count, then field/value pairs. */
  private static void addFields(List<String> args, List<String> fields) {
    args.add(String.valueOf(fields.size()));
    args.addAll(fields);
  }

  private void addFollowUps(List<String> args, List<FollowUp> followUps) {
    args.add(String.valueOf(followUps.size()));
    followUps.forEach(f -> addGroup(args, f));
  }

  private void addGroup(List<String> args, FollowUp f) {
    args.add(f.queue());
    args.add(TaskPayloads.encode(f.task()));
    args.add(f.task().taskId());
    addLink(args, f);
    List<String> fields = pendingFields(f.queue(), f.task());
    addFields(args, fields);
  }

  /** A chain link as the scripts read it: chain id ('' for none), date, and the index's score. */
  private static void addLink(List<String> args, FollowUp f) {
    ChainLink link = f.link();
    if (link != null && !TaskPayloads.isToken(link.chainId())) {
      throw new BadPayload("chain id " + SafeText.line(link.chainId(), 40) + " is not a task id");
    }
    args.add(link == null ? "" : link.chainId());
    args.add(link == null ? "" : link.date().toString());
    args.add(String.valueOf(f.task().enqueuedAtMs()));
  }

  private List<String> pendingFields(String queue, TaskEnvelope task) {
    String argsJson = Json.write(task.args());
    List<String> fields =
        new ArrayList<>(
            List.of(
                "state",
                TaskState.PENDING.name(),
                "name",
                task.name(),
                "queue",
                queue,
                "args",
                argsJson,
                "attempt",
                String.valueOf(task.attempt()),
                "enqueued_at",
                now()));
    if (task.group() != null) {
      // revoke.lua reads it: revoking a member revokes its group, which can no longer finish.
      fields.addAll(List.of("group", task.group()));
    }
    return fields;
  }

  private static List<String> errorFields(TaskState state, Throwable error) {
    return new ArrayList<>(
        List.of(
            "state",
            state.name(),
            "error_type",
            error.getClass().getName(),
            "error",
            FailureRecord.capped(String.valueOf(error.getMessage()), FailureRecord.MAX_TEXT),
            "traceback",
            traceback(error)));
  }

  private String failureRecord(String worker, Delivery d, Throwable error) {
    return FailureRecord.write(worker, d, error, traceback(error), clock.instant());
  }

  private static String traceback(Throwable error) {
    StringWriter out = new StringWriter();
    error.printStackTrace(new PrintWriter(out));
    return FailureRecord.capped(out.toString(), FailureRecord.MAX_TEXT);
  }

  private String now() {
    return Instant.ofEpochMilli(clock.millis()).toString();
  }

  /**
   * Reads a task's state hash (empty when unknown or expired).
   *
   * @throws WrongTypeKey when the task's key is not a hash
   */
  public Map<String, String> state(String taskId) {
    String key = OWN + ":task:" + taskId;
    return redis.with(j -> WrongTypeKey.read(j, key, "hash", r -> r.hgetAll(key)));
  }
}
