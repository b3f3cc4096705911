package dev.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.testing.WaitBound;
import dev.reconciler.worker.queue.RedisConnector;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code failed list} and {@code failed retry} on a failed list far larger than the CLI's heap:
 * anyone who can write Redis can fill it, and the operator must still be able to read it.
 */
@WaitBound
class FailedListMemoryIT {
  /** Many times what one page may hold, and more than twice the child's heap in all. */
  private static final int LARGE_RECORDS = 40;

  private static final int LARGE_RECORD_CHARS = 3 * 1024 * 1024;
  private static final String CHILD_HEAP = "-Xmx64m";

  @RegisterExtension final ChildJvms children = new ChildJvms();
  @RegisterExtension final QueueWorld world = new QueueWorld(10);

  @Test
  void failedListPrintsEveryRecordOfAListLargerThanItsHeap() throws Exception {
    fillFailedList();

    ChildJvms.Child list = run("list", "failed", "list");

    assertThat(list.process().exitValue()).as(list.output()).isZero();
    List<String> lines = list.stdoutText().lines().toList();
    assertThat(lines).hasSize(LARGE_RECORDS + 1);
    for (int i = 0; i < LARGE_RECORDS; i++) {
      assertThat(lines.get(i))
          .startsWith(i + "  2026-11-24T06:00:00.000+0000  ping[big-" + i + "]");
    }
    assertThat(lines.get(LARGE_RECORDS)).startsWith(LARGE_RECORDS + "  ").contains("ping[needle]");
  }

  @Test
  void failedRetryFindsATaskBehindAListLargerThanItsHeap() throws Exception {
    fillFailedList();

    ChildJvms.Child retry = run("retry", "failed", "retry", "needle");

    assertThat(retry.process().exitValue()).as(retry.output()).isZero();
    assertThat(retry.stdoutText().strip()).isEqualTo("needle");
    assertThat(world.probe().state("needle")).isEqualTo("PENDING");
  }

  private ChildJvms.Child run(String label, String... args) throws Exception {
    ChildJvms.Child child =
        children.startWithHeap(
            CHILD_HEAP, label, world.ws().root(), world.ws().tmp(), world.env(), args);
    assertThat(child.process().waitFor(120, TimeUnit.SECONDS)).as(label + " finished").isTrue();
    return child;
  }

  /** Large well-formed records (a big error text), then one small retryable record. */
  private void fillFailedList() {
    String error = "e".repeat(LARGE_RECORD_CHARS);
    try (RedisConnector redis =
        new RedisConnector(world.env().get("RECONCILER_REDIS_URL"), 5_000, 1)) {
      for (int i = 0; i < LARGE_RECORDS; i++) {
        String record = record("big-" + i, error);
        redis.with(j -> j.rpush("resque:failed", record));
      }
      redis.with(j -> j.rpush("resque:failed", record("needle", "boom")));
    }
  }

  private static String record(String taskId, String error) {
    return "{\"worker\":\"w\",\"queue\":\"reconcile\",\"failed_at\":\"2026-11-24T06:00:00.000+0000\","
        + "\"payload\":{\"class\":\"ping\",\"args\":[],\"vars\":{\"task_id\":\""
        + taskId
        + "\"}},\"exception\":\"java.lang.IllegalStateException\",\"error\":\""
        + error
        + "\",\"backtrace\":[]}";
  }
}
