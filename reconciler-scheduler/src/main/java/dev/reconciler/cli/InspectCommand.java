package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.store.RunLog;
import dev.reconciler.core.store.RunRecord;
import dev.reconciler.worker.queue.QueueInspector;
import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** reconciler inspect: what the queues and workers are doing now, and the last runs. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description =
        "Show queue lengths, live workers and their current task, in-flight, delayed and failed counts, "
            + "and the last runs.")
final class InspectCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    Settings settings = common.settings();
    try (Broker broker = Broker.connect(settings, Clock.systemUTC())) {
      QueueInspector inspector = new QueueInspector(broker.queue);
      System.out.println("Queues:");
      inspector
          .queueLengths()
          .forEach((q, n) -> System.out.printf("  %-20s %,d waiting%n", SafeText.line(q, 200), n));
      System.out.println("Workers:");
      for (QueueInspector.WorkerView w : inspector.workers()) {
        System.out.printf(
            "  %s  in flight %d, heartbeat %s%n    %s%n",
            SafeText.line(w.name(), 300),
            w.inFlight(),
            w.heartbeatTtlMs() < 0 ? "MISSING (will be reaped)" : "ok",
            w.current() == null ? "idle" : SafeText.line(w.current(), 1000));
      }
      System.out.printf(
          "Delayed: %,d   Failed: %,d%n", inspector.delayed(), inspector.failedCount());
    }
    if (Files.isRegularFile(settings.paths().database())) {
      System.out.println("Last runs (" + settings.paths().database() + "):");
      for (RunRecord run :
          new RunLog(settings.paths().database(), settings.database().busyTimeoutMs()).recent(5)) {
        System.out.printf(
            "  %s  %s  %-8s %s%n",
            run.businessDate(),
            run.runId(),
            run.status(),
            run.error() != null ? run.error() : run.reportPath());
      }
    }
    return 0;
  }
}
