package dev.reconciler.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.worker.jobs.TaskCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resque's stat counters holding no number, with an in-process worker: every job still ends once
 * and the worker goes on (it wedged on the first outcome it recorded, retrying it forever).
 */
class CorruptCountersIT {
  private static final Duration LONG = Duration.ofSeconds(30);

  @TempDir Path dir;
  private WorkerHarness harness;

  @AfterEach
  void stop() throws Exception {
    harness.close();
  }

  @Test
  void aProcessedCounterThatHoldsNoNumberStopsNoJob() {
    harness = new WorkerHarness(dir, Map.of());
    harness.redis.with(j -> j.set("resque:stat:processed", "notanumber"));
    harness.startWorker();

    String first = harness.client.send(TaskCatalog.PING, List.of());
    String second = harness.client.send(TaskCatalog.PING, List.of());

    harness.awaitState(first, "SUCCESS", LONG);
    harness.awaitState(second, "SUCCESS", LONG);
    String processed = harness.redis.with(j -> j.get("resque:stat:processed"));
    Set<String> inFlight = harness.redis.with(j -> j.keys("resque:inflight:*"));
    assertThat(processed).isEqualTo("2");
    assertThat(inFlight).isEmpty();
  }

  @Test
  void aFailedCounterThatHoldsNoNumberLeavesOneFailureRecordAndTheWorkerGoesOn() {
    harness = new WorkerHarness(dir, Map.of());
    harness.redis.with(j -> j.set("resque:stat:failed", "x"));
    String queue = harness.settings.tasks().get(TaskCatalog.PING).queue();
    harness.redis.with(
        j ->
            j.rpush(
                "resque:queue:" + queue,
                "{\"class\":\"no_such_task\",\"args\":[],\"vars\":{\"task_id\":\"unknown-1\"}}"));
    harness.startWorker();

    harness.awaitState("unknown-1", "FAILURE", LONG);
    String after = harness.client.send(TaskCatalog.PING, List.of());
    harness.awaitState(after, "SUCCESS", LONG);
    assertThat(harness.failedCount()).isEqualTo(1);
    String failed = harness.redis.with(j -> j.get("resque:stat:failed"));
    assertThat(failed).isEqualTo("1");
  }
}
