package dev.reconciler.worker.queue;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.worker.task.TaskEnvelope;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Sends tasks, like Celery's apply_async: by name, to the task's configured queue, now or later.
 */
public final class TaskClient {
  /**
   * The latest time a task may be held until: the latest a payload's enqueued_at may hold, past
   * which no date format shows the time (and the delayed set's score would overflow).
   */
  public static final Instant LATEST_ETA = Instant.ofEpochMilli(TaskPayloads.MAX_EPOCH_MS);

  private final TaskQueue queue;
  private final Settings settings;
  private final Clock clock;

  public TaskClient(TaskQueue queue, Settings settings, Clock clock) {
    this.queue = queue;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * The time {@code seconds} from {@code now}, for a countdown.
   *
   * @param option how the user gave it, for the error
   * @throws UserError when negative or past {@link #LATEST_ETA}
   */
  public static Instant countdown(Instant now, long seconds, String option) {
    long max = java.time.Duration.between(now, LATEST_ETA).toSeconds();
    if (seconds < 0 || seconds > max) {
      throw new UserError(
          option
              + " must be from 0 to "
              + max
              + " seconds (a task cannot be held past "
              + LATEST_ETA
              + ")");
    }
    return now.plusSeconds(seconds);
  }

  /** Enqueues a task to run now; returns its task id. */
  public String send(String name, List<Object> args) {
    return send(name, args, null);
  }

  /**
   * Enqueues a task to run at {@code eta} (null or past: now); returns its task id.
   *
   * @throws UserError for an eta after {@link #LATEST_ETA}
   */
  public String send(String name, List<Object> args, Instant eta) {
    TaskEnvelope task = TaskEnvelope.create(name, args, clock.millis());
    send(task, null, eta);
    return task.taskId();
  }

  /**
   * Enqueues a task made by the caller, to run at {@code eta} (null or past: now), as a link of a
   * chain when {@code link} is given; false when that link was claimed before and nothing was sent.
   *
   * @throws UserError for an eta after {@link #LATEST_ETA}
   */
  public boolean send(TaskEnvelope task, ChainLink link, Instant eta) {
    if (eta != null && eta.isAfter(LATEST_ETA)) {
      throw new UserError("a task cannot be held past " + LATEST_ETA + ", got " + eta);
    }
    FollowUp target = new FollowUp(queueOf(task.name()), task, link);
    return eta == null || !eta.isAfter(clock.instant())
        ? queue.enqueue(target)
        : queue.enqueueAt(target, eta);
  }

  /** A fresh group id, for a group or chord sent once (a caller that may resend derives one). */
  public static String newGroupId() {
    return UUID.randomUUID().toString();
  }

  /**
   * Sends a group of tasks, or a chord when {@code callback} is given, under {@code groupId}, in
   * one step (see {@link GroupView}). Member {@code i} runs as task {@code <groupId>.<i>}; the
   * callback, queued once when every member has succeeded, runs as {@code <groupId>.callback} with
   * the group id appended to its arguments, and reads its members' results with {@link
   * QueueInspector#group}. Returns false, sending nothing, when this group id was sent before: a
   * task that fans out can send again after a redelivery, with an id derived from its own.
   *
   * @throws UserError for a malformed group id, no members or more than {@link
   *     GroupView#MAX_MEMBERS}, or an unknown task
   */
  public boolean sendGroup(String groupId, List<Signature> members, Signature callback) {
    if (!TaskPayloads.isGroupId(groupId)) {
      throw notAnId(groupId, "group", TaskPayloads.MAX_GROUP_ID);
    }
    if (members.isEmpty() || members.size() > GroupView.MAX_MEMBERS) {
      throw new UserError(
          "a group has 1 to " + GroupView.MAX_MEMBERS + " tasks, got " + members.size());
    }
    long now = clock.millis();
    List<FollowUp> sent = new ArrayList<>(members.size());
    for (int i = 0; i < members.size(); i++) {
      sent.add(inGroup(GroupView.memberId(groupId, i), members.get(i), groupId, now));
    }
    FollowUp then = null;
    if (callback != null) {
      List<Object> args = new ArrayList<>(callback.args());
      args.add(groupId);
      then =
          inGroup(
              GroupView.callbackId(groupId), new Signature(callback.name(), args), groupId, now);
    }
    return queue.sendGroup(groupId, sent, then);
  }

  private FollowUp inGroup(String taskId, Signature s, String groupId, long now) {
    return new FollowUp(
        queueOf(s.name()), new TaskEnvelope(taskId, s.name(), s.args(), 0, now, groupId));
  }

  /**
   * Re-sends a failed task (by task id or failed-list index) from its first attempt, to its
   * configured queue; returns its task id. The record's payload is read as strictly as a worker
   * reads it, and a record that is not a runnable task is refused, so nothing else gets queued.
   */
  public String retryFailed(String idOrIndex) {
    return retry(new QueueInspector(queue).findFailed(idOrIndex));
  }

  private String retry(QueueInspector.FailedView f) {
    TaskEnvelope again;
    String target;
    try {
      again = f.task().firstAttempt();
      target = queueOf(again.name());
    } catch (UserError e) {
      throw new UserError("failed job " + f.index() + " cannot be retried: " + e.getMessage());
    }
    if (!queue.retryFailed(f.index(), f.stored(), target, again)) {
      throw listChanged();
    }
    return again.taskId();
  }

  /**
   * Deletes one failure record (by task id or failed-list index) without running it again; returns
   * the task id it held (null for a malformed record).
   *
   * @throws UserError for an unknown id or index, a record too long to read, or a list that changed
   *     between the read and the delete
   */
  public String deleteFailed(String idOrIndex) {
    QueueInspector.FailedView f = new QueueInspector(queue).findFailed(idOrIndex);
    // A record too long to read is checked by its length and SHA-1, which the page gave instead.
    QueueInspector.Unread unread = f.unread();
    boolean deleted =
        unread != null
            ? queue.deleteFailedUnread(f.index(), unread.length(), unread.sha1())
            : queue.deleteFailed(f.index(), f.stored());
    if (!deleted) {
      throw listChanged();
    }
    return f.failure().taskId();
  }

  /**
   * One line saying which record {@link #deleteFailed} took, for the CLI and the console: by its
   * task id (escaped: it is data from Redis), or by the index asked for when it held none.
   */
  public static String describeDeleted(String idOrIndex, String taskId) {
    return taskId == null
        ? "deleted failure record " + SafeText.line(idOrIndex, 200)
        : "deleted failure record of task " + SafeText.line(taskId, 200);
  }

  /** The list was read, then changed before the script's check: the index read is stale. */
  private static UserError listChanged() {
    return new UserError(
        "the failed list changed meanwhile; list it again ('failed list', or reload the page) and"
            + " try again");
  }

  /** What a retry of every failed task did: task ids sent again, and records refused with why. */
  public record RetryAll(List<String> retried, List<String> refused) {
    /**
     * One line for the CLI and the console: how many were sent again, how many stay in the list and
     * why (escaped and cut short: the reasons quote data from Redis, and an outage may leave
     * thousands).
     */
    public String describe() {
      String sent = "sent " + retried.size() + " failed task(s) again";
      if (refused.isEmpty()) {
        return sent;
      }
      return sent
          + "; "
          + refused.size()
          + " left in the failed list: "
          + SafeText.line(String.join("; ", refused), 2000);
    }
  }

  /**
   * Re-sends every failure record that is a runnable task, as {@link #retryFailed} does one; the
   * others stay in the list, each refusal said. Reads the list as it is at the start: records added
   * meanwhile wait for the next retry.
   */
  public RetryAll retryAllFailed() {
    QueueInspector inspector = new QueueInspector(queue);
    Long count = inspector.failedCount().value();
    long left = count == null ? 0 : count;
    List<String> retried = new java.util.ArrayList<>();
    List<String> refused = new java.util.ArrayList<>();
    long index = 0;
    while (left > 0) {
      List<QueueInspector.FailedView> page = inspector.failedPage(index);
      if (page.isEmpty()) {
        break;
      }
      // A record retried leaves the list, so the next one moves up to its index.
      for (QueueInspector.FailedView f : page) {
        if (left-- == 0) {
          break;
        }
        try {
          retried.add(retry(f.at(index)));
        } catch (UserError e) {
          refused.add(e.getMessage());
          index++;
        }
      }
    }
    return new RetryAll(List.copyOf(retried), List.copyOf(refused));
  }

  /**
   * Revokes a task (see {@link Revocation}): a waiting one is removed and REVOKED at once, a
   * running one finishes (or, with {@code terminate}, is stopped by its worker); either way it
   * never runs again.
   *
   * @throws UserError for a malformed id, an unknown task, or one that has finished
   */
  public Revocation revoke(String taskId, boolean terminate) {
    if (!TaskPayloads.isToken(taskId)) {
      throw notAnId(taskId, "task", TaskPayloads.MAX_TOKEN);
    }
    Integer size = queue.revokeGroup(taskId);
    return size == null ? queue.revoke(taskId, terminate) : revokeMembers(taskId, size, terminate);
  }

  /**
   * Revokes a revoked group's members and callback that have not finished, one by one (each as
   * {@code revoke} does): the group's REVOKED state already keeps its callback from being queued.
   */
  private Revocation revokeMembers(String groupId, int size, boolean terminate) {
    List<String> ids = new ArrayList<>(size + 1);
    for (int i = 0; i < size; i++) {
      ids.add(GroupView.memberId(groupId, i));
    }
    ids.add(GroupView.callbackId(groupId));
    int removed = 0;
    int running = 0;
    for (String id : ids) {
      try {
        Revocation r = queue.revoke(id, terminate);
        if (r.outcome() == Revocation.Outcome.RUNNING) {
          running++;
        } else {
          removed++;
        }
      } catch (UserError finishedOrUnknown) {
        // finished already, or (a callback) never queued: nothing to revoke
      }
    }
    return new Revocation(Revocation.Outcome.GROUP, removed + " waiting, " + running + " running");
  }

  private static UserError notAnId(String value, String kind, int max) {
    return new UserError(
        "'"
            + SafeText.line(value, 40)
            + "' is not a "
            + kind
            + " id (1 to "
            + max
            + " letters, digits or . _ -)");
  }

  /** The configured queue of a task. */
  public String queueOf(String name) {
    Settings.TaskSettings task = settings.tasks().get(name);
    if (task == null) {
      throw new UserError(
          "unknown task '"
              + name
              + "' (known: "
              + String.join(", ", settings.tasks().keySet())
              + ")");
    }
    return task.queue();
  }
}
