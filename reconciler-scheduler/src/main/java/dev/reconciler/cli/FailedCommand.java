package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.worker.queue.FailureRecord;
import dev.reconciler.worker.queue.QueueInspector;
import dev.reconciler.worker.queue.TaskClient;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** reconciler failed list|retry ID|purge: the failed set, Resque-style. */
@Command(
    name = "failed",
    mixinStandardHelpOptions = true,
    description =
        "Work with the failed set: 'list', 'retry ID' (task id or list index; same task id, attempts "
            + "start again), 'purge'.")
final class FailedCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "ACTION", description = "list, retry or purge")
  String action;

  @Parameters(index = "1", arity = "0..1", paramLabel = "ID")
  String id;

  @Override
  public Integer call() {
    Settings settings = common.settings();
    Clock clock = Clock.systemUTC();
    try (Broker broker = Broker.connect(settings, clock)) {
      QueueInspector inspector = new QueueInspector(broker.queue);
      switch (action) {
        case "list" -> inspector.forEachFailed(f -> System.out.println(line(f)));
        case "retry" -> {
          if (id == null) {
            throw new dev.reconciler.core.domain.UserError(
                "failed retry needs a task id or index (see 'failed list')");
          }
          System.out.println(new TaskClient(broker.queue, settings, clock).retryFailed(id));
        }
        case "purge" -> System.out.println("purged " + inspector.purgeFailed() + " failed job(s)");
        default ->
            throw new dev.reconciler.core.domain.UserError(
                "unknown action '" + SafeText.line(action, 100) + "': use list, retry or purge");
      }
    }
    return 0;
  }

  /** One line per record, every field escaped: a failure record is whatever Redis holds. */
  static String line(QueueInspector.FailedView f) {
    FailureRecord r = f.failure();
    if (r.problem() != null) {
      return f.index() + "  malformed failure record: " + SafeText.line(r.problem(), 300);
    }
    return f.index()
        + "  "
        + SafeText.line(r.failedAt(), 40)
        + "  "
        + SafeText.line(r.taskName(), 130)
        + "["
        + SafeText.line(r.taskId(), 130)
        + "]  "
        + SafeText.line(r.exception(), 200)
        + ": "
        + SafeText.line(r.error(), 500);
  }
}
