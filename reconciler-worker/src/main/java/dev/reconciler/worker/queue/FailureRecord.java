package dev.reconciler.worker.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reconciler.core.domain.SafeText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A Resque failure record in the failed list, read as plain text: the exception is a name to show,
 * never a class to load. Any field may be missing; {@code problem} says why a record could not be
 * read at all (then only the index is known).
 *
 * @param payload the failed job's payload as JSON text, for a retry to read strictly
 */
public record FailureRecord(
    String worker,
    String queue,
    String failedAt,
    String taskName,
    String taskId,
    String exception,
    String error,
    String payload,
    String problem) {

  /** Longest error message and traceback written, in characters. */
  static final int MAX_TEXT = 8_000;

  /** Longest piece of an unreadable payload kept in its failure record, in characters. */
  static final int MAX_RAW_PAYLOAD = 64 * 1024;

  /** Jesque's failed_at format, so Resque tooling reads our records. */
  private static final DateTimeFormatter FAILED_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  private static final String[] TEXT_FIELDS = {
    "worker", "queue", "exception", "error", "failed_at"
  };

  /** A record that could not be read. */
  static FailureRecord malformed(String problem) {
    return new FailureRecord(null, null, null, null, null, null, null, null, problem);
  }

  /**
   * Reads one entry of the failed list as Redis holds it; never throws. A byte that is not UTF-8
   * reads as \xHH in the field that holds it, as a payload shows one: U+FFFD would hide which byte
   * it was, and such a record (another Resque client's, a hand-written one) is still one to list.
   */
  static FailureRecord read(byte[] stored) {
    return read(TaskPayloads.shownInJson(stored));
  }

  /** Reads one entry of the failed list, as text; never throws. */
  public static FailureRecord read(String record) {
    if (record == null) {
      return malformed("missing");
    }
    if (record.length() > Json.MAX_CHARS) {
      return malformed(
          record.length() + " characters, over the " + Json.MAX_CHARS + "-character limit");
    }
    JsonNode node;
    try {
      node = Json.read(record);
    } catch (JsonProcessingException e) {
      return malformed("not JSON: " + SafeText.line(Json.reason(e), 200));
    }
    if (node == null || !node.isObject()) {
      return malformed("not a JSON object");
    }
    for (String field : TEXT_FIELDS) {
      JsonNode value = node.get(field);
      if (value != null && !value.isNull() && !value.isTextual()) {
        return malformed("\"" + field + "\" is not a string");
      }
    }
    JsonNode payload = node.get("payload");
    if (payload != null && !payload.isNull() && !payload.isObject()) {
      return malformed("\"payload\" is not an object");
    }
    boolean hasPayload = payload != null && payload.isObject();
    JsonNode vars = hasPayload ? payload.get("vars") : null;
    return new FailureRecord(
        text(node, "worker"),
        text(node, "queue"),
        text(node, "failed_at"),
        hasPayload ? text(payload, "class") : null,
        vars != null && vars.isObject() ? text(vars, "task_id") : null,
        text(node, "exception"),
        text(node, "error"),
        hasPayload ? payload.toString() : null,
        null);
  }

  /** A failure record in Resque's format (as Jesque writes it) for a job that failed for good. */
  static String write(String worker, Delivery job, Throwable error, String traceback, Instant at) {
    ObjectNode record = Json.object();
    record.put("worker", worker);
    record.put("queue", job.queue());
    record.set("payload", payloadNode(job.stored()));
    record.put("exception", error.getClass().getName());
    record.put("error", capped(String.valueOf(error.getMessage()), MAX_TEXT));
    var backtrace = record.putArray("backtrace");
    traceback.lines().skip(1).forEach(backtrace::add);
    record.put("failed_at", FAILED_AT.format(at));
    record.putNull("retried_at");
    return Json.write(record);
  }

  /**
   * The payload as it was when it can be read as an object; otherwise its text (cut when huge) as
   * the only argument of a job named "(unparseable payload)", so an operator sees what arrived. A
   * payload that is not UTF-8 is never read as an object: with its bad bytes changed it would be
   * another job, which a retry would run.
   */
  private static JsonNode payloadNode(byte[] stored) {
    if (stored.length <= TaskPayloads.MAX_BYTES && TaskPayloads.firstNotUtf8(stored) < 0) {
      try {
        JsonNode node = Json.read(new String(stored, StandardCharsets.UTF_8));
        if (node != null && node.isObject()) {
          return node;
        }
      } catch (JsonProcessingException e) {
        // kept as text below
      }
    }
    ObjectNode job = Json.object();
    job.put("class", "(unparseable payload)");
    job.putArray("args").add(capped(TaskPayloads.shown(stored), MAX_RAW_PAYLOAD));
    return job;
  }

  /** The text, cut to {@code max} characters with a note of its full length. */
  static String capped(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end) + "…(" + s.length() + " characters)";
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
  }
}
