package dev.reconciler.worker.queue;

import static dev.reconciler.worker.queue.QueueFixture.WORKER;
import static dev.reconciler.worker.queue.QueueFixture.shownInPayload;
import static dev.reconciler.worker.queue.QueueFixture.taskIdOf;
import static org.assertj.core.api.Assertions.assertThat;

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

  static Stream<byte[]> notUtf8() {
    return QueueFixture.notUtf8Jobs();
  }

  @ParameterizedTest
  @MethodSource("notUtf8")
  void anAckOfAHeldJobTakesExactlyItOutOfFlight(byte[] payload) {
    Delivery d = popped(payload);

    JobHold hold = REDIS.with(j -> queue.succeed(j, WORKER, d, taskIdOf(payload), "ok", List.of()));

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

    JobHold hold = REDIS.with(j -> queue.succeed(j, WORKER, d, taskIdOf(payload), "ok", List.of()));

    assertThat(hold).isEqualTo(JobHold.TAKEN_BACK);
    assertThat(REDIS.stored(QUEUE)).isEmpty();
    assertThat(queue.state(taskIdOf(payload))).containsEntry("state", "SUCCESS");
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
    assertThat(queue.state(taskIdOf(payload))).containsEntry("state", "FAILURE");
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
    assertThat(failed.payload()).contains(shownInPayload(payload)).doesNotContain("\ufffd");
    FailedAt.assertJustNow(failed);
  }

  /** The job pushed as these bytes, then popped by {@link QueueFixture#WORKER}. */
  private static Delivery popped(byte[] payload) {
    REDIS.push(payload);
    Delivery d = REDIS.pop(WORKER);
    assertThat(REDIS.stored(IN_FLIGHT)).singleElement().isEqualTo(payload);
    return d;
  }
}
