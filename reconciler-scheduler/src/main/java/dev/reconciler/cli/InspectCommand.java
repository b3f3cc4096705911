package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.store.RunLog;
import dev.reconciler.core.store.RunRecord;
import dev.reconciler.worker.queue.QueueInspector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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
  /** How much of a run's error or report path one line shows. */
  private static final int SHOWN_CHARS = 200;

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
    printLastRuns(settings);
    return 0;
  }

  /**
   * The last runs, each on one line whatever its fields hold (the run table is data anyone who can
   * write the database may have written); a malformed row is shown with what is unreadable in it.
   */
  private static void printLastRuns(Settings settings) {
    Path db = settings.paths().database();
    if (!Files.isRegularFile(db)) {
      return;
    }
    System.out.println("Last runs (" + db + "):");
    List<RunRecord> runs;
    try {
      runs = new RunLog(db, settings.database().busyTimeoutMs()).recent(5);
    } catch (RuntimeException e) {
      System.out.println("  cannot read them: " + shown(e.getMessage()));
      return;
    }
    for (RunRecord run : runs) {
      System.out.printf(
          "  %s  %s  %-8s %s%n",
          run.businessDate() == null ? "?         " : run.businessDate(),
          shown(run.runId()),
          shown(run.status()),
          shown(run.error() != null ? run.error() : run.reportPath()));
      for (String problem : run.problems()) {
        System.out.println("    run " + shown(run.runId()) + ": " + problem);
      }
    }
  }

  private static String shown(String text) {
    return SafeText.line(text, SHOWN_CHARS);
  }
}
