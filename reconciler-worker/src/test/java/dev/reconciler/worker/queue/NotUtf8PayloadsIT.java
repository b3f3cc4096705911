package dev.reconciler.worker.queue;

import static dev.reconciler.worker.queue.QueueFixture.WORKER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Jobs whose payload bytes are not UTF-8 (anyone with access to Redis can push one): every script
 * that ends, checks or takes back a worker's job finds it by the bytes the worker popped, so such a
 * job leaves flight, is taken back after a reap rather than run twice, and fails into the failed
 * list showing the bytes that arrived.
 */
class NotUtf8PayloadsIT {
  private static final String W2 = "host:2-1:reconcile";
  private static final String QUEUE = "resque:queue:reconcile";
  private static final String IN_FLIGHT = "resque:inflight:" + WORKER + ":reconcile";

  @RegisterExtension static final QueueFixture REDIS = new QueueFixture();

  private final TaskQueue queue = REDIS.queue();

  /** A job Lua reads (it has a task id) with a note holding these bytes. */
  private static byte[] job(String taskId, byte... note) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("{\"class\":\"ping\",\"args\":[],\"vars\":{\"task_id\":\""
                + taskId
                + "\",\"attempt\":0},\"note\":\"")
            .getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(note);
    out.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  static Stream<byte[]> notUtf8() {
    return Stream.of(
        job("ff", (byte) 0xff),
        // a euro sign (E2 82 AC) cut after its second byte
        job("cut", (byte) 0xe2, (byte) 0x82),
        // an overlong '/' (C0 AF), which a lax decoder reads as '/'
        job("overlong", (byte) 0xc0, (byte) 0xaf));
  }

  @ParameterizedTest
  @MethodSource("notUtf8")
  void anAckOfAHeldJobTakesExactlyItOutOfFlight(byte[] payload) {
    Delivery d = popped(payload);

    JobHold hold = REDIS.with(j -> queue.succeed(j, WORKER, d, taskId(payload), "ok", List.of()));

    assertThat(hold).isEqualTo(JobHold.HELD);
    assertThat(REDIS.exists(IN_FLIGHT)).isFalse();
    assertThat(REDIS.exists(QUEUE)).isFalse();
  }

  @ParameterizedTest
  @MethodSource("notUtf8")
  void theHeartbeatsCheckTakesBackAReturnedJobSoNoOtherWorkerRunsIt(byte[] payload) {
    Delivery d = popped(payload);
    assertThat(REDIS.reapDead(WORKER)).isEqualTo(1);

    assertThat(queue.hold(WORKER, d)).isEqualTo(JobHold.TAKEN_BACK);

    assertThat(REDIS.stored(QUEUE)).isEmpty();
    assertThat(REDIS.stored(IN_FLIGHT)).singleElement().isEqualTo(payload);
    assertThat(REDIS.pop(W2)).isNull();
  }

  @ParameterizedTest
  @MethodSource("notUtf8")
  void anAckOfAReturnedJobTakesItsQueuedCopyOut(byte[] payload) {
    Delivery d = popped(payload);
    REDIS.reapDead(WORKER);

    JobHold hold = REDIS.with(j -> queue.succeed(j, WORKER, d, taskId(payload), "ok", List.of()));

    assertThat(hold).isEqualTo(JobHold.TAKEN_BACK);
    assertThat(REDIS.stored(QUEUE)).isEmpty();
    assertThat(queue.state(taskId(payload))).containsEntry("state", "SUCCESS");
  }

  @ParameterizedTest
  @MethodSource("notUtf8")
  void aFailureOfAReturnedJobTakesItsQueuedCopyOutAndFailsItOnce(byte[] payload) {
    Delivery d = popped(payload);
    REDIS.reapDead(WORKER);

    JobHold hold = REDIS.with(j -> queue.fail(j, WORKER, d, null, new BadPayload("x"), List.of()));

    assertThat(hold).isEqualTo(JobHold.TAKEN_BACK);
    assertThat(REDIS.stored(QUEUE)).isEmpty();
    assertThat(REDIS.list("resque:failed")).hasSize(1);
    assertThat(queue.state(taskId(payload))).containsEntry("state", "FAILURE");
  }

  @ParameterizedTest
  @MethodSource("notUtf8")
  void aRequeueOfAReturnedJobLeavesOneCopyAsItWasStored(byte[] payload) {
    Delivery d = popped(payload);
    REDIS.reapDead(WORKER);

    REDIS.with(j -> queue.requeue(j, WORKER, d));

    assertThat(REDIS.stored(QUEUE)).singleElement().isEqualTo(payload);
  }

  @ParameterizedTest
  @MethodSource("notUtf8")
  void aReturnedJobAnotherWorkerTookStaysThatWorkersOnly(byte[] payload) {
    Delivery d = popped(payload);
    REDIS.reapDead(WORKER);
    REDIS.pop(W2);

    assertThat(queue.hold(WORKER, d)).isEqualTo(JobHold.TAKEN);

    assertThat(REDIS.stored(IN_FLIGHT)).isEmpty();
    assertThat(REDIS.stored("resque:inflight:" + W2 + ":reconcile"))
        .singleElement()
        .isEqualTo(payload);
  }

  @ParameterizedTest
  @MethodSource("notUtf8")
  void itsFailureRecordShowsTheBytesThatArrivedAndCannotBeRetriedAsAJob(byte[] payload) {
    Delivery d = popped(payload);

    REDIS.with(j -> queue.fail(j, WORKER, d, null, new BadPayload("x"), List.of()));

    FailureRecord failed = FailureRecord.read(REDIS.list("resque:failed").get(0));
    assertThat(failed.problem()).isNull();
    assertThat(failed.taskName()).isEqualTo("(unparseable payload)");
    assertThat(failed.payload()).contains(hex(payload)).doesNotContain("\ufffd");
    FailedAt.assertJustNow(failed);
  }

  /** The job pushed as these bytes, then popped by {@link QueueFixture#WORKER}. */
  private static Delivery popped(byte[] payload) {
    REDIS.push(payload);
    Delivery d = REDIS.pop(WORKER);
    assertThat(REDIS.stored(IN_FLIGHT)).singleElement().isEqualTo(payload);
    return d;
  }

  private static String taskId(byte[] payload) {
    String text = new String(payload, StandardCharsets.US_ASCII);
    int at = text.indexOf("\"task_id\":\"") + 11;
    return text.substring(at, text.indexOf('"', at));
  }

  /** The note's bytes as the record shows them: \xHH each. */
  private static String hex(byte[] payload) {
    StringBuilder shown = new StringBuilder();
    for (byte b : payload) {
      if (b < 0) {
        shown.append(String.format("\\\\x%02X", b & 0xff));
      }
    }
    return shown.toString();
  }
}
