package dev.reconciler.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.reconciler.worker.jobs.TaskCatalog;
import dev.reconciler.worker.queue.FailureRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Redis refusing a job's outcome for its data, made real with an ACL that denies the worker's user
 * DEL (which ack.lua uses to clear the worker's busy entry right after taking the job out of
 * flight, and a pop does not; Redis 6.2 has no dry run to check a script's commands first): the job
 * goes to the failed list with the refusal as its error. Before, it was in no list at all.
 */
class RefusedOutcomeIT {
  private static final Duration LONG = Duration.ofSeconds(30);

  @TempDir Path dir;
  private WorkerHarness harness;

  @AfterEach
  void stop() throws Exception {
    // Every command again, so that the worker's stop (which deletes its entries) is not refused.
    harness.redis.with(j -> j.aclSetUser("default", "+@all"));
    harness.close();
  }

  @Test
  void aSuccessRedisRefusesToRecordEndsInTheFailedListAndTheWorkerGoesOn() {
    harness = new WorkerHarness(dir, Map.of());
    // After the start, whose recovery of an earlier run's jobs deletes entries of its own.
    harness.startWorker();
    harness.redis.with(j -> j.aclSetUser("default", "-del"));

    String first = harness.client.send(TaskCatalog.PING, List.of());
    String second = harness.client.send(TaskCatalog.PING, List.of());

    Map<String, String> state = harness.awaitState(first, "FAILURE", LONG);
    harness.awaitState(second, "FAILURE", LONG);
    assertThat(state.get("error_type")).isEqualTo(OutcomeRefused.class.getName());
    assertThat(state.get("error")).contains("(SUCCESS)").contains("can't run this command");
    List<FailureRecord> failed = harness.failedRecords().stream().map(FailureRecord::read).toList();
    assertThat(failed).extracting(FailureRecord::taskId).containsExactly(first, second);
    assertThat(failed.get(0).exception()).isEqualTo(OutcomeRefused.class.getName());
    assertThat(failed.get(0).error()).contains("Redis refused to record this task's outcome");
    assertThat(inFlight()).isEmpty();
  }

  /**
   * The refused step (ack) had taken the job out of flight before its refusal, and the step that
   * would record it is refused too (LPOS, which only that step uses, denied): the job is in no
   * list, so the log keeps what it takes to enqueue it again.
   */
  @Test
  void whenRedisRefusesTheFailureRecordTooTheLogKeepsThePayload() {
    harness = new WorkerHarness(dir, Map.of());
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger(WorkerLoop.class);
    logged.start();
    logger.addAppender(logged);
    try {
      harness.startWorker();
      harness.redis.with(j -> j.aclSetUser("default", "-del", "-lpos"));
      String task = harness.client.send(TaskCatalog.PING, List.of());

      String said = "Task " + task + ": Redis refused to put it in the failed list too";
      await().atMost(LONG).until(() -> messages(logged).stream().anyMatch(m -> m.startsWith(said)));
      String line =
          messages(logged).stream().filter(m -> m.startsWith(said)).findFirst().orElseThrow();
      assertThat(line).contains("Its payload: {\"class\":\"ping\"").contains(task);
      assertThat(harness.failedCount()).isZero();
      assertThat(harness.queue.state(task)).containsEntry("state", "STARTED");
    } finally {
      logger.detachAppender(logged);
    }
  }

  /** The stat counters are statistics: an ACL without INCR costs the counts, not the jobs. */
  @Test
  void anAclWithoutIncrCostsTheCountsNotTheJobs() {
    harness = new WorkerHarness(dir, Map.of());
    harness.redis.with(j -> j.aclSetUser("default", "-incr"));
    harness.startWorker();

    String task = harness.client.send(TaskCatalog.PING, List.of());

    harness.awaitState(task, "SUCCESS", LONG);
    boolean counted = harness.redis.with(j -> j.exists("resque:stat:processed"));
    assertThat(counted).isFalse();
    assertThat(harness.failedCount()).isZero();
    assertThat(inFlight()).isEmpty();
  }

  private static List<String> messages(ListAppender<ILoggingEvent> logged) {
    synchronized (logged) {
      return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  private String queue() {
    return harness.settings.tasks().get(TaskCatalog.PING).queue();
  }

  private Set<String> inFlight() {
    return harness.redis.with(j -> j.keys("resque:inflight:*"));
  }
}
