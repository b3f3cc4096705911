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
 * INCR (which only the outcome scripts' counters use): the job goes to the failed list with the
 * refusal as its error, instead of staying in the worker's flight to run again at its next start.
 */
class RefusedOutcomeIT {
  private static final Duration LONG = Duration.ofSeconds(30);

  @TempDir Path dir;
  private WorkerHarness harness;

  @AfterEach
  void stop() throws Exception {
    harness.close();
  }

  @Test
  void aSuccessRedisRefusesToRecordEndsInTheFailedListAndTheWorkerGoesOn() {
    harness = new WorkerHarness(dir, Map.of());
    harness.redis.with(j -> j.aclSetUser("default", "-incr"));
    harness.startWorker();

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
    String task = harness.client.send(TaskCatalog.PING, List.of());
    String payload = harness.redis.with(j -> j.lindex("resque:queue:" + queue(), 0));
    harness.redis.with(j -> j.aclSetUser("default", "-incr", "-lpos"));
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger(WorkerLoop.class);
    logged.start();
    logger.addAppender(logged);
    try {
      harness.startWorker();

      String said = "Task " + task + ": Redis refused to put it in the failed list too";
      await().atMost(LONG).until(() -> messages(logged).stream().anyMatch(m -> m.startsWith(said)));
      String line =
          messages(logged).stream().filter(m -> m.startsWith(said)).findFirst().orElseThrow();
      assertThat(line).endsWith("Its payload: " + payload);
      assertThat(harness.failedCount()).isZero();
      assertThat(harness.queue.state(task)).containsEntry("state", "STARTED");
    } finally {
      logger.detachAppender(logged);
    }
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
