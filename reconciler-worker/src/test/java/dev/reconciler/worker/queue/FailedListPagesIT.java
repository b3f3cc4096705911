package dev.reconciler.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.UserError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The failed list read in bounded pages from a real Redis, as failed list and retry read it. */
class FailedListPagesIT {
  @RegisterExtension static final QueueFixture REDIS = new QueueFixture();

  private final TaskQueue queue = REDIS.queue();

  @Test
  void aPageHoldsAtMostItsRecordCount() {
    pushRecords(250, 10);
    QueueInspector inspector = new QueueInspector(queue, 100, 1_000_000);

    assertThat(indexes(inspector.failedPage(0))).hasSize(100).startsWith(0L).endsWith(99L);
    assertThat(indexes(inspector.failedPage(200))).hasSize(50).startsWith(200L).endsWith(249L);
    assertThat(inspector.failedPage(250)).isEmpty();
  }

  @Test
  void aPageHoldsAtMostItsBytesButAlwaysOneRecord() {
    String big = record("big", 20_000);
    String mid = record("mid", 4_000);
    REDIS.with(j -> j.rpush("resque:failed", mid, mid, mid, big, mid));
    QueueInspector inspector = new QueueInspector(queue, 100, 10_000);

    assertThat(indexes(inspector.failedPage(0))).containsExactly(0L, 1L);
    assertThat(indexes(inspector.failedPage(2))).containsExactly(2L);
    assertThat(indexes(inspector.failedPage(3))).containsExactly(3L);
    assertThat(inspector.failedPage(3).get(0).failure().taskId()).isEqualTo("big");
    assertThat(indexes(inspector.failedPage(4))).containsExactly(4L);
  }

  @Test
  void everyRecordIsVisitedOnceInListOrderAcrossPages() {
    pushRecords(57, 2_000);
    List<Long> seen = new ArrayList<>();
    List<String> ids = new ArrayList<>();

    new QueueInspector(queue, 10, 5_000)
        .forEachFailed(
            f -> {
              seen.add(f.index());
              ids.add(f.failure().taskId());
            });

    assertThat(seen).hasSize(57);
    for (int i = 0; i < 57; i++) {
      assertThat(seen.get(i)).isEqualTo(i);
      assertThat(ids.get(i)).isEqualTo("t" + i);
    }
  }

  @Test
  void aRecordLongerThanAnyFailureRecordIsMarkedByItsSizeNotRead() {
    int tooLong = Json.MAX_CHARS + 1;
    REDIS.with(j -> j.rpush("resque:failed", "x".repeat(tooLong), record("after", 10)));

    List<QueueInspector.FailedView> page = new QueueInspector(queue).failedPage(0);

    assertThat(page).hasSize(2);
    assertThat(page.get(0).stored()).isNull();
    assertThat(page.get(0).failure().problem())
        .isEqualTo(tooLong + " bytes, over the " + Json.MAX_CHARS + "-byte limit");
    assertThat(page.get(1).failure().taskId()).isEqualTo("after");
  }

  /**
   * A record too long to read is deleted by its index alone: the script checks that the record
   * there still has the length and SHA-1 the page gave. Before, only a purge of every record
   * removed it.
   */
  @Test
  void aRecordTooLongToReadIsDeletedByItsIndexAloneAndTheOthersStay() {
    String tooLong = "x".repeat(Json.MAX_CHARS + 1);
    REDIS.with(j -> j.rpush("resque:failed", record("before", 10), tooLong, record("after", 10)));
    TaskClient client = new TaskClient(queue, SettingsLoader.defaults(), QueueFixture.CLOCK);

    String deleted = client.deleteFailed("1");

    assertThat(deleted).isNull();
    assertThat(indexes(new QueueInspector(queue).failedPage(0))).containsExactly(0L, 1L);
    assertThat(new QueueInspector(queue).failedPage(0))
        .extracting(f -> f.failure().taskId())
        .containsExactly("before", "after");
  }

  /** One of the same length written at the index after the page was read is not the one seen. */
  @Test
  void aRecordTooLongToReadThatChangedSinceThePageIsNotDeleted() {
    int length = Json.MAX_CHARS + 1;
    REDIS.with(j -> j.rpush("resque:failed", "x".repeat(length)));
    QueueInspector.FailedView seen = new QueueInspector(queue).failedPage(0).get(0);
    REDIS.with(j -> j.lset("resque:failed", 0, "y".repeat(length)));

    boolean deleted = queue.deleteFailedUnread(0, seen.unread().length(), seen.unread().sha1());

    assertThat(seen.unread().length()).isEqualTo(length);
    long left = REDIS.with(j -> j.llen("resque:failed"));
    assertThat(deleted).isFalse();
    assertThat(left).isEqualTo(1L);
  }

  @Test
  void findFailedScansPastTheFirstPageAndMatchesIndexOrTaskIdWhicheverComesFirst() {
    pushRecords(30, 10);
    REDIS.with(j -> j.rpush("resque:failed", record("3", 10)));
    QueueInspector inspector = new QueueInspector(queue, 4, 1_000_000);

    assertThat(inspector.findFailed("t27").index()).isEqualTo(27);
    assertThat(inspector.findFailed("29").failure().taskId()).isEqualTo("t29");
    assertThat(inspector.findFailed("3").failure().taskId()).isEqualTo("t3");
    assertThat(inspector.findFailed("30").failure().taskId()).isEqualTo("3");
    assertThatThrownBy(() -> inspector.findFailed("t30"))
        .isInstanceOf(UserError.class)
        .hasMessage("no failed job with task id or index 't30'");
  }

  private static List<Long> indexes(List<QueueInspector.FailedView> page) {
    return page.stream().map(QueueInspector.FailedView::index).toList();
  }

  private static void pushRecords(int count, int errorChars) {
    String[] records = new String[count];
    for (int i = 0; i < count; i++) {
      records[i] = record("t" + i, errorChars);
    }
    REDIS.with(j -> j.rpush("resque:failed", records));
  }

  /** A well-formed failure record of a ping task, its size set by its error text. */
  private static String record(String taskId, int errorChars) {
    return "{\"worker\":\"w\",\"queue\":\"reconcile\",\"payload\":{\"class\":\"ping\",\"args\":[],"
        + "\"vars\":{\"task_id\":\""
        + taskId
        + "\"}},\"exception\":\"E\",\"error\":\""
        + "e".repeat(errorChars)
        + "\",\"backtrace\":[]}";
  }
}
