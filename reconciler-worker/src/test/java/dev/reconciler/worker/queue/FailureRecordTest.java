package dev.reconciler.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.fuzz.HostileStrings;
import dev.reconciler.worker.task.TaskEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureRecordTest {
  private static final Instant AT = Instant.parse("2026-11-24T06:00:01.234Z");

  @Test
  void readsTheExceptionOfARecordAsANameOnly() {
    FailureRecord r =
        FailureRecord.read(
            "{\"worker\":\"w\",\"queue\":\"q\",\"payload\":{\"class\":\"ping\",\"args\":[],"
                + "\"vars\":{\"task_id\":\"t\"}},\"exception\":\"java.io.FileOutputStream\","
                + "\"error\":\"victim.txt\",\"backtrace\":[]}");

    assertThat(r.problem()).isNull();
    assertThat(r.exception()).isEqualTo("java.io.FileOutputStream");
    assertThat(r.error()).isEqualTo("victim.txt");
    assertThat(r.taskName()).isEqualTo("ping");
    assertThat(r.taskId()).isEqualTo("t");
    assertThat(TaskPayloads.decode(r.payload()).taskId()).isEqualTo("t");
  }

  @Test
  void readsARecordThatIsNotUtf8WithEachBadByteAsHexInTheStringHoldingIt() {
    byte[] inStrings =
        ("{\"worker\":\"w\",\"payload\":{\"class\":\"ping\",\"args\":[\"caf\u00e9\"],"
                + "\"vars\":{\"task_id\":\"t\"}},\"error\":\"\u00ff\"}")
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] outsideStrings = "{\"worker\":\"w\"\u00ff}".getBytes(StandardCharsets.ISO_8859_1);

    FailureRecord r = FailureRecord.read(inStrings);

    assertThat(r.problem()).isNull();
    assertThat(r.taskId()).isEqualTo("t");
    assertThat(r.error()).isEqualTo("\\xFF");
    assertThat(r.payload()).contains("[\"caf\\\\xE9\"]");
    assertThat(FailureRecord.read(outsideStrings).problem()).startsWith("not JSON");
  }

  @Test
  void writesResqueRecordsItReadsBack() {
    TaskEnvelope task = TaskEnvelope.create("ping", List.of(), 0);
    String record =
        FailureRecord.write(
            "w",
            new Delivery("reconcile", TaskPayloads.encode(task)),
            new IllegalStateException("boom"),
            "IllegalStateException: boom\n\tat x.y(Z.java:1)",
            AT);

    assertThat(record)
        .contains("\"failed_at\":\"2026-11-24T06:00:01.234+0000\"")
        .contains("\"backtrace\":[\"\\tat x.y(Z.java:1)\"]");
    FailureRecord r = FailureRecord.read(record);
    assertThat(r)
        .extracting(
            FailureRecord::worker,
            FailureRecord::queue,
            FailureRecord::exception,
            FailureRecord::error,
            FailureRecord::taskId)
        .containsExactly(
            "w", "reconcile", "java.lang.IllegalStateException", "boom", task.taskId());
    assertThat(TaskPayloads.decode(r.payload())).isEqualTo(task);
  }

  @Test
  void keepsAnUnreadablePayloadAsTextAndOnlyAPieceOfAHugeOne() {
    FailureRecord small =
        FailureRecord.read(
            FailureRecord.write(
                "w", new Delivery("q", "{not json"), new BadPayload("bad"), "", AT));
    assertThat(small.taskName()).isEqualTo("(unparseable payload)");
    assertThat(small.payload()).contains("{not json");

    String huge = "x".repeat(3 * TaskPayloads.MAX_BYTES);
    String record =
        FailureRecord.write("w", new Delivery("q", huge), new BadPayload("too big"), "", AT);
    assertThat(record.length()).isLessThan(FailureRecord.MAX_RAW_PAYLOAD + 1_000);
    assertThat(FailureRecord.read(record).payload()).contains("(" + huge.length() + " characters)");
  }

  @Test
  void keepsAPayloadThatIsNotUtf8AsTextShowingItsBytesNeverAsAJobToRetry() {
    byte[] latin1 =
        "{\"class\":\"ping\",\"args\":[\"caf\u00e9\"],\"vars\":{\"task_id\":\"t\"}}"
            .getBytes(StandardCharsets.ISO_8859_1);

    FailureRecord r =
        FailureRecord.read(
            FailureRecord.write(
                "w", new Delivery("q", latin1, 0), new BadPayload("not UTF-8"), "", AT));

    assertThat(r.taskName()).isEqualTo("(unparseable payload)");
    assertThat(r.taskId()).isNull();
    assertThat(r.payload()).contains("caf\\\\xE9");
  }

  @Test
  void marksWhatItCannotReadInsteadOfFailing() {
    assertThat(FailureRecord.read("not json").problem()).startsWith("not JSON");
    assertThat(FailureRecord.read("[1]").problem()).isEqualTo("not a JSON object");
    assertThat(FailureRecord.read("{\"exception\":5}").problem())
        .isEqualTo("\"exception\" is not a string");
    assertThat(FailureRecord.read("{\"payload\":\"x\"}").problem())
        .isEqualTo("\"payload\" is not an object");
    assertThat(FailureRecord.read("{\"error\":\"" + "x".repeat(Json.MAX_CHARS) + "\"}").problem())
        .contains("over the");
  }

  @Test
  void everyHostileRecordIsReadOrMarkedMalformed() {
    String valid =
        FailureRecord.write(
            "host:1-1:reconcile",
            new Delivery(
                "reconcile",
                TaskPayloads.encode(TaskEnvelope.create("reconcile", List.of("2026-11-24"), 1))),
            new IllegalStateException("boom"),
            "x\n\tat a.b(C.java:1)",
            AT);
    HostileStrings.forEach(
        1124L,
        10_000,
        List.of(valid, "{\"exception\":\"java.io.FileOutputStream\",\"error\":\"v.txt\"}"),
        s -> {
          FailureRecord r = FailureRecord.read(s);
          if (r.problem() != null) {
            assertThat(r.exception()).isNull();
          }
        });
  }
}
