package dev.reconciler.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.fuzz.HostileStrings;
import dev.reconciler.worker.task.TaskEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskPayloadsTest {
  private static final String UUID = "0b6f5a0e-4e53-4c0e-9d5c-3f2d9a0c1b7e";

  /** A ping payload whose vars are {@code vars} (JSON members without braces). */
  private static String ping(String vars) {
    return "{\"class\":\"ping\",\"args\":[],\"vars\":{" + vars + "}}";
  }

  private static String rejection(String payload) {
    try {
      TaskPayloads.decode(payload);
    } catch (BadPayload e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted: " + payload);
  }

  @Test
  void roundTripsThroughResqueJson() {
    TaskEnvelope task =
        new TaskEnvelope("id-1", "reconcile", Arrays.asList("2026-11-24", null), 2, 1234L);
    String payload = TaskPayloads.encode(task);
    assertThat(payload)
        .isEqualTo(
            "{\"class\":\"reconcile\",\"args\":[\"2026-11-24\",null],"
                + "\"vars\":{\"task_id\":\"id-1\",\"attempt\":2,\"enqueued_at\":1234}}");
    assertThat(TaskPayloads.decode(payload)).isEqualTo(task);
    assertThat(task.nextAttempt().attempt()).isEqualTo(3);
    assertThat(task.firstAttempt().attempt()).isZero();
  }

  @Test
  void aGroupMemberCarriesItsGroupBeforeEnqueuedAtWhichStaysLast() {
    TaskEnvelope member = new TaskEnvelope("g.0", "ping", List.of(), 1, 1234L, "g");
    String payload = TaskPayloads.encode(member);
    // group.lua rewrites a callback's enqueued_at where it ends the payload.
    assertThat(payload).endsWith(",\"group\":\"g\",\"enqueued_at\":1234}}");
    assertThat(TaskPayloads.decode(payload)).isEqualTo(member);
    assertThat(member.nextAttempt().group()).isEqualTo("g");
    assertThat(member.firstAttempt().group()).isEqualTo("g");
    assertThat(TaskPayloads.decode(ping("\"task_id\":\"t\",\"group\":null")).group()).isNull();
  }

  @Test
  void refusesAGroupThatIsNoGroupId() {
    String tooLong = "g".repeat(TaskPayloads.MAX_GROUP_ID + 1);
    for (String bad :
        List.of("\"\"", "\"a b\"", "\"a:b\"", "\"a\\nb\"", "\"" + tooLong + "\"", "\"é\"")) {
      assertThat(rejection(ping("\"task_id\":\"t\",\"group\":" + bad)))
          .as(bad)
          .startsWith("payload vars.group must be 1 to 112 letters, digits or . _ -");
    }
    for (String bad : List.of("1", "true", "[\"g\"]", "{}")) {
      assertThat(rejection(ping("\"task_id\":\"t\",\"group\":" + bad)))
          .as(bad)
          .startsWith("payload vars.group must be a string");
    }
    assertThat(rejection(ping("\"task_id\":\"t\",\"group\":\"a\",\"group\":\"b\"")))
        .contains("group");
    assertThat(TaskPayloads.isGroupId("g".repeat(TaskPayloads.MAX_GROUP_ID))).isTrue();
    assertThat(TaskPayloads.isGroupId(null)).isFalse();
    assertThatThrownBy(
            () -> TaskPayloads.encode(new TaskEnvelope("t", "ping", List.of(), 0, 0, tooLong)))
        .isInstanceOf(BadPayload.class);
  }

  @Test
  void rejectsPayloadsThatAreNotOurs() {
    assertThat(rejection("{nope")).startsWith("payload is not valid job JSON");
    assertThat(rejection("[1]")).isEqualTo("payload is not a JSON object");
    assertThat(rejection("{\"args\":[]}")).contains("names no task");
    assertThat(rejection("{\"class\":\"ping\",\"args\":[]}")).contains("no vars.task_id");
    assertThat(rejection(ping("\"task_id\":\"x\",\"attempt\":\"two\""))).contains("vars.attempt");
    assertThat(TaskPayloads.decode("{\"class\":\"ping\",\"vars\":{\"task_id\":\"x\"}}").args())
        .isEqualTo(List.of());
  }

  @Test
  void boundsTheAttemptToTheRetriesAConfigCanAllow() {
    for (String bad :
        List.of(
            "-40",
            "-1",
            "1001",
            "1.5",
            "1.0",
            "1e2",
            "\"x\"",
            "true",
            "2147483648",
            "99999999999999999999")) {
      assertThat(rejection(ping("\"task_id\":\"t\",\"attempt\":" + bad)))
          .as(bad)
          .contains("vars.attempt must be a whole number from 0 to 1000");
    }
    assertThat(TaskPayloads.decode(ping("\"task_id\":\"t\",\"attempt\":1000")).attempt())
        .isEqualTo(1000);
    assertThat(TaskPayloads.decode(ping("\"task_id\":\"t\",\"attempt\":null")).attempt()).isZero();
  }

  @Test
  void boundsEnqueuedAtToAnEpochMillisecondAClockCanShow() {
    for (String bad :
        List.of("-1", "1.5", "253402300800000", "1e30", "\"now\"", "9223372036854775808")) {
      assertThat(rejection(ping("\"task_id\":\"t\",\"enqueued_at\":" + bad)))
          .as(bad)
          .contains("vars.enqueued_at must be a whole number");
    }
    assertThat(
            TaskPayloads.decode(ping("\"task_id\":\"t\",\"enqueued_at\":253402300799999"))
                .enqueuedAtMs())
        .isEqualTo(253_402_300_799_999L);
  }

  @Test
  void acceptsOnlyTaskIdsAndNamesOfPlainCharacters() {
    assertThat(TaskPayloads.decode(ping("\"task_id\":\"" + UUID + "\"")).taskId()).isEqualTo(UUID);
    assertThat(TaskPayloads.decode(ping("\"task_id\":\"run.2026-11-24_a-b\"")).taskId())
        .isEqualTo("run.2026-11-24_a-b");
    for (String bad :
        List.of(
            "\"\"",
            "\"t\\r\\nx\"",
            "\"a b\"",
            "\"a:b\"",
            "\"ß\"",
            "\"" + "x".repeat(129) + "\"",
            "42")) {
      assertThat(rejection(ping("\"task_id\":" + bad))).as(bad).contains("vars.task_id must be");
    }
    assertThat(rejection("{\"class\":\"no such\\r\\ntask\",\"vars\":{\"task_id\":\"t\"}}"))
        .startsWith("payload task name must be")
        .doesNotContain("\r", "\n");
  }

  @Test
  void boundsSizeAndArguments() {
    String bigInBytes = "€".repeat(TaskPayloads.MAX_BYTES / 3 + 1); // 3 bytes each in UTF-8
    assertThat(bigInBytes.length()).isLessThan(TaskPayloads.MAX_BYTES);
    assertThat(
            rejection(
                "{\"class\":\"ping\",\"args\":[\""
                    + bigInBytes
                    + "\"],\"vars\":{\"task_id\":\"t\"}}"))
        .matches("payload is \\d+ bytes, over the 1048576-byte limit");
    String args33 = String.join(",", Collections.nCopies(33, "null"));
    assertThat(
            rejection(
                "{\"class\":\"ping\",\"args\":[" + args33 + "],\"vars\":{\"task_id\":\"t\"}}"))
        .contains("33 args, more than the 32 allowed");
    assertThat(rejection("{\"class\":\"ping\",\"args\":[1.5],\"vars\":{\"task_id\":\"t\"}}"))
        .contains("args[0] must be a string, integer, boolean or null");
    assertThat(rejection("{\"class\":\"ping\",\"args\":[{\"a\":1}],\"vars\":{\"task_id\":\"t\"}}"))
        .contains("args[0]");
    assertThat(rejection("{\"class\":\"ping\",\"args\":\"x\",\"vars\":{\"task_id\":\"t\"}}"))
        .contains("args must be a list");
    assertThat(
            TaskPayloads.decode(
                    "{\"class\":\"ping\",\"args\":[\"a\",7,true,null],\"vars\":{\"task_id\":\"t\"}}")
                .args())
        .containsExactly("a", 7L, true, null);
  }

  @Test
  void readsEachPayloadOneWayOrNotAtAll() {
    assertThat(rejection(ping("\"task_id\":\"a\",\"task_id\":\"b\""))).contains("Duplicate field");
    assertThat(rejection(ping("\"task_id\":\"a\"") + "{}")).contains("not valid job JSON");
    assertThat(rejection("[".repeat(5_000) + "]".repeat(5_000))).contains("not valid job JSON");
  }

  @Test
  void refusesToEncodeWhatAWorkerWouldReject() {
    assertThatThrownBy(
            () ->
                TaskPayloads.encode(
                    TaskEnvelope.create("ping", List.of("x".repeat(TaskPayloads.MAX_BYTES)), 0)))
        .isInstanceOf(BadPayload.class)
        .hasMessageContaining("over the 1048576-byte limit");
    assertThatThrownBy(() -> TaskPayloads.encode(new TaskEnvelope("t", "ping", List.of(), -1, 0)))
        .isInstanceOf(BadPayload.class);
    assertThatThrownBy(() -> TaskPayloads.encode(new TaskEnvelope("t\n", "ping", List.of(), 0, 0)))
        .isInstanceOf(BadPayload.class);
  }

  @Test
  void everyHostilePayloadYieldsATaskWithinBoundsOrABadPayload() {
    List<String> valid =
        List.of(
            TaskPayloads.encode(
                new TaskEnvelope(
                    UUID,
                    "reconcile",
                    Arrays.asList("2026-11-24", null, null),
                    3,
                    1_795_000_000_000L)),
            ping("\"task_id\":\"t\",\"attempt\":0,\"enqueued_at\":5"),
            "{\"class\":\"send_alert\",\"args\":[\"run-1\",\"failure\",\"2026-11-24\",null,\"boom\",\"x\"],\"vars\":{\"task_id\":\"a_b\"}}");
    HostileStrings.forEach(
        20261124L,
        20_000,
        valid,
        payload -> {
          TaskEnvelope task;
          try {
            task = TaskPayloads.decode(payload);
          } catch (BadPayload e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\r", "\n");
            return;
          }
          assertThat(TaskPayloads.isToken(task.taskId())).isTrue();
          assertThat(TaskPayloads.isToken(task.name())).isTrue();
          assertThat(task.attempt()).isBetween(0, TaskPayloads.MAX_ATTEMPT);
          assertThat(task.enqueuedAtMs()).isBetween(0L, TaskPayloads.MAX_EPOCH_MS);
          assertThat(task.args()).hasSizeLessThanOrEqualTo(TaskPayloads.MAX_ARGS);
          assertThat(TaskPayloads.decode(TaskPayloads.encode(task))).isEqualTo(task);
        });
  }

  @Test
  void countsUtf8BytesAsRedisDoes() {
    for (String s : List.of("", "abc", "é", "€", "😀", "a\ud800b", "\udfff")) {
      assertThat(TaskPayloads.utf8Length(s))
          .as(HostileStrings.escape(s))
          .isEqualTo(s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
  }

  @Test
  void showsEachByteJavaWouldReplaceAsHexAndLeavesUtf8TextAlone() {
    byte[] mixed = {'a', (byte) 0xff, 'b', (byte) 0xc0, (byte) 0xaf, (byte) 0xed, (byte) 0xa0};
    byte[] cut = {'x', (byte) 0xe2, (byte) 0x82};

    assertThat(TaskPayloads.shown(mixed)).isEqualTo("a\\xFFb\\xC0\\xAF\\xED\\xA0");
    assertThat(TaskPayloads.shown(cut)).isEqualTo("x\\xE2\\x82");
    assertThat(TaskPayloads.firstNotUtf8(mixed)).isEqualTo(1);
    assertThat(TaskPayloads.firstNotUtf8(cut)).isEqualTo(1);
    for (String text : List.of("", "plain", "caf\u00e9 \u20ac \ud83d\ude00")) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      assertThat(TaskPayloads.shown(utf8)).isEqualTo(text);
      assertThat(TaskPayloads.firstNotUtf8(utf8)).isEqualTo(-1);
    }
  }

  @Test
  void refusesAStoredPayloadThatIsNotUtf8NamingItsFirstBadByte() {
    byte[] latin1 = ping("\"task_id\":\"caf\u00e9\"").getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> TaskPayloads.decode(latin1))
        .isInstanceOf(BadPayload.class)
        .hasMessageStartingWith("payload is not UTF-8: byte 0xE9 at offset 48 ");
    byte[] utf8 = ping("\"task_id\":\"cafe\"").getBytes(StandardCharsets.UTF_8);
    assertThat(TaskPayloads.decode(utf8).taskId()).isEqualTo("cafe");
  }
}
