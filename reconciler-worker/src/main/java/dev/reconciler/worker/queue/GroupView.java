package dev.reconciler.worker.queue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A group or chord as operators (and a chord's callback) see it: its state, the count of members
 * that succeeded, and each member's and the callback's task state and result. Read from Redis:
 * callers escape it.
 *
 * @param kind {@link #GROUP} or {@link #CHORD}
 * @param size how many members it was sent with; 0 when its hash says something else
 * @param done how many members succeeded (each counted once)
 * @param fields the rest of its hash as stored (state, created_at, failed_task, error, note ...)
 * @param callback the chord's callback, null for a group
 */
public record GroupView(
    String groupId,
    String kind,
    int size,
    long done,
    Map<String, String> fields,
    List<Member> members,
    Member callback) {
  /** The kind of a group without a callback. */
  public static final String GROUP = "group";

  /** The kind of a group with a callback. */
  public static final String CHORD = "chord";

  /** Most members a group may have: one Lua step sends them all. */
  public static final int MAX_MEMBERS = 1000;

  /** One member or the callback: its task id and, while its state lasts, state and result. */
  public record Member(String taskId, String state, String result) {}

  /** The task id of member {@code index} of a group. */
  public static String memberId(String groupId, int index) {
    return groupId + "." + index;
  }

  /**
   * The id of the chord a task fans its work out as (a sharded reconcile): derived from the task's
   * id, a name-based UUID (so any task id fits a group id's length), so a redelivered task sends
   * nothing twice, and a chain's view finds the chord that finishes the task's date.
   */
  public static String fannedOutAs(String taskId) {
    return UUID.nameUUIDFromBytes(("shards:" + taskId).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The task id of a chord's callback. */
  public static String callbackId(String groupId) {
    return groupId + ".callback";
  }

  /** A stored size, or 0 when it is not a whole number from 1 to {@link #MAX_MEMBERS}. */
  static int size(String text) {
    try {
      int n = Integer.parseInt(text == null ? "" : text);
      return n >= 1 && n <= MAX_MEMBERS ? n : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** PENDING, STARTED, SUCCESS, FAILURE or REVOKED, as stored (null when missing). */
  public String state() {
    return fields.get("state");
  }

  /** The group on one line: kind, state, members done, and the callback's or failure's state. */
  public String summary() {
    StringBuilder line = new StringBuilder();
    line.append(kind).append(' ').append(state()).append(": ");
    line.append(done).append(" of ").append(size).append(" done");
    if (callback != null) {
      line.append(", callback ").append(callback.state() == null ? "not queued" : callback.state());
    }
    String failed = fields.get("failed_task");
    if (failed != null) {
      line.append(", failed at ").append(failed);
    }
    return line.toString();
  }
}
