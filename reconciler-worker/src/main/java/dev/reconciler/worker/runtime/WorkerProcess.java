package dev.reconciler.worker.runtime;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.worker.queue.QueueConnection;
import dev.reconciler.worker.queue.RedisErrors;
import dev.reconciler.worker.queue.TaskQueue;
import dev.reconciler.worker.queue.WorkerRegistry;
import dev.reconciler.worker.task.TaskRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker process: {@code concurrency} Resque workers (one thread each), a heartbeat for them, and
 * the housekeeping every worker shares: promoting due delayed jobs and reaping dead workers.
 */
public final class WorkerProcess {
  /** Exit code when this process found itself presumed dead (its jobs may run elsewhere). */
  public static final int HEARTBEAT_LOST = 3;

  private static final Logger log = LoggerFactory.getLogger(WorkerProcess.class);
  private static final long PROMOTE_EVERY_MS = 100;
  private static final long REAP_EVERY_MS = 1_000;

  private final Settings.Worker settings;
  private final List<String> queues;
  private final TaskQueue queue;
  private final WorkerRegistry workers;
  private final List<WorkerLoop> loops = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final CountDownLatch exited;
  private final ScheduledExecutorService housekeeping =
      Executors.newScheduledThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "worker-housekeeping");
            t.setDaemon(true);
            return t;
          });
  private volatile int exitCode;
  private volatile String redisRunId = "";
  private String reaperRunId = "";
  private long reapNotBefore;

  public WorkerProcess(
      Settings.Worker settings,
      List<String> queues,
      int concurrency,
      TaskQueue queue,
      WorkerRegistry workers,
      TaskRegistry tasks,
      Clock clock) {
    this.settings = settings;
    this.queues = List.copyOf(queues);
    this.queue = queue;
    this.workers = workers;
    this.exited = new CountDownLatch(concurrency);
    String base = host() + ":" + ProcessHandle.current().pid();
    for (int i = 1; i <= concurrency; i++) {
      loops.add(
          new WorkerLoop(
              base + "-" + i + ":" + String.join(",", queues),
              this.queues,
              queue,
              tasks,
              clock,
              settings.maxRedeliveries(),
              this::exited));
    }
  }

  /** Registers the workers and starts them and the housekeeping. */
  public void start() {
    redisRunId = workers.serverRunId();
    reaperRunId = redisRunId;
    for (WorkerLoop loop : loops) {
      release(loop.name(), "left in flight by a process of the same name that died");
      workers.register(loop.name());
      Thread t = new Thread(loop, "worker-" + threads.size());
      threads.add(t);
      t.start();
    }
    long beat = settings.heartbeat().toMillis();
    housekeeping.scheduleWithFixedDelay(this::beat, beat, beat, TimeUnit.MILLISECONDS);
    housekeeping.scheduleWithFixedDelay(
        this::promoteAndReap, 0, PROMOTE_EVERY_MS, TimeUnit.MILLISECONDS);
    log.info("Worker started: {} x {} on queues {}", loops.size(), loops.get(0).name(), queues);
  }

  /** Names of this process's Resque workers. */
  public List<String> names() {
    return loops.stream().map(WorkerLoop::name).toList();
  }

  /**
   * Warm shutdown: take no new jobs, let running ones finish within {@code grace}, then interrupt
   * them (their jobs go back to the head of their queues). Returns the exit code.
   */
  public int shutdown(Duration grace) {
    loops.forEach(WorkerLoop::stop);
    boolean busy = loops.stream().anyMatch(WorkerLoop::busy);
    log.info(
        "Warm shutdown: {}, waiting up to {} s",
        busy ? "finishing the current job(s)" : "idle",
        grace.toSeconds());
    try {
      if (!exited.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Grace of {} s passed; interrupting running jobs", grace.toSeconds());
        threads.forEach(Thread::interrupt);
        exited.await(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    housekeeping.shutdownNow();
    loops.forEach(
        loop -> safely(() -> release(loop.name(), "still in flight (outcome not recorded)")));
    log.info("Worker stopped");
    return exitCode;
  }

  /**
   * Returns a worker's in-flight jobs to the head of their queues and unregisters it: a job left in
   * flight under a name no reaper will look at (it is this process's) is otherwise there for good.
   */
  private void release(String worker, String why) {
    int back = queue.release(worker);
    if (back > 0) {
      log.warn("{} job(s) {} are back on their queues", back, why);
    }
  }

  /** Blocks until every worker thread has exited (after a shutdown or a lost heartbeat). */
  public void awaitExit() throws InterruptedException {
    exited.await();
  }

  public int exitCode() {
    return exitCode;
  }

  private void exited(WorkerLoop loop) {
    exited.countDown();
  }

  private void beat() {
    try {
      List<String> lost = workers.beat(names());
      if (lost.isEmpty()) {
        return;
      }
      String runId = workers.serverRunId();
      if (!runId.equals(redisRunId)) {
        // Redis restarted and forgot us: register again rather than die.
        log.warn("Redis restarted (run id changed); registering workers again");
        redisRunId = runId;
        names().forEach(workers::register);
        checkRunningJobs();
      } else {
        log.error(
            "Heartbeat of {} expired: presumed dead and possibly reaped; stopping so the "
                + "service manager restarts this process clean",
            lost);
        exitCode = HEARTBEAT_LOST;
        loops.forEach(WorkerLoop::stop);
        checkRunningJobs();
      }
    } catch (RuntimeException e) {
      if (!RedisErrors.isRedisError(e)) {
        throw e;
      }
      log.debug("Heartbeat skipped: {}", e.getMessage());
    }
  }

  /**
   * A lost heartbeat may have let a reaper (one that did not see Redis restart, or any reaper after
   * a pause longer than the heartbeat's lifetime) return the running jobs to their queues: each
   * loop checks, and says, whether its job is still its own ({@link WorkerLoop#checkRunningJob}).
   */
  private void checkRunningJobs() {
    loops.forEach(WorkerLoop::checkRunningJob);
  }

  private long lastReap;

  private void promoteAndReap() {
    try (QueueConnection connection = queue.connect()) {
      connection.promoteDue(1_000);
      long now = System.currentTimeMillis();
      if (now - lastReap >= REAP_EVERY_MS) {
        lastReap = now;
        if (redisJustRestarted(now)) {
          return;
        }
        for (String dead : workers.dead(connection)) {
          int moved = connection.reap(dead);
          if (moved >= 0) {
            log.warn(
                "Reaped dead worker {}: {} job(s) back on their queues",
                SafeText.line(dead, 300),
                moved);
          }
        }
      }
    } catch (RuntimeException e) {
      if (RedisErrors.isConnectionError(e)) {
        log.debug("Housekeeping skipped, Redis unavailable: {}", e.getMessage());
      } else {
        log.error("Housekeeping failed", e);
      }
    }
  }

  /**
   * After a Redis restart every heartbeat is gone, the live workers' included: reaping at once
   * would hand a job a live worker is still running to another. So hold off one heartbeat lifetime
   * from the new run id, time for live workers to register again; dead ones are reaped after it.
   */
  private boolean redisJustRestarted(long now) {
    String runId = workers.serverRunId();
    if (!runId.equals(reaperRunId)) {
      reaperRunId = runId;
      reapNotBefore = now + settings.heartbeatTtl().toMillis();
      log.warn(
          "Redis restarted (run id changed); not reaping for {} s so live workers register again",
          settings.heartbeatTtl().toSeconds());
    }
    return now < reapNotBefore;
  }

  private static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      log.warn("During shutdown: {}", e.getMessage());
    }
  }

  private static String host() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
