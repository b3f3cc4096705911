package dev.reconciler.worker.runtime;

import static org.awaitility.Awaitility.await;

import dev.reconciler.core.testing.WaitBound;
import dev.reconciler.worker.jobs.TaskCatalog;
import dev.reconciler.worker.queue.TaskPayloads;
import dev.reconciler.worker.task.TaskEnvelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Redis restart longer than the heartbeat lifetime loses every heartbeat, the live workers' too.
 * A reaper that saw the restart waits one lifetime (3 s here) before reaping, so that a live worker
 * registers again instead of having its running job handed to another; a worker that never comes
 * back is still reaped after it.
 */
@WaitBound
class RedisRestartReapIT {
  private static final String OTHER = "other-host:1-1:";

  @TempDir Path dir;
  private WorkerHarness harness;

  @AfterEach
  void stop() throws Exception {
    harness.close();
  }

  @Test
  void aReaperWaitsOneHeartbeatLifetimeAfterARedisRestartThenReapsTheWorkersThatStayedAway() {
    harness = new WorkerHarness(dir, Map.of()).startWorker();
    String other = OTHER + queue();

    harness.restartRedis();
    // What an append-only file brings back after a restart longer than the heartbeat lifetime:
    // the other process's worker entry and in-flight job, its heartbeat expired.
    TaskEnvelope running =
        TaskEnvelope.create(TaskCatalog.PING, List.of(), System.currentTimeMillis());
    await().ignoreExceptions().atMost(Duration.ofSeconds(5)).until(() -> restore(other, running));

    await()
        .during(Duration.ofMillis(2_000))
        .atMost(Duration.ofMillis(2_500))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> inFlight(other).equals(List.of(TaskPayloads.encode(running))));
    harness.awaitState(running.taskId(), "SUCCESS", Duration.ofSeconds(10));
  }

  private boolean restore(String worker, TaskEnvelope job) {
    // Idempotent, as a pooled connection broken by the restart may fail it half-way once.
    return harness.redis.with(
        j -> {
          j.sadd("resque:workers", worker);
          j.del(inFlightKey(worker));
          return j.rpush(inFlightKey(worker), TaskPayloads.encode(job)) == 1;
        });
  }

  private List<String> inFlight(String worker) {
    return harness.redis.with(j -> j.lrange(inFlightKey(worker), 0, -1));
  }

  private String queue() {
    return harness.settings.tasks().get(TaskCatalog.PING).queue();
  }

  private String inFlightKey(String worker) {
    return "resque:inflight:" + worker + ":" + queue();
  }
}
