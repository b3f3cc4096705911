package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.worker.jobs.TaskCatalog;
import dev.reconciler.worker.queue.TaskClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** reconciler enqueue: an operator's ad-hoc task (a rerun is a new task and a new run). */
@Command(name = "enqueue", mixinStandardHelpOptions = true,
    description = "Enqueue a task for the workers and print its task id. Tasks: reconcile, ping.")
final class EnqueueCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "TASK", description = "reconcile or ping")
  String task;

  @Option(names = "--date", paramLabel = "yyyy-MM-dd", description = "business date (reconcile; default: yesterday)")
  String date;

  @Option(names = "--db", paramLabel = "PATH", description = "input database as the workers see it (reconcile)")
  Path db;

  @Option(names = "--out", paramLabel = "DIR", description = "report directory as the workers see it (reconcile)")
  Path out;

  @ArgGroup(exclusive = true)
  When when;

  static final class When {
    @Option(names = "--countdown", paramLabel = "SECONDS", description = "run no earlier than this many seconds from now")
    Long countdown;

    @Option(names = "--eta", paramLabel = "TIME", description = "run no earlier than this ISO-8601 time with offset")
    String eta;
  }

  @Override
  public Integer call() {
    Settings settings = common.settings();
    Clock clock = Clock.systemUTC();
    List<Object> args = switch (task) {
      case ReconcileArgs.TASK -> new ReconcileArgs(DateOption.parse(date, settings.reconciliation().timezone(), clock),
          db == null ? null : db.toAbsolutePath().toString(), out == null ? null : out.toAbsolutePath().toString()).toList();
      case TaskCatalog.PING -> List.of();
      default -> throw new UserError("cannot enqueue '" + task + "': use reconcile or ping");
    };
    try (Broker broker = Broker.connect(settings, clock)) {
      String id = new TaskClient(broker.queue, settings, clock).send(task, args, eta(clock));
      System.out.println(id);
    }
    return 0;
  }

  private Instant eta(Clock clock) {
    if (when == null) {
      return null;
    }
    if (when.countdown != null) {
      if (when.countdown < 0) {
        throw new UserError("--countdown must be 0 or more seconds");
      }
      return clock.instant().plusSeconds(when.countdown);
    }
    try {
      return OffsetDateTime.parse(when.eta).toInstant();
    } catch (DateTimeParseException e) {
      throw new UserError("--eta '" + when.eta + "' is not an ISO-8601 time with offset, e.g. 2026-11-25T06:00:00Z");
    }
  }
}
