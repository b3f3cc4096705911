package dev.reconciler.worker.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.worker.task.TaskEnvelope;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A task envelope on the wire, a Resque job: {@code {"class": name, "args": [...], "vars":
 * {task_id, attempt, group, enqueued_at}}} ({@code group} only for a member or callback of a group
 * or chord). Payloads come from a Redis anyone on the network may write, so reading one checks
 * every field and bound, and says in one line what is wrong.
 */
public final class TaskPayloads {
  /** Largest payload, in UTF-8 bytes; pop.lua gets the same number and leaves larger ones alone. */
  public static final int MAX_BYTES = 1 << 20;

  /** Most arguments a task takes; ours take at most six. */
  public static final int MAX_ARGS = 32;

  /** Highest attempt number: [tasks] *_max_retries is at most 1000. */
  public static final int MAX_ATTEMPT = 1000;

  /** Longest task id or task name; both are 1 to 128 of {@code A-Z a-z 0-9 . _ : -}. */
  public static final int MAX_TOKEN = RunIds.TASK_ID_MAX_CHARS;

  /** Longest group id: room for ".callback" and an index within the task-id limit. */
  public static final int MAX_GROUP_ID = MAX_TOKEN - 16;

  /** Latest enqueued_at, 9999-12-31T23:59:59.999Z: past it no date format shows the time. */
  static final long MAX_EPOCH_MS = 253_402_300_799_999L;

  private TaskPayloads() {}

  /** The payload of a task; {@link BadPayload} when the task could not be read back. */
  public static String encode(TaskEnvelope task) {
    check(task);
    ObjectNode job = Json.object();
    job.put("class", task.name());
    job.set("args", Json.tree(task.args()));
    ObjectNode vars = job.putObject("vars");
    vars.put("task_id", task.taskId());
    vars.put("attempt", task.attempt());
    if (task.group() != null) {
      vars.put("group", task.group());
    }
    // Last, by contract: group.lua rewrites a chord callback's enqueued_at at the payload's end.
    vars.put("enqueued_at", task.enqueuedAtMs());
    String payload = Json.write(job);
    checkSize(payload);
    return payload;
  }

  /** Reads a payload; {@link BadPayload} says why it is not a task this system may run. */
  public static TaskEnvelope decode(String payload) {
    if (payload == null) {
      throw new BadPayload("payload is missing");
    }
    checkSize(payload);
    JsonNode job;
    try {
      job = Json.read(payload);
    } catch (JsonProcessingException e) {
      throw new BadPayload("payload is not valid job JSON: " + SafeText.line(Json.reason(e), 200));
    }
    return decode(job);
  }

  /**
   * Reads a payload as Redis stores it. One that is not UTF-8 is no JSON (RFC 8259), so no task:
   * read as Java reads text, its bad bytes would become U+FFFD and the task run with arguments no
   * one sent. Jackson reading the bytes refuses it, as Celery refuses a body it cannot decode.
   */
  static TaskEnvelope decode(byte[] stored) {
    requireUtf8(stored, "payload", "its failure record shows such bytes as \\xHH");
    return decode(new String(stored, StandardCharsets.UTF_8));
  }

  /**
   * Refuses bytes that are not UTF-8 with a {@link BadPayload} naming {@code what}, the first bad
   * byte and its offset, then {@code note}.
   */
  static void requireUtf8(byte[] stored, String what, String note) {
    int bad = firstNotUtf8(stored);
    if (bad >= 0) {
      throw new BadPayload(
          String.format(
              "%s is not UTF-8: byte 0x%02X at offset %d (%s)",
              what, stored[bad] & 0xff, bad, note));
    }
  }

  /** Where the first byte Java's UTF-8 decoder would replace is, or -1 when there is none. */
  static int firstNotUtf8(byte[] stored) {
    ByteBuffer in = ByteBuffer.wrap(stored);
    CoderResult read = utf8().decode(in, CharBuffer.allocate(stored.length), true);
    return read.isError() ? in.position() : -1;
  }

  /**
   * A stored payload as text to show, each byte that is not UTF-8 written as \xHH: what arrived,
   * where U+FFFD would hide which bytes they were. A UTF-8 payload is its text unchanged.
   */
  static String shown(byte[] stored) {
    return shown(stored, "\\x%02X");
  }

  /**
   * Stored JSON as text to parse, each byte that is not UTF-8 written as an escaped \xHH, so a JSON
   * string holding one reads as {@link #shown} shows it; outside a string it stays no JSON.
   */
  static String shownInJson(byte[] stored) {
    return shown(stored, "\\\\x%02X");
  }

  private static String shown(byte[] stored, String badByte) {
    CharsetDecoder decoder = utf8();
    ByteBuffer in = ByteBuffer.wrap(stored);
    // UTF-8 never decodes to more chars than it has bytes.
    CharBuffer out = CharBuffer.allocate(stored.length);
    StringBuilder text = new StringBuilder(stored.length);
    CoderResult read;
    while ((read = decoder.decode(in, out, true)).isError()) {
      text.append(out.flip());
      out.clear();
      for (int i = 0; i < read.length(); i++) {
        text.append(String.format(badByte, in.get() & 0xff));
      }
    }
    return text.append(out.flip()).toString();
  }

  /** Java's UTF-8 decoder, reporting (not replacing) what is not UTF-8. */
  private static CharsetDecoder utf8() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** Reads a payload already parsed (the one inside a failure record). */
  static TaskEnvelope decode(JsonNode job) {
    if (job == null || !job.isObject()) {
      throw new BadPayload("payload is not a JSON object");
    }
    JsonNode name = job.get("class");
    if (name == null || !name.isTextual()) {
      throw new BadPayload("payload names no task (missing \"class\")");
    }
    JsonNode vars = job.get("vars");
    JsonNode id = vars == null || !vars.isObject() ? null : vars.get("task_id");
    if (id == null || id.isNull()) {
      throw new BadPayload("payload has no vars.task_id");
    }
    TaskEnvelope task =
        new TaskEnvelope(
            text(id, "vars.task_id"),
            name.textValue(),
            args(job.get("args")),
            (int) integer(vars.get("attempt"), "vars.attempt", MAX_ATTEMPT),
            integer(vars.get("enqueued_at"), "vars.enqueued_at", MAX_EPOCH_MS),
            group(vars.get("group")));
    check(task);
    return task;
  }

  /**
   * Whether {@code s} may be a task id or task name: the task-id rule of {@link RunIds}, which
   * pop.lua's decode_job repeats.
   */
  public static boolean isToken(String s) {
    return RunIds.isTaskId(s);
  }

  private static void check(TaskEnvelope task) {
    if (!isToken(task.name())) {
      throw new BadPayload("payload task name " + tokenRule(task.name()));
    }
    if (!isToken(task.taskId())) {
      throw new BadPayload("payload vars.task_id " + tokenRule(task.taskId()));
    }
    if (task.group() != null && !isGroupId(task.group())) {
      throw new BadPayload(
          "payload vars.group must be 1 to "
              + MAX_GROUP_ID
              + " letters, digits or . _ -, got '"
              + SafeText.line(task.group(), 40)
              + "'");
    }
    if (task.attempt() < 0 || task.attempt() > MAX_ATTEMPT) {
      throw outOfRange("vars.attempt", MAX_ATTEMPT, String.valueOf(task.attempt()));
    }
    if (task.enqueuedAtMs() < 0 || task.enqueuedAtMs() > MAX_EPOCH_MS) {
      throw outOfRange("vars.enqueued_at", MAX_EPOCH_MS, String.valueOf(task.enqueuedAtMs()));
    }
    if (task.args().size() > MAX_ARGS) {
      throw new BadPayload(
          "payload has " + task.args().size() + " args, more than the " + MAX_ARGS + " allowed");
    }
  }

  /** A payload's vars.group: absent or null for a task in no group, else a group id. */
  private static String group(JsonNode node) {
    return node == null || node.isNull() ? null : text(node, "vars.group");
  }

  /**
   * Whether {@code s} may be a group id: a task id short enough that its members' and callback's
   * ids ({@code <group>.<index>}, {@code <group>.callback}) are task ids too.
   */
  public static boolean isGroupId(String s) {
    return isToken(s) && s.length() <= MAX_GROUP_ID;
  }

  private static String tokenRule(String value) {
    return "must be 1 to "
        + MAX_TOKEN
        + " letters, digits or . _ -, got '"
        + SafeText.line(value, 40)
        + "'";
  }

  private static void checkSize(String payload) {
    long bytes = utf8Length(payload);
    if (bytes > MAX_BYTES) {
      throw new BadPayload("payload is " + bytes + " bytes, over the " + MAX_BYTES + "-byte limit");
    }
  }

  /**
   * The length Redis stores, without encoding: Java's UTF-8 encoder (which Jedis uses) writes a
   * lone surrogate as one byte, '?'.
   */
  static long utf8Length(String s) {
    long bytes = s.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        continue;
      }
      if (c < 0x800) {
        bytes += 1;
      } else if (!Character.isSurrogate(c)) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 2; // two chars, four bytes
        i++;
      }
    }
    return bytes;
  }

  /**
   * A task's args as its state keeps them (JSON), read as strictly as a payload's.
   *
   * @throws BadPayload when they are not
   */
  static List<Object> argsOf(String json) {
    try {
      return args(Json.read(json));
    } catch (JsonProcessingException e) {
      throw new BadPayload("args are not valid JSON: " + SafeText.line(Json.reason(e), 200));
    }
  }

  private static List<Object> args(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new BadPayload("payload args must be a list, got " + shown(node));
    }
    ArrayNode array = (ArrayNode) node;
    if (array.size() > MAX_ARGS) {
      throw new BadPayload(
          "payload has " + array.size() + " args, more than the " + MAX_ARGS + " allowed");
    }
    List<Object> args = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      args.add(arg(array.get(i), i));
    }
    return args;
  }

  /** Tasks take strings, integers, booleans and nulls: nothing that a float could round. */
  private static Object arg(JsonNode node, int i) {
    if (node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    throw new BadPayload(
        "payload args[" + i + "] must be a string, integer, boolean or null, got " + shown(node));
  }

  private static String text(JsonNode node, String field) {
    if (!node.isTextual()) {
      throw new BadPayload("payload " + field + " must be a string, got " + shown(node));
    }
    return node.textValue();
  }

  /** A whole number from 0 to {@code max}; absent or null means 0. */
  private static long integer(JsonNode node, String field, long max) {
    if (node == null || node.isNull()) {
      return 0;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw outOfRange(field, max, shown(node));
    }
    long value = node.longValue();
    if (value < 0 || value > max) {
      throw outOfRange(field, max, shown(node));
    }
    return value;
  }

  private static BadPayload outOfRange(String field, long max, String got) {
    return new BadPayload(
        "payload " + field + " must be a whole number from 0 to " + max + ", got " + got);
  }

  private static String shown(JsonNode node) {
    return SafeText.line(node.toString(), 40);
  }
}
