package dev.reconciler.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.worker.jobs.TaskCatalog;
import dev.reconciler.worker.queue.TaskPayloads;
import dev.reconciler.worker.task.TaskEnvelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.params.SetParams;

/**
 * A job left in a worker's in-flight list under a name no reaper looks at, the process's own: at a
 * clean stop, and at a start under the name of a process that died (a container's pid is always the
 * same; here it is the same JVM). Either way it goes back to the head of its queue.
 */
class LeftInFlightIT {
  private static final Duration LONG = Duration.ofSeconds(30);

  @TempDir Path dir;
  private WorkerHarness harness;

  @AfterEach
  void stop() throws Exception {
    harness.close();
  }

  @Test
  void aJobStillInFlightAtACleanStopIsBackAtTheHeadOfItsQueue() {
    harness = new WorkerHarness(dir, Map.of()).startWorker();
    String worker = harness.worker().names().get(0);
    TaskEnvelope left = ping();
    harness.redis.with(j -> j.rpush(inFlight(worker), TaskPayloads.encode(left)));

    harness.worker().shutdown(Duration.ofSeconds(5));

    List<String> queued = harness.redis.with(j -> j.lrange("resque:queue:" + queue(), 0, -1));
    Set<String> workers = harness.redis.with(j -> j.smembers("resque:workers"));
    boolean stillInFlight = harness.redis.with(j -> j.exists(inFlight(worker)));
    assertThat(queued).containsExactly(TaskPayloads.encode(left));
    assertThat(stillInFlight).isFalse();
    assertThat(workers).doesNotContain(worker);
  }

  @Test
  void aJobADeadProcessOfTheSameNameLeftInFlightRunsWhenTheWorkerStarts() {
    harness = new WorkerHarness(dir, Map.of()).startWorker();
    String worker = harness.worker().names().get(0);
    harness.worker().shutdown(Duration.ofSeconds(5));
    // What a SIGKILLed process of this name leaves, its heartbeat not yet expired.
    TaskEnvelope left = ping();
    harness.redis.with(j -> j.rpush(inFlight(worker), TaskPayloads.encode(left)));
    harness.redis.with(j -> j.sadd("resque:workers", worker));
    harness.redis.with(
        j -> j.set("reconciler:heartbeat:" + worker, "x", SetParams.setParams().px(60_000)));

    harness.startWorker();

    harness.awaitState(left.taskId(), "SUCCESS", LONG);
  }

  private String queue() {
    return harness.settings.tasks().get(TaskCatalog.PING).queue();
  }

  private String inFlight(String worker) {
    return "resque:inflight:" + worker + ":" + queue();
  }

  private static TaskEnvelope ping() {
    return TaskEnvelope.create(TaskCatalog.PING, List.of(), System.currentTimeMillis());
  }
}
