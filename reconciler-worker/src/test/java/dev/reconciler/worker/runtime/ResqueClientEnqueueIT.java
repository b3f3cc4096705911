package dev.reconciler.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.testing.WaitBound;
import dev.reconciler.worker.queue.FailureRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Jobs pushed by hand onto Resque's queue keys, as node-resque, Ruby resque or pyres push them
 * ({"class", "args"}, no "vars"): a registered task with valid arguments runs under a task id the
 * worker gives it and is recorded as usual (on SQLite and on PostgreSQL); anything else lands in
 * the failed list, saying why.
 */
@WaitBound
class ResqueClientEnqueueIT {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  private static final Duration LONG = Duration.ofSeconds(60);

  @TempDir Path dir;
  private WorkerHarness harness;

  @AfterEach
  void stop() throws Exception {
    harness.close();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(FlowDatabase.class)
  void aReconcilePushedByAnotherResqueClientRunsAndGetsAStateAndItsRun(FlowDatabase database)
      throws Exception {
    harness = new WorkerHarness(dir, database.env(pg, Map.of()));
    harness.generate(500);
    harness.startWorker();

    rpush("reconcile", "{\"class\":\"reconcile\",\"args\":[\"" + WorkerHarness.DAY + "\"]}");
    String taskId = awaitTask("reconcile", "SUCCESS");

    Map<String, String> state = harness.queue.state(taskId);
    assertThat(state)
        .containsEntry("queue", "reconcile")
        .containsEntry("attempt", "0")
        .containsEntry("deliveries", "1")
        .containsKeys("worker", "started_at", "finished_at", "result");
    RunRecord run = harness.runs().find(RunIds.forTask(WorkerHarness.DAY, taskId));
    assertThat(run.status()).isEqualTo("SUCCESS");
    database.assertKeptEverything(harness);
    assertThat(harness.failedCount()).isZero();
  }

  @Test
  void anUnknownTaskOrBadArgumentsFromAnotherClientGoToTheFailedListSayingWhy() {
    harness = new WorkerHarness(dir, Map.of());
    harness.startWorker();

    rpush("reconcile", "{\"class\":\"nope\",\"args\":[]}");
    rpush("reconcile", "{\"class\":\"reconcile\",\"args\":[\"yesterday\"]}");
    rpush("reconcile", "{\"class\":\"ping\",\"args\":[]}");
    awaitTask("ping", "SUCCESS");

    List<FailureRecord> failed = harness.failedRecords().stream().map(FailureRecord::read).toList();
    assertThat(failed).hasSize(2);
    assertThat(failed.get(0).error()).startsWith("unknown task 'nope'");
    assertThat(failed.get(1).error()).contains("business date");
    for (FailureRecord f : failed) {
      // Each has the task id it was given, and its state says FAILURE too.
      assertThat(f.taskId()).isNotNull();
      assertThat(harness.queue.state(f.taskId())).containsEntry("state", "FAILURE");
    }
  }

  private void rpush(String queueName, String payload) {
    String key = harness.settings.redis().namespace() + ":queue:" + queueName;
    harness.redis.with(j -> j.rpush(key, payload));
  }

  /** The id of the one task of this name, once it reaches the state (scans: tests only). */
  private String awaitTask(String name, String state) {
    return await()
        .atMost(LONG)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> tasks(name, state), ids -> ids.size() == 1)
        .iterator()
        .next();
  }

  private Set<String> tasks(String name, String state) {
    return harness.redis.with(
        j -> {
          Set<String> ids = new java.util.TreeSet<>();
          for (String key : j.keys("reconciler:task:*")) {
            if (name.equals(j.hget(key, "name")) && state.equals(j.hget(key, "state"))) {
              ids.add(key.substring("reconciler:task:".length()));
            }
          }
          return ids;
        });
  }
}
