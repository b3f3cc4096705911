package dev.reconciler.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.reconciler.core.config.Settings.TaskSettings;
import dev.reconciler.core.testing.WaitBound;
import dev.reconciler.worker.jobs.TaskCatalog;
import dev.reconciler.worker.queue.Delivery;
import dev.reconciler.worker.queue.FollowUp;
import dev.reconciler.worker.queue.RedisConnector;
import dev.reconciler.worker.queue.TaskPayloads;
import dev.reconciler.worker.queue.TaskQueue;
import dev.reconciler.worker.task.RetryPolicy;
import dev.reconciler.worker.task.TaskDefinition;
import dev.reconciler.worker.task.TaskEnvelope;
import dev.reconciler.worker.task.TaskRegistry;
import dev.reconciler.worker.task.TaskResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Redis restarts while a worker runs a job, and a reaper that never saw the restart (its own view
 * began after it) reaps the worker before its next heartbeat; another worker takes and finishes the
 * job. The first worker registers again, says loudly that its job was taken, and its own outcome,
 * when the job ends, counts, fails and alerts nothing a second time.
 */
@WaitBound
class ReapedAfterRedisRestartIT {
  private static final String OTHER = "other-host:1-1:";
  private static final String NOT_SERVED = "not-served";
  private static final Duration LONG = Duration.ofSeconds(20);

  @TempDir Path dir;
  private WorkerHarness harness;
  private RedisConnector afterRestart;
  private final CountDownLatch finish = new CountDownLatch(1);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @AfterEach
  void stop() throws Exception {
    finish.countDown();
    loggers().forEach(l -> l.detachAppender(logged));
    if (afterRestart != null) {
      afterRestart.close();
    }
    harness.close();
  }

  @Test
  void aWorkerReapedUnseenAfterARedisRestartRecordsNoSecondOutcomeForTheJobAnotherFinished() {
    // Beats every 5 s: the restart, the reap and the other worker's run fit between two beats;
    // the job may run for a minute, so its end is the test's, not its time limit's.
    harness =
        new WorkerHarness(
            dir,
            Map.of(
                "RECONCILER_WORKER_HEARTBEAT_SECONDS", "5",
                "RECONCILER_WORKER_HEARTBEAT_TTL_SECONDS", "10",
                "RECONCILER_TASKS_PING_TIME_LIMIT_SECONDS", "60"));
    harness.startWorker(blockingPing());
    startLogging();
    String worker = harness.worker().names().get(0);
    TaskEnvelope task =
        TaskEnvelope.create(TaskCatalog.PING, List.of(), System.currentTimeMillis());
    harness.queue.enqueue(queue(), task);
    harness.awaitState(task.taskId(), "STARTED", LONG);
    List<String> inFlight = harness.redis.with(j -> j.lrange(inFlightKey(worker), 0, -1));
    Map<String, String> state = harness.queue.state(task.taskId());
    awaitJustAfterABeat(worker);

    harness.restartRedis();
    afterRestart = new RedisConnector(harness.redisServer.url(), 5000, 2);
    TaskQueue other = new TaskQueue(afterRestart, "resque", Duration.ofHours(1), Clock.systemUTC());
    // What an append-only file brings back: the worker's entry, its job in flight, its task.
    afterRestart.with(
        j -> {
          j.sadd("resque:workers", worker);
          j.rpush(inFlightKey(worker), inFlight.toArray(String[]::new));
          return j.hset("reconciler:task:" + task.taskId(), state);
        });
    // A reaper whose first sight of Redis was after the restart: the worker has no heartbeat.
    int reaped = afterRestart.with(j -> other.reap(j, worker));
    assertThat(reaped).isEqualTo(1);
    Delivery again = afterRestart.with(j -> other.pop(j, OTHER + queue(), List.of(queue())));
    FollowUp alertOfOther = alert();
    afterRestart.with(
        j ->
            other.succeed(
                j, OTHER + queue(), again, task.taskId(), "by other", List.of(alertOfOther)));

    // The worker beats, finds its heartbeat gone and a new run id, and registers again.
    await()
        .atMost(LONG)
        .until(() -> afterRestart.with(j -> j.exists("reconciler:heartbeat:" + worker)));
    String taken = "Task " + task.taskId() + ": a reaper returned its job";
    boolean saidAtTheBeat = within(Duration.ofSeconds(3), () -> logged(Level.ERROR, taken));
    finish.countDown();
    String notRecorded = "Task " + task.taskId() + ": outcome not recorded";
    within(LONG, () -> !"1".equals(processed()) || logged(Level.ERROR, notRecorded));

    List<String> alerts = afterRestart.with(j -> j.lrange("resque:queue:" + NOT_SERVED, 0, -1));
    String processed = processed();
    long failed = afterRestart.with(j -> j.llen("resque:failed"));
    boolean inFlightLeft = afterRestart.with(j -> j.exists(inFlightKey(worker)));
    assertThat(alerts).containsExactly(TaskPayloads.encode(alertOfOther.task()));
    assertThat(other.state(task.taskId()))
        .containsEntry("state", "SUCCESS")
        .containsEntry("result", "by other")
        .containsEntry("follow_ups", alertOfOther.task().taskId());
    assertThat(processed).isEqualTo("1");
    assertThat(failed).isZero();
    assertThat(inFlightLeft).isFalse();
    assertThat(saidAtTheBeat).as("the heartbeat names the task whose job was taken").isTrue();
    assertThat(logged(Level.ERROR, notRecorded)).isTrue();
  }

  /** Ping, but it runs until the test lets it end, then asks for an alert. */
  private TaskRegistry blockingPing() {
    TaskSettings settings = harness.settings.tasks().get(TaskCatalog.PING);
    return new TaskRegistry()
        .register(
            new TaskDefinition(
                TaskCatalog.PING,
                settings,
                new RetryPolicy(settings, () -> 1.0),
                task ->
                    () -> {
                      finish.await();
                      return new TaskResult("by the reaped worker", List.of(alert()));
                    },
                (task, error) -> List.of()));
  }

  /** The heartbeat key was just refreshed: the next beat is a whole interval away. */
  private void awaitJustAfterABeat(String worker) {
    await()
        .atMost(LONG)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> harness.redis.with(j -> j.pttl("reconciler:heartbeat:" + worker)) > 9_700);
  }

  private void startLogging() {
    logged.start();
    loggers().forEach(l -> l.addAppender(logged));
  }

  private static List<Logger> loggers() {
    return List.of(
        (Logger) LoggerFactory.getLogger(WorkerProcess.class),
        (Logger) LoggerFactory.getLogger(WorkerLoop.class));
  }

  private boolean logged(Level level, String start) {
    return events().stream()
        .anyMatch(e -> e.getLevel() == level && e.getFormattedMessage().startsWith(start));
  }

  private String processed() {
    return afterRestart.with(j -> j.get("resque:stat:processed"));
  }

  /** Whether the condition held within the limit. */
  private static boolean within(Duration limit, BooleanSupplier condition) {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        return false;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** A copy: the appender adds to its list under its own lock, from the worker's threads. */
  private List<ILoggingEvent> events() {
    synchronized (logged) {
      return List.copyOf(logged.list);
    }
  }

  private static FollowUp alert() {
    return new FollowUp(
        NOT_SERVED, TaskEnvelope.create("send_alert", List.of(), System.currentTimeMillis()));
  }

  private String queue() {
    return harness.settings.tasks().get(TaskCatalog.PING).queue();
  }

  private String inFlightKey(String worker) {
    return "resque:inflight:" + worker + ":" + queue();
  }
}
