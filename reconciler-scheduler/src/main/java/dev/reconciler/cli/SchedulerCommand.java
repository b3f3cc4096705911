package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.scheduler.DailyScheduler;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** reconciler scheduler: enqueue the daily reconcile on the [schedule] cron until stopped. */
@Command(
    name = "scheduler",
    mixinStandardHelpOptions = true,
    description =
        "Run the scheduler: enqueue 'reconcile' for the previous business date on the [schedule] cron. "
            + "Safe to run two (an HA pair): each fire time is enqueued once.")
final class SchedulerCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    Settings settings = common.settings(true);
    Clock clock = Clock.systemUTC();
    DailyScheduler.check(settings.schedule(), clock.instant());
    CountDownLatch stop = Signals.stopLatch();
    try (Broker broker = Broker.start(settings, clock, 4);
        DailyScheduler scheduler = new DailyScheduler(settings, broker.queue, clock)) {
      scheduler.start();
      stop.await();
    }
    return 0;
  }
}
