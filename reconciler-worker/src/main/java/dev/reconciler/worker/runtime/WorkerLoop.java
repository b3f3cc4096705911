package dev.reconciler.worker.runtime;

import dev.reconciler.core.domain.SafeText;
import dev.reconciler.worker.queue.BadPayload;
import dev.reconciler.worker.queue.Delivery;
import dev.reconciler.worker.queue.FollowUp;
import dev.reconciler.worker.queue.JobHold;
import dev.reconciler.worker.queue.QueueConnection;
import dev.reconciler.worker.queue.RedisErrors;
import dev.reconciler.worker.queue.TaskQueue;
import dev.reconciler.worker.queue.TaskStats;
import dev.reconciler.worker.queue.TaskStats.Outcome;
import dev.reconciler.worker.task.Deferred;
import dev.reconciler.worker.task.TaskDefinition;
import dev.reconciler.worker.task.TaskEnvelope;
import dev.reconciler.worker.task.TaskHandler;
import dev.reconciler.worker.task.TaskRegistry;
import dev.reconciler.worker.task.TaskResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One Resque worker: takes a job, runs it within its time limit, records the outcome. Each outcome
 * is written even if Redis is away for a while (retried until it is back), so a finished job is
 * never forgotten. Errors are logged through {@link SafeText}: they may quote payload data.
 */
final class WorkerLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(WorkerLoop.class);
  private static final Duration IDLE_WAIT = Duration.ofSeconds(1);

  /** How often a running task's worker asks whether an operator revoked it with --terminate. */
  private static final long REVOKE_CHECK_NANOS = Duration.ofMillis(500).toNanos();

  /** How long a stopped task's thread may take to end before its run is recorded as revoked. */
  private static final Duration REVOKED_THREAD_WAIT = Duration.ofSeconds(10);

  private static final String REVOKED_NOTE = "revoked by an operator (revoke --terminate)";

  private final String name;
  private final List<String> queues;
  private final TaskQueue queue;
  private final TaskRegistry registry;
  private final TaskStats stats;
  private final Clock clock;
  private final int maxRedeliveries;
  private final Consumer<WorkerLoop> onExit;
  private ExecutorService runner;
  private volatile boolean stopping;
  private volatile Delivery current;

  /**
   * Held while an outcome is written and while the heartbeat checks the running job: a check that
   * met a job just requeued at shutdown would take it back into flight.
   */
  private final Object outcomeLock = new Object();

  WorkerLoop(
      String name,
      List<String> queues,
      TaskQueue queue,
      TaskRegistry registry,
      Clock clock,
      int maxRedeliveries,
      Consumer<WorkerLoop> onExit) {
    this.name = name;
    this.queues = queues;
    this.queue = queue;
    this.registry = registry;
    this.stats = new TaskStats(queue.redis(), clock);
    this.clock = clock;
    this.maxRedeliveries = maxRedeliveries;
    this.onExit = onExit;
    this.runner = newRunner();
  }

  private ExecutorService newRunner() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "task-" + name);
          t.setDaemon(true);
          return t;
        });
  }

  String name() {
    return name;
  }

  /** Take no new job; the current one finishes. An idle wait for work ends now. */
  void stop() {
    stopping = true;
    try {
      queue.wake(name);
    } catch (RuntimeException e) {
      // Redis away: the wait ends at its own timeout, as the loop's next step fails.
      log.debug("Could not wake {} to stop: {}", name, e.toString());
    }
  }

  boolean busy() {
    return current != null;
  }

  /**
   * For a heartbeat that found this worker's key gone: whether the job it runs is still its own (a
   * reaper may have taken it for dead), one no one took since taken back; null when idle. A job
   * taken back is said at WARN; one another worker took runs on here, but its outcome will not be
   * recorded (the scripts record only the current holder's), so it is said at ERROR.
   */
  JobHold checkRunningJob() {
    synchronized (outcomeLock) {
      Delivery d = current;
      if (d == null) {
        return null;
      }
      JobHold hold = queue.hold(name, d);
      if (hold == JobHold.TAKEN_BACK) {
        log.warn(
            "Task {}: a reaper had returned its job to its queue while it ran here; no one took it"
                + " since, so it is back in this worker's flight and will not run twice",
            SafeText.line(taskIdOf(d)));
      } else if (hold == JobHold.TAKEN) {
        log.error(
            "Task {}: a reaper returned its job to its queue while it ran here, and another worker"
                + " has taken it; it runs on here, but only that worker's outcome will be recorded",
            SafeText.line(taskIdOf(d)));
      }
      return hold;
    }
  }

  private static String taskIdOf(Delivery d) {
    String id = readableTaskId(d);
    return id == null ? "(unreadable payload)" : id;
  }

  /** The delivered job's task id, or null when its payload cannot be read. */
  private static String readableTaskId(Delivery d) {
    try {
      return d.task().taskId();
    } catch (BadPayload e) {
      return null;
    }
  }

  @Override
  public void run() {
    Backoff backoff = new Backoff();
    try {
      while (!stopping && !Thread.currentThread().isInterrupted()) {
        try (QueueConnection connection = queue.connect()) {
          Delivery d = connection.pop(name, queues);
          backoff.reset();
          if (d == null) {
            writeCounts(true);
            connection.awaitWork(name, queues, IDLE_WAIT);
            continue;
          }
          current = d;
          handle(d);
          current = null;
        } catch (RuntimeException e) {
          if (RedisErrors.isOutage(e)) {
            log.warn("Redis unavailable ({}); retrying", e.getMessage());
          } else if (RedisErrors.isRedisError(e)) {
            log.error("Redis refused a step ({}); retrying", SafeText.line(e.getMessage()));
          } else {
            // A bug must not end this worker thread silently; its job stays in flight for the
            // reaper.
            log.error("Unexpected error in the worker loop; continuing", e);
            current = null;
          }
          if (!backoff.pause()) {
            break;
          }
        }
      }
    } finally {
      writeCounts(true);
      runner.shutdownNow();
      onExit.accept(this);
    }
  }

  private void handle(Delivery d) {
    TaskEnvelope task;
    try {
      task = d.task();
    } catch (BadPayload e) {
      log.error("Rejected payload on {}: {}", d.queue(), SafeText.line(e.getMessage()));
      record(d, "FAILURE", c -> c.fail(name, d, null, e, List.of()));
      return;
    }
    MDC.put("taskId", task.taskId());
    try {
      execute(d, task);
    } finally {
      MDC.remove("taskId");
      MDC.remove("runId");
    }
  }

  private void execute(Delivery d, TaskEnvelope task) {
    TaskDefinition def;
    try {
      def = registry.get(task.name());
    } catch (TaskRegistry.UnknownTask e) {
      log.error("Rejected task: {}", SafeText.line(e.getMessage()));
      // A task of a group that no worker here can run fails its group: say so, as for any failure.
      List<FollowUp> ofGroup = registry.groupFailure(task, e);
      record(d, "FAILURE", c -> c.fail(name, d, task.taskId(), e, List.of(), ofGroup));
      return;
    }
    if (killedItsWorkersTooOften(d)) {
      failForGood(d, def, task, new PoisonJob(d.redeliveries()), Duration.ZERO);
      return;
    }
    long start = System.nanoTime();
    try {
      TaskResult result = runWithinLimit(def, task);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      log.info(
          "Task {}[{}] succeeded in {} ms: {}",
          task.name(),
          task.taskId(),
          took.toMillis(),
          SafeText.line(result.summary()));
      finish(
          d,
          task,
          Outcome.SUCCEEDED,
          "SUCCESS",
          took,
          c -> c.succeed(name, d, task.taskId(), result.summary(), result.followUps()));
    } catch (TaskRevoked e) {
      // fail.lua finds the task revoked: REVOKED with this note, no failure record, no alert.
      log.warn("Task {}[{}] revoked by an operator: stopped", task.name(), task.taskId());
      record(d, "REVOKED", c -> c.fail(name, d, task.taskId(), e, List.of()));
    } catch (InterruptedException e) {
      // Warm shutdown ran out of grace: the job goes back to the head of its queue.
      log.warn("Task {}[{}] interrupted by shutdown; requeued", task.name(), task.taskId());
      Thread.interrupted();
      record(d, "back to its queue at shutdown", c -> c.requeue(name, d));
      Thread.currentThread().interrupt();
    } catch (Throwable error) {
      onFailure(d, def, task, error, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /**
   * Runs the task on the runner thread within its time limit, asking every half second whether an
   * operator revoked it with --terminate; either way the run is interrupted and abandoned.
   */
  private TaskResult runWithinLimit(TaskDefinition def, TaskEnvelope task) throws Throwable {
    String taskId = task.taskId();
    TaskHandler handler = def.factory().apply(task);
    Future<TaskResult> future =
        runner.submit(
            () -> {
              MDC.put("taskId", taskId);
              try {
                return handler.run();
              } finally {
                MDC.clear();
              }
            });
    long deadline = System.nanoTime() + def.settings().timeLimit().toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          abandon(future);
          throw new TaskTimeout(
              def.name()
                  + " exceeded its time limit of "
                  + def.settings().timeLimit().toSeconds()
                  + " s");
        }
        try {
          return future.get(Math.min(left, REVOKE_CHECK_NANOS), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          if (terminateRequested(taskId)) {
            stopRevoked(future, handler);
            throw new TaskRevoked(REVOKED_NOTE);
          }
        }
      }
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      throw e.getCause();
    }
  }

  /**
   * Interrupts the run and gives the next job a fresh thread: a job that ignores the interrupt
   * keeps its own. Returns the abandoned runner.
   */
  private ExecutorService abandon(Future<TaskResult> future) {
    future.cancel(true);
    ExecutorService old = runner;
    old.shutdownNow();
    runner = newRunner();
    return old;
  }

  /**
   * Stops a revoked run, waits (bounded) for its thread to end so that what the run writes on its
   * way out comes before, then lets the task record its run as revoked.
   */
  private void stopRevoked(Future<TaskResult> future, TaskHandler handler)
      throws InterruptedException {
    ExecutorService old = abandon(future);
    if (!old.awaitTermination(REVOKED_THREAD_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      log.warn("Revoked task's thread still runs after {} s", REVOKED_THREAD_WAIT.toSeconds());
    }
    try {
      handler.revoked(REVOKED_NOTE);
    } catch (RuntimeException e) {
      log.error("Could not record the revoked task's run: {}", SafeText.line(e.toString()));
    }
  }

  /** Whether to stop the running task now; a Redis outage is no reason to, so it answers no. */
  private boolean terminateRequested(String taskId) {
    try {
      return queue.terminateRequested(taskId);
    } catch (RuntimeException e) {
      if (!RedisErrors.isRedisError(e)) {
        throw e;
      }
      return false;
    }
  }

  private void onFailure(
      Delivery d, TaskDefinition def, TaskEnvelope task, Throwable error, Duration took) {
    if (error instanceof Deferred deferred) {
      log.info(
          "Task {}[{}] deferred to {}: {}",
          task.name(),
          task.taskId(),
          deferred.due(),
          SafeText.line(String.valueOf(deferred.getMessage())));
      // The same attempt again: waiting for another holder is not one of its tries, nor a run
      // that the metrics count as retried.
      record(d, "RETRY, deferred", c -> c.defer(name, d, task, deferred.due(), error));
      return;
    }
    if (def.retry().shouldRetry(task.attempt(), error)) {
      Duration delay = def.retry().delayAfter(task.attempt());
      Instant due = clock.instant().plus(delay);
      log.warn(
          "Task {}[{}] failed on attempt {} ({}); retry {} of {} in {} ms",
          task.name(),
          task.taskId(),
          task.attempt() + 1,
          SafeText.line(error.toString()),
          task.attempt() + 1,
          def.retry().maxRetries(),
          delay.toMillis());
      finish(
          d,
          task,
          Outcome.RETRIED,
          "RETRY",
          took,
          c -> c.retry(name, d, task.nextAttempt(), due, error));
    } else {
      failForGood(d, def, task, error, took);
    }
  }

  /**
   * Records the outcome of a run of a registered task, then counts it for the metrics: the one
   * place runs are counted. Counts are written to Redis a second or an idle moment later, not in
   * the queue's script, so a worker that dies before then loses them (the metrics undercount, the
   * queue stays right).
   */
  private void finish(
      Delivery d,
      TaskEnvelope task,
      Outcome outcome,
      String state,
      Duration took,
      Function<QueueConnection, JobHold> write) {
    if (record(d, state, write)) {
      stats.record(task.name(), outcome, took);
      writeCounts(false);
    }
  }

  /** Writes the runs' counts when due, or now; a failed write is logged and its counts dropped. */
  private void writeCounts(boolean now) {
    try {
      if (now) {
        stats.flush();
      } else {
        stats.flushIfDue();
      }
    } catch (RuntimeException e) {
      log.warn(
          "Runs were not counted for the metrics ({})",
          SafeText.line(String.valueOf(e.getMessage())));
    }
  }

  /** Past the cap, the reaper returned this job from as many dead workers: a poison job. */
  private boolean killedItsWorkersTooOften(Delivery d) {
    return d.redeliveries() > maxRedeliveries;
  }

  /**
   * FAILURE, a failure record, and the task's failure follow-ups (its alert), in one step; for a
   * task of a group, the group fails too, and its alert is queued if it failed just now.
   */
  private void failForGood(
      Delivery d, TaskDefinition def, TaskEnvelope task, Throwable error, Duration took) {
    log.error(
        "Task {}[{}] failed for good after {} attempt(s): {}",
        task.name(),
        task.taskId(),
        task.attempt() + 1,
        SafeText.line(error.toString()));
    List<FollowUp> followUps = def.onFailure().apply(task, error);
    List<FollowUp> ofGroup = registry.groupFailure(task, error);
    finish(
        d,
        task,
        Outcome.FAILED,
        "FAILURE",
        took,
        c -> c.fail(name, d, task.taskId(), error, followUps, ofGroup));
  }

  /**
   * Writes an outcome, waiting out a Redis outage: the outcome of finished work must not be lost.
   * Returns false when interrupted before it was written, when Redis refused the write for its data
   * (the same step would be refused forever, and this worker would take no other job; the job goes
   * to the failed list instead, see {@link #failRefused}), or when another delivery of the job took
   * over: its outcome counts, not this one. {@code outcome} names the outcome for the operator.
   */
  private boolean record(Delivery d, String outcome, Function<QueueConnection, JobHold> write) {
    Backoff backoff = new Backoff();
    while (true) {
      try (QueueConnection connection = queue.connect()) {
        JobHold hold;
        synchronized (outcomeLock) {
          hold = write.apply(connection);
          current = null;
        }
        return recorded(d, hold);
      } catch (RuntimeException e) {
        if (!RedisErrors.isRedisError(e)) {
          throw e;
        }
        if (!RedisErrors.isOutage(e)) {
          log.error(
              "Redis refused the task outcome {} ({}); not tried again, as it would be refused the"
                  + " same way",
              outcome,
              SafeText.line(String.valueOf(e.getMessage())));
          failRefused(d, new OutcomeRefused(outcome, e));
          return false;
        }
        log.warn("Could not record task outcome ({}); retrying", e.getMessage());
        if (!backoff.pause()) {
          log.error(
              "Interrupted before the outcome was recorded; the job stays in flight for the reaper");
          return false;
        }
      }
    }
  }

  /**
   * Puts a job whose outcome Redis refused in the failed list, the refusal as its error, where
   * operators look and from where it can be retried; left where the refused step left it, it would
   * run again at this worker's next start, or be in no list at all. When Redis refuses that too,
   * the log keeps its payload, to enqueue it again by hand.
   */
  private void failRefused(Delivery d, OutcomeRefused refused) {
    try (QueueConnection connection = queue.connect()) {
      boolean recorded;
      // As record's write: a heartbeat's check of the running job must not put it back in flight.
      synchronized (outcomeLock) {
        recorded = connection.failRefused(name, d, readableTaskId(d), refused);
        current = null;
      }
      if (recorded) {
        log.error(
            "Task {}: put in the failed list with Redis' refusal as its error",
            SafeText.line(taskIdOf(d)));
      }
    } catch (RuntimeException e) {
      if (!RedisErrors.isRedisError(e)) {
        throw e;
      }
      log.error(
          "Task {}: Redis refused to put it in the failed list too ({}); it may still be in this"
              + " worker's in-flight list (see 'inspect'), else in none. Its payload: {}",
          SafeText.line(taskIdOf(d)),
          SafeText.line(String.valueOf(e.getMessage())),
          SafeText.line(d.payload(), LOGGED_PAYLOAD));
    }
  }

  /** Longest payload a log line keeps, in characters. */
  private static final int LOGGED_PAYLOAD = 64 * 1024;

  /** Says when the job was no longer in this worker's flight; whether its outcome was recorded. */
  private boolean recorded(Delivery d, JobHold hold) {
    if (hold == JobHold.TAKEN_BACK) {
      log.warn(
          "Task {}: a reaper had returned its job to its queue while it ran here (this worker's"
              + " heartbeat had lapsed); no one took it since, so its queued copy was removed and"
              + " this outcome recorded",
          SafeText.line(taskIdOf(d)));
    } else if (hold == JobHold.TAKEN) {
      log.error(
          "Task {}: outcome not recorded: a reaper returned its job while it ran here (this"
              + " worker's heartbeat had lapsed) and another delivery of it has taken over; that"
              + " one's outcome counts",
          SafeText.line(taskIdOf(d)));
    }
    return hold != JobHold.TAKEN;
  }
}
