package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.scheduler.DailyScheduler;
import dev.reconciler.web.WebServer;
import dev.reconciler.worker.jobs.JobContext;
import dev.reconciler.worker.jobs.TaskCatalog;
import dev.reconciler.worker.mail.AlertSenders;
import dev.reconciler.worker.runtime.WorkerProcess;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** reconciler worker: serve queues until SIGTERM/SIGINT, then shut down warm and exit 0. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description =
        "Run a worker process: take tasks from Redis and run them (with --web, also serve the web "
            + "console). SIGTERM or Ctrl-C finishes the current task (within [worker] "
            + "shutdown_grace_seconds) and exits 0.")
final class WorkerCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(WorkerCommand.class);

  @Mixin CommonOptions common;

  @Option(
      names = {"-Q", "--queues"},
      split = ",",
      description = "queues in priority order (default: [worker] queues)")
  List<String> queues;

  @Option(
      names = {"-c", "--concurrency"},
      description = "tasks at once (default: [worker] concurrency)")
  Integer concurrency;

  @Option(
      names = {"-B", "--beat"},
      description = "also run the scheduler in this process (like Celery's -B)")
  boolean beat;

  @Option(
      names = "--web",
      description = "also serve the web console and /metrics in this process (see --bind)")
  boolean serveWeb;

  @Mixin WebOptions web;

  @Override
  @SuppressWarnings("try") // the console is only closed, at the end, by the try
  public Integer call() throws Exception {
    Settings settings = common.settings(true);
    checkFlags();
    Clock clock = Clock.systemUTC();
    if (beat) {
      DailyScheduler.check(settings.schedule(), clock.instant());
    }
    if (serveWeb) {
      web.where(settings);
    }
    int n = concurrency != null ? concurrency : settings.worker().concurrency();
    checkSessions(settings.database(), n);
    List<String> serve = queues != null ? queues : settings.worker().queues();
    // Before anything slow, so a SIGTERM during start-up is a clean stop rather than exit 143.
    CountDownLatch stop = Signals.stopLatch();
    // The console's requests borrow connections too; it starts before the worker, so a port that
    // cannot be bound stops the command before any task is taken.
    int connections = n * 2 + 4 + (serveWeb ? 4 : 0);
    try (Broker broker = Broker.start(settings, clock, connections);
        WebServer console = serveWeb ? web.start(settings, broker, clock) : null) {
      JobContext ctx = new JobContext(settings, clock, broker.redis, AlertSenders.from(settings));
      WorkerProcess worker =
          new WorkerProcess(
              settings.worker(),
              serve,
              n,
              broker.queue,
              broker.workers,
              TaskCatalog.registry(ctx),
              clock);
      DailyScheduler scheduler = beat ? new DailyScheduler(settings, broker.queue, clock) : null;
      worker.start();
      if (scheduler != null) {
        scheduler.start();
      }
      Thread watcher =
          new Thread(
              () -> {
                try {
                  worker.awaitExit();
                  stop.countDown();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "worker-exit-watch");
      watcher.setDaemon(true);
      watcher.start();
      stop.await();
      log.info("Stopping");
      if (scheduler != null) {
        scheduler.close();
      }
      return worker.shutdown(settings.worker().shutdownGrace());
    }
  }

  /**
   * On PostgreSQL each task running at once may hold {@link Settings.Database#SESSIONS_PER_RUN}
   * pooled sessions: a pool too small for them would leave runs waiting on one another's sessions
   * until they fail, so the worker does not start.
   */
  private static void checkSessions(Settings.Database database, int tasks) {
    int needed = tasks * Settings.Database.SESSIONS_PER_RUN;
    if (database.postgres() && database.poolSize() < needed) {
      throw new UserError(
          "[database] pool_size = "
              + database.poolSize()
              + " is too small for "
              + tasks
              + " tasks at once (-c/--concurrency or [worker] concurrency): a run holds up to "
              + Settings.Database.SESSIONS_PER_RUN
              + " sessions at once, so it must be at least "
              + needed);
    }
  }

  /**
   * -c and -Q as [worker] concurrency and queues are checked: a bad one is one line and exit 2
   * (which the units do not restart), not a crash or a worker that serves nothing.
   */
  private void checkFlags() {
    if (concurrency != null && (concurrency < 1 || concurrency > Settings.Worker.MAX_CONCURRENCY)) {
      throw new UserError(
          "-c/--concurrency "
              + concurrency
              + " is invalid: expected a whole number from 1 to "
              + Settings.Worker.MAX_CONCURRENCY
              + ", as [worker] concurrency");
    }
    // An empty -Q names the empty queue: a worker serving nothing.
    List<String> named = queues == null ? List.of() : queues.isEmpty() ? List.of("") : queues;
    for (String queue : named) {
      if (!Settings.Worker.QUEUE_NAME.matcher(queue).matches()) {
        throw new UserError(
            "-Q/--queues '"
                + SafeText.line(queue, 60)
                + "' is invalid: expected queue names of letters, digits, '_', '.' or '-', as"
                + " [worker] queues");
      }
    }
  }
}
