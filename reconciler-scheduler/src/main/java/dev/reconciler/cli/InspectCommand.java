package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.worker.queue.ChainView;
import dev.reconciler.worker.queue.GroupView;
import dev.reconciler.worker.queue.QueueInspector;
import dev.reconciler.worker.queue.WrongTypeKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** reconciler inspect: what the queues and workers are doing now, and the last runs. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description =
        "Show queue lengths, live workers and their current task, in-flight, delayed and failed counts, "
            + "the newest chains of reconcile dates, groups and chords, and the last runs.")
final class InspectCommand implements Callable<Integer> {
  /** How many chains, and how many groups and chords, are listed. */
  private static final int SHOWN_UNITS = 5;

  /** How much of a run's error or report path one line shows. */
  private static final int SHOWN_CHARS = 200;

  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    Settings settings = common.settings();
    try (Broker broker = Broker.connect(settings, Clock.systemUTC())) {
      QueueInspector inspector = new QueueInspector(broker.queue);
      System.out.println("Queues:");
      orUnreadable(
          () ->
              inspector
                  .queueLengths()
                  .forEach(
                      (q, n) ->
                          System.out.printf(
                              "  %-20s %s%n", SafeText.line(q, 200), count(n, " waiting"))));
      System.out.println("Workers:");
      orUnreadable(() -> inspector.workers().forEach(InspectCommand::printWorker));
      System.out.printf(
          "Delayed: %s   Failed: %s   Revoked: %s%n",
          count(inspector.delayed(), ""),
          count(inspector.failedCount(), ""),
          count(inspector.revokedCount(), ""));
      System.out.println("Chains (newest first):");
      orUnreadable(() -> printChains(inspector));
      System.out.println("Groups and chords (newest first):");
      orUnreadable(() -> printGroups(inspector));
    }
    printLastRuns(settings);
    return 0;
  }

  /**
   * A worker on two lines (three with its in-flight count unreadable), whatever Redis holds: what
   * cannot be read is marked, and the rest still shown.
   */
  private static void printWorker(QueueInspector.WorkerView w) {
    System.out.printf(
        "  %s  in flight %s, heartbeat %s%n",
        SafeText.line(w.name(), 300),
        w.inFlight().problem() == null ? w.inFlight().value() : "unreadable",
        w.heartbeatTtlMs() < 0 ? "MISSING (will be reaped)" : "ok");
    if (w.current().problem() != null) {
      System.out.println("    current task unreadable: " + w.current().problem());
    } else {
      String current = w.current().value();
      System.out.println("    " + (current == null ? "idle" : SafeText.line(current, 1000)));
    }
    if (w.inFlight().problem() != null) {
      System.out.println("    in flight unreadable: " + w.inFlight().problem());
    }
  }

  /** The newest chains of reconcile dates, one line each: range, state, dates done and to come. */
  private static void printChains(QueueInspector inspector) {
    printNewest(
        inspector.recentChains(SHOWN_UNITS),
        id -> {
          ChainView chain = inspector.chain(id);
          return chain == null ? null : chain.summary();
        });
  }

  /** The newest groups and chords, one line each: kind, state, members done, the callback. */
  private static void printGroups(QueueInspector inspector) {
    printNewest(
        inspector.recentGroups(SHOWN_UNITS),
        id -> {
          GroupView group = inspector.group(id);
          return group == null ? null : group.summary();
        });
  }

  /** Each id and its summary (none when it expired), or why it is unreadable. */
  private static void printNewest(List<String> ids, Function<String, String> summary) {
    for (String id : ids) {
      String line;
      try {
        line = summary.apply(id);
      } catch (WrongTypeKey e) {
        System.out.println("  " + SafeText.line(id, 200) + "  unreadable: " + e.getMessage());
        continue;
      }
      if (line != null) {
        System.out.printf("  %s  %s%n", SafeText.line(id, 200), SafeText.line(line, SHOWN_CHARS));
      }
    }
  }

  /** A count as a number, or "unreadable: " and why. */
  private static String count(QueueInspector.Reading<Long> n, String unit) {
    return n.problem() == null
        ? String.format("%,d", n.value()) + unit
        : "unreadable: " + n.problem();
  }

  /** Runs one section; if its key is of the wrong type, says so and goes on to the next. */
  private static void orUnreadable(Runnable section) {
    try {
      section.run();
    } catch (WrongTypeKey e) {
      System.out.println("  unreadable: " + e.getMessage());
    }
  }

  /**
   * The last runs, each on one line whatever its fields hold (the run table is data anyone who can
   * write the database may have written); a malformed row is shown with what is unreadable in it.
   */
  private static void printLastRuns(Settings settings) {
    Path db = RunStores.location(settings.paths(), settings.paths().database());
    if (!settings.database().postgres() && !Files.isRegularFile(db)) {
      return;
    }
    System.out.println(
        "Last runs (" + RunStores.shown(settings, settings.paths().database()) + "):");
    List<RunRecord> runs;
    try {
      runs = RunStores.open(settings, settings.paths().database()).recent(5);
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
