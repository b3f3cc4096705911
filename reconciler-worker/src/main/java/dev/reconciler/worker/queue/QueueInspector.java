package dev.reconciler.worker.queue;

import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.worker.task.TaskEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import redis.clients.jedis.Jedis;

/**
 * Read-mostly views for operators: queue lengths, live workers, in-flight, delayed, failed. What it
 * returns is Redis data as plain text: callers escape it before printing.
 */
public final class QueueInspector {
  /** Most queues counted per worker name (a worker name lists its queues). */
  private static final int MAX_QUEUES_PER_WORKER = 64;

  /** Most characters read of a worker's current job: more than a line shows, bounded whatever. */
  private static final int MAX_CURRENT = 4096;

  /**
   * Failure records read from Redis in one call: a page as large as LRANGE pages usually are, so a
   * long list costs few round trips.
   */
  static final int PAGE_RECORDS = 100;

  /**
   * Bytes of failure records read in one call: the longest record read at all, so a page always has
   * room for one, and a list of records that large is read one record per call.
   */
  static final int PAGE_BYTES = Json.MAX_CHARS;

  private final TaskQueue queue;
  private final String ns;
  private final int pageRecords;
  private final int pageBytes;

  public QueueInspector(TaskQueue queue) {
    this(queue, PAGE_RECORDS, PAGE_BYTES);
  }

  /** With other page bounds, for tests that watch the paging. */
  QueueInspector(TaskQueue queue, int pageRecords, int pageBytes) {
    this.queue = queue;
    this.ns = queue.namespace();
    this.pageRecords = pageRecords;
    this.pageBytes = pageBytes;
  }

  /** A value read from Redis, or why it could not be: its key is of another type than ours. */
  public record Reading<T>(T value, String problem) {
    static <T> Reading<T> of(Supplier<T> read) {
      try {
        return new Reading<>(read.get(), null);
      } catch (WrongTypeKey e) {
        return new Reading<>(null, e.getMessage());
      }
    }
  }

  /** A Resque worker and what it runs now (a null value when idle). */
  public record WorkerView(
      String name, Reading<String> current, Reading<Long> inFlight, long heartbeatTtlMs) {}

  /**
   * A failure record with its index in the failed list. The scripts that delete or retry one check
   * that the list still holds it there by its bytes as stored, so those are kept, never Java's text
   * of them: a record that is not UTF-8 would come back altered and match nothing.
   */
  public static final class FailedView {
    private final long index;
    private final byte[] stored;
    private final FailureRecord failure;
    private final Unread unread;

    FailedView(long index, byte[] stored, FailureRecord failure) {
      this(index, stored, failure, null);
    }

    private FailedView(long index, byte[] stored, FailureRecord failure, Unread unread) {
      this.index = index;
      this.stored = stored;
      this.failure = failure;
      this.unread = unread;
    }

    /** A record too long to read, known by its length and SHA-1 (hex). */
    static FailedView unread(long index, long length, String sha1) {
      return new FailedView(
          index,
          null,
          FailureRecord.malformed(length + " bytes, over the " + Json.MAX_CHARS + "-byte limit"),
          new Unread(length, sha1));
    }

    public long index() {
      return index;
    }

    public FailureRecord failure() {
      return failure;
    }

    /** The record byte for byte as Redis holds it, null when it was too long to read. */
    byte[] stored() {
      return stored;
    }

    /** How a record too long to read is known, null for one that was read. */
    Unread unread() {
      return unread;
    }

    /** The same record at another index of the list (where it moved as others left). */
    FailedView at(long newIndex) {
      return new FailedView(newIndex, stored, failure, unread);
    }

    /**
     * The task its payload holds, read as strictly as a worker reads one; {@link BadPayload} says
     * why there is none. A record that is not UTF-8 holds none: its payload as read has \xHH where
     * the job had other bytes, so a retry would run a job that never failed.
     */
    TaskEnvelope task() {
      if (failure.problem() != null) {
        throw new BadPayload("malformed failure record: " + failure.problem());
      }
      TaskPayloads.requireUtf8(
          stored, "failure record", "shown as \\xHH; its job cannot be read as sent, delete it");
      return TaskPayloads.decode(failure.payload());
    }
  }

  /**
   * A worker's current job as pop.lua records it; a field it does not hold (or a record cut at
   * {@link #MAX_CURRENT} characters, or not JSON) is null.
   */
  public record CurrentJob(String queue, String runAt, String taskName, String taskId) {}

  /** Reads what {@link WorkerView#current} holds; never throws. */
  public static CurrentJob currentJob(String recorded) {
    try {
      com.fasterxml.jackson.databind.JsonNode n = Json.read(recorded);
      com.fasterxml.jackson.databind.JsonNode payload = n.path("payload");
      return new CurrentJob(
          textOrNull(n.get("queue")),
          textOrNull(n.get("run_at")),
          textOrNull(payload.get("class")),
          textOrNull(payload.path("vars").get("task_id")));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
      return new CurrentJob(null, null, null, null);
    }
  }

  private static String textOrNull(com.fasterxml.jackson.databind.JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : null;
  }

  /**
   * Length of every known queue, by name.
   *
   * @throws WrongTypeKey when the set of queues is not a set
   */
  public Map<String, Reading<Long>> queueLengths() {
    return queue
        .redis()
        .with(
            j -> {
              Map<String, Reading<Long>> lengths = new TreeMap<>();
              for (String q : members(j, ns + ":queues")) {
                lengths.put(q, Reading.of(() -> length(j, ns + ":queue:" + q)));
              }
              return lengths;
            });
  }

  /**
   * The job at the head of a queue (the next to run, so the one waiting longest).
   *
   * @param enqueuedAtMs when it was enqueued (epoch ms), or null when its payload does not say (not
   *     one Reconciler can read, e.g. pushed by a plain Resque client)
   */
  public record Head(Long enqueuedAtMs) {}

  /**
   * The head of each known queue, by queue, with one LINDEX per queue and no scan; the value is
   * null for an empty queue.
   *
   * @throws WrongTypeKey when the set of queues is not a set
   */
  public Map<String, Reading<Head>> heads() {
    return queue
        .redis()
        .with(
            j -> {
              Map<String, Reading<Head>> heads = new TreeMap<>();
              for (String q : members(j, ns + ":queues")) {
                String key = ns + ":queue:" + q;
                heads.put(
                    q,
                    Reading.of(
                        () -> head(WrongTypeKey.read(j, key, "list", r -> r.lindex(key, 0)))));
              }
              return heads;
            });
  }

  private static Head head(String payload) {
    if (payload == null) {
      return null;
    }
    try {
      return new Head(TaskPayloads.decode(payload).enqueuedAtMs());
    } catch (BadPayload e) {
      return new Head(null);
    }
  }

  /**
   * Every registered worker, by name.
   *
   * @throws WrongTypeKey when the set of workers is not a set
   */
  public List<WorkerView> workers() {
    return queue
        .redis()
        .with(
            j -> {
              List<WorkerView> views = new ArrayList<>();
              for (String w : new TreeSet<>(members(j, ns + ":workers"))) {
                views.add(
                    new WorkerView(
                        w,
                        Reading.of(() -> current(j, ns + ":worker:" + w)),
                        Reading.of(() -> inFlight(j, w)),
                        j.pttl(TaskQueue.OWN + ":heartbeat:" + w)));
              }
              return views;
            });
  }

  /**
   * Jobs in flight per queue, over every registered worker's in-flight lists (a worker's name says
   * which queues it serves): a command per worker and queue, no scan. A list of another type counts
   * as none.
   *
   * @throws WrongTypeKey when the set of workers is not a set
   */
  public Map<String, Long> inFlightByQueue() {
    return queue
        .redis()
        .with(
            j -> {
              Map<String, Long> byQueue = new TreeMap<>();
              for (String w : members(j, ns + ":workers")) {
                for (String q : queuesOf(w)) {
                  long n;
                  try {
                    n = length(j, ns + ":inflight:" + w + ":" + q);
                  } catch (WrongTypeKey e) {
                    n = 0;
                  }
                  byQueue.merge(q, n, Long::sum);
                }
              }
              return byQueue;
            });
  }

  /**
   * Delayed jobs per queue, from the counts the scripts keep beside the delayed set (one hash read,
   * not the set). Counts begin with the version that keeps them, so jobs delayed before it are not
   * in them; a count that is not a whole number above zero reads as none.
   */
  public Map<String, Long> delayedByQueue() {
    String key = TaskQueue.OWN + ":delayed:queues";
    Map<String, String> counts =
        queue.redis().with(j -> WrongTypeKey.read(j, key, "hash", r -> r.hgetAll(key)));
    Map<String, Long> byQueue = new TreeMap<>();
    counts.forEach(
        (q, n) -> {
          try {
            long count = Long.parseLong(n);
            if (count > 0) {
              byQueue.put(q, count);
            }
          } catch (NumberFormatException e) {
            // Not ours: none.
          }
        });
    return byQueue;
  }

  public Reading<Long> delayed() {
    String key = TaskQueue.OWN + ":delayed";
    return Reading.of(
        () -> queue.redis().with(j -> WrongTypeKey.read(j, key, "zset", r -> r.zcard(key))));
  }

  /** Tasks revoked within [worker] result_expiry_hours (the revoked ids revoke.lua keeps). */
  public Reading<Long> revokedCount() {
    String key = TaskQueue.OWN + ":revoked";
    return Reading.of(
        () -> queue.redis().with(j -> WrongTypeKey.read(j, key, "zset", r -> r.zcard(key))));
  }

  public Reading<Long> failedCount() {
    return Reading.of(() -> queue.redis().with(j -> length(j, ns + ":failed")));
  }

  private static Set<String> members(Jedis j, String key) {
    return WrongTypeKey.read(j, key, "set", r -> r.smembers(key));
  }

  private static long length(Jedis j, String key) {
    return WrongTypeKey.read(j, key, "list", r -> r.llen(key));
  }

  /** What the worker runs now, null when idle; at most what a screen line shows of it. */
  private static String current(Jedis j, String key) {
    String job = WrongTypeKey.read(j, key, "string", r -> r.getrange(key, 0, MAX_CURRENT - 1));
    return job.isEmpty() ? null : job;
  }

  /** Jobs in flight over the queues a worker's name lists. */
  private long inFlight(Jedis j, String worker) {
    long inFlight = 0;
    for (String q : queuesOf(worker)) {
      inFlight += length(j, ns + ":inflight:" + worker + ":" + q);
    }
    return inFlight;
  }

  /** The queues a worker serves, as its registered name ends with them ("host:pid-n:q1,q2"). */
  private static String[] queuesOf(String worker) {
    return worker.substring(worker.lastIndexOf(':') + 1).split(",", MAX_QUEUES_PER_WORKER);
  }

  /**
   * Every failure record in list order, read page by page: at most one page is held at a time, so a
   * failed list larger than this process's memory can still be listed.
   */
  public void forEachFailed(Consumer<FailedView> action) {
    scanFailed(
        f -> {
          action.accept(f);
          return false;
        });
  }

  /** The failure record with this task id or failed-list index (the first, if several). */
  public FailedView findFailed(String idOrIndex) {
    FailedView found =
        scanFailed(
            f ->
                String.valueOf(f.index()).equals(idOrIndex)
                    || idOrIndex.equals(f.failure().taskId()));
    if (found != null) {
      return found;
    }
    throw new UserError(
        "no failed job with task id or index '" + SafeText.line(idOrIndex, 200) + "'");
  }

  /** The first record, in list order, that {@code stop} accepts; null if none does. */
  private FailedView scanFailed(Predicate<FailedView> stop) {
    long index = 0;
    while (true) {
      List<FailedView> page = failedPage(index);
      if (page.isEmpty()) {
        return null;
      }
      for (FailedView f : page) {
        if (stop.test(f)) {
          return f;
        }
      }
      index += page.size();
    }
  }

  /**
   * The failure records from {@code first} on, as many as one page holds: at most {@link
   * #pageRecords} records and {@link #pageBytes} bytes, or one record alone. A record longer than
   * any failure record may be is not read, only marked.
   */
  public List<FailedView> failedPage(long first) {
    List<Object> entries = queue.failedPage(first, pageRecords, pageBytes, Json.MAX_CHARS);
    List<FailedView> page = new ArrayList<>(entries.size());
    for (Object entry : entries) {
      long index = first + page.size();
      if (entry instanceof byte[] stored) {
        page.add(new FailedView(index, stored, FailureRecord.read(stored)));
      } else {
        List<?> lengthAndDigest = (List<?>) entry;
        page.add(
            FailedView.unread(
                index,
                (Long) lengthAndDigest.get(0),
                new String((byte[]) lengthAndDigest.get(1), StandardCharsets.US_ASCII)));
      }
    }
    return page;
  }

  /** A failure record too long to read, as failed_page.lua names it: its length and SHA-1. */
  record Unread(long length, String sha1) {}

  /**
   * The chain with this id (the task id of its first link), or null when Redis holds none: unknown,
   * or older than the task states' expiry.
   *
   * @throws WrongTypeKey when the chain's key is not a hash
   */
  public ChainView chain(String chainId) {
    String key = TaskQueue.chainKey(chainId);
    Map<String, String> claimed = claims(key);
    // The links' states are read after their claims: a link that succeeded meanwhile has already
    // claimed its successor (one Lua step does both), which a view of the first claims would miss
    // and call the chain done. So the claims are read again, until they did not change.
    for (int attempt = 0; ; attempt++) {
      if (claimed.isEmpty()) {
        return null;
      }
      List<LocalDate> days = new ArrayList<>();
      List<String> taskIds = new ArrayList<>();
      new TreeMap<>(claimed)
          .forEach(
              (date, taskId) -> {
                LocalDate day = dateOrNull(date);
                if (day != null) {
                  days.add(day);
                  taskIds.add(taskId);
                }
              });
      // Every link's state in one pipelined round trip (a chain of a year has 366 links).
      List<List<String>> states = queue.stateFields(taskIds, "state");
      List<String> chords =
          queue.groupStates(taskIds.stream().map(GroupView::fannedOutAs).toList());
      List<ChainView.Link> links = new ArrayList<>(days.size());
      for (int i = 0; i < days.size(); i++) {
        links.add(
            new ChainView.Link(
                days.get(i), taskIds.get(i), linkState(states.get(i).get(0), chords.get(i))));
      }
      Map<String, String> again = claims(key);
      if (again.equals(claimed) || attempt == CHAIN_READS) {
        return new ChainView(chainId, untilOf(chainId), links);
      }
      claimed = again;
    }
  }

  /**
   * A link's state as the chain goes by: a link whose task succeeded by sending its date as a chord
   * (a sharded reconcile) is done when that chord is, and failed or revoked with it; until then it
   * is STARTED, so a chain is not DONE while its last date's parts and merge still run.
   */
  static String linkState(String task, String chord) {
    if (!"SUCCESS".equals(task) || chord == null) {
      return task;
    }
    return switch (chord) {
      case "SUCCESS", "FAILURE", "REVOKED" -> chord;
      default -> "STARTED";
    };
  }

  /** Reads of a chain before its view is given as it stands, even if links moved on meanwhile. */
  private static final int CHAIN_READS = 10;

  private Map<String, String> claims(String key) {
    return queue.redis().with(j -> WrongTypeKey.read(j, key, "hash", r -> r.hgetAll(key)));
  }

  /**
   * The ids of the newest chains, newest first.
   *
   * @throws WrongTypeKey when the index of chains is not a sorted set
   */
  public List<String> recentChains(int limit) {
    return newest(TaskQueue.OWN + ":chains", limit);
  }

  /** The newest {@code limit} members of an index scored by time, newest first. */
  private List<String> newest(String key, int limit) {
    return queue
        .redis()
        .with(
            j ->
                WrongTypeKey.read(
                    j, key, "zset", r -> List.copyOf(r.zrevrange(key, 0, limit - 1))));
  }

  /**
   * The group or chord with this id, with every member's state and result, or null when Redis holds
   * none: unknown, or older than the task states' expiry.
   *
   * @throws WrongTypeKey when the group's key is not a hash
   */
  public GroupView group(String groupId) {
    Map<String, String> hash = new TreeMap<>(queue.groupState(groupId));
    if (hash.isEmpty()) {
      return null;
    }
    int size = GroupView.size(hash.get("size"));
    List<GroupView.Member> members = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      members.add(member(GroupView.memberId(groupId, i)));
    }
    String callback = hash.get("callback");
    boolean chord = callback != null && !callback.isEmpty();
    long done = hash.keySet().stream().filter(k -> k.startsWith("ok.")).count();
    // What operators read of the hash: the per-member marks are shown as the members' states.
    hash.keySet().removeIf(k -> k.startsWith("ok.") || k.startsWith("callback_"));
    return new GroupView(
        groupId,
        chord ? GroupView.CHORD : GroupView.GROUP,
        size,
        done,
        hash,
        members,
        chord ? member(GroupView.callbackId(groupId)) : null);
  }

  private GroupView.Member member(String taskId) {
    Map<String, String> state;
    try {
      state = queue.state(taskId);
    } catch (WrongTypeKey e) {
      return new GroupView.Member(taskId, null, e.getMessage());
    }
    return new GroupView.Member(taskId, state.get("state"), state.get("result"));
  }

  /**
   * The ids of the newest groups and chords, newest first.
   *
   * @throws WrongTypeKey when the index of groups is not a sorted set
   */
  public List<String> recentGroups(int limit) {
    return newest(TaskQueue.OWN + ":groups", limit);
  }

  /** The chain a reconcile task belongs to, read from its state's args; null for none. */
  public static String chainOf(Map<String, String> state) {
    ReconcileArgs args = reconcileArgs(state);
    return args == null || args.chain() == null ? null : args.chain().id();
  }

  private LocalDate untilOf(String chainId) {
    Map<String, String> first;
    try {
      first = queue.state(chainId);
    } catch (WrongTypeKey e) {
      return null;
    }
    ReconcileArgs args = reconcileArgs(first);
    return args == null || args.chain() == null ? null : args.chain().until();
  }

  /** A task state's args as the reconcile task reads them, or null when they are not that. */
  /** A reconcile task's arguments as its state holds them, or null: another task, or unreadable. */
  public static ReconcileArgs reconcileArgs(Map<String, String> state) {
    if (!ReconcileArgs.TASK.equals(state.get("name")) || state.get("args") == null) {
      return null;
    }
    try {
      return ReconcileArgs.from(TaskPayloads.argsOf(state.get("args")));
    } catch (UserError e) {
      return null;
    }
  }

  private static LocalDate dateOrNull(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Deletes every failure record; returns how many. */
  public long purgeFailed() {
    return queue
        .redis()
        .with(
            j -> {
              long n = length(j, ns + ":failed");
              j.del(ns + ":failed");
              return n;
            });
  }
}
