package dev.reconciler.worker.queue;

import static dev.reconciler.worker.queue.QueueFixture.CLOCK;
import static dev.reconciler.worker.queue.QueueFixture.WORKER;
import static dev.reconciler.worker.queue.QueueFixture.aFailureRecordOf;
import static dev.reconciler.worker.queue.QueueFixture.aJobWithNote;
import static dev.reconciler.worker.queue.QueueFixture.shownInPayload;
import static dev.reconciler.worker.queue.QueueFixture.taskIdOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.UserError;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Failure records whose bytes are not UTF-8 (another Resque client's, a hand-written one): an
 * operator deletes one by index or task id like any other, sees its bad bytes as \xHH, and a retry
 * refuses it saying why. And the records our own scripts write of an over-long payload stay UTF-8.
 */
class NotUtf8FailureRecordsIT {
  private static final String FAILED = "resque:failed";

  @RegisterExtension static final QueueFixture REDIS = new QueueFixture();

  private final TaskClient client = new TaskClient(REDIS.queue(), SettingsLoader.defaults(), CLOCK);

  static Stream<byte[]> notUtf8() {
    return QueueFixture.notUtf8Jobs();
  }

  @ParameterizedTest
  @MethodSource("notUtf8")
  void aRecordThatIsNotUtf8IsDeletedByItsIndexAndTheOthersStay(byte[] job) {
    pushBetweenTwoGoodRecords(job);

    assertThat(client.deleteFailed("1")).isEqualTo(taskIdOf(job));

    assertThat(REDIS.list(FAILED)).containsExactly(good("t0"), good("t2"));
  }

  @ParameterizedTest
  @MethodSource("notUtf8")
  void aRecordThatIsNotUtf8IsDeletedByItsTaskIdAndTheOthersStay(byte[] job) {
    pushBetweenTwoGoodRecords(job);

    assertThat(client.deleteFailed(taskIdOf(job))).isEqualTo(taskIdOf(job));

    assertThat(REDIS.list(FAILED)).containsExactly(good("t0"), good("t2"));
  }

  @ParameterizedTest
  @MethodSource("notUtf8")
  void aRecordThatIsNotUtf8IsListedWithItsBadBytesAsHex(byte[] job) {
    pushBetweenTwoGoodRecords(job);

    FailureRecord listed = new QueueInspector(REDIS.queue()).failedPage(0).get(1).failure();

    assertThat(listed.problem()).isNull();
    assertThat(listed.taskId()).isEqualTo(taskIdOf(job));
    assertThat(listed.payload()).contains(shownInPayload(job)).doesNotContain("\ufffd");
  }

  @ParameterizedTest
  @MethodSource("notUtf8")
  void aRetryOfARecordThatIsNotUtf8IsRefusedSayingWhyAndKeepsIt(byte[] job) {
    pushBetweenTwoGoodRecords(job);

    assertThatThrownBy(() -> client.retryFailed(taskIdOf(job)))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith(
            "failed job 1 cannot be retried: failure record is not UTF-8: byte");
    TaskClient.RetryAll all = client.retryAllFailed();

    assertThat(all.retried()).containsExactly("t0", "t2");
    assertThat(all.refused())
        .singleElement()
        .asString()
        .startsWith("failed job 0 cannot be retried: failure record is not UTF-8");
    assertThat(REDIS.stored(FAILED)).singleElement().isEqualTo(aFailureRecordOf(job));
    assertThat(REDIS.list("resque:queue:reconcile")).hasSize(2);
  }

  /**
   * A 4-byte character (U+1F600) placed across the 64 KiB that the record keeps of an over-long
   * payload, {@code keptBytes} of it before the cut.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void anOverLongPayloadCutInsideACharacterGivesAUtf8RecordThatIsDeletable(int keptBytes) {
    String head = "{\"class\":\"ping\",\"args\":[\"";
    String kept = head + "x".repeat(64 * 1024 - keptBytes - head.length());
    REDIS.push(kept + "\uD83D\uDE00" + "x".repeat(TaskPayloads.MAX_BYTES) + "\"]}");

    assertThat(REDIS.pop(WORKER)).isNull();

    byte[] record = REDIS.stored(FAILED).get(0);
    assertThat(TaskPayloads.firstNotUtf8(record)).isEqualTo(-1);
    FailureRecord failed = FailureRecord.read(new String(record, StandardCharsets.UTF_8));
    assertThat(failed.exception()).isEqualTo("PayloadTooLarge");
    assertThat(failed.payload()).contains(Json.write(Json.tree(kept)) + "]");
    assertThat(client.deleteFailed("0")).isNull();
    assertThat(REDIS.stored(FAILED)).isEmpty();
  }

  /** A good record of task t0, the record of this job, and a good record of task t2. */
  private static void pushBetweenTwoGoodRecords(byte[] job) {
    REDIS.with(
        j ->
            j.rpush(
                FAILED.getBytes(StandardCharsets.UTF_8),
                aFailureRecordOf(aJobWithNote("t0")),
                aFailureRecordOf(job),
                aFailureRecordOf(aJobWithNote("t2"))));
  }

  private static String good(String taskId) {
    return new String(aFailureRecordOf(aJobWithNote(taskId)), StandardCharsets.UTF_8);
  }
}
