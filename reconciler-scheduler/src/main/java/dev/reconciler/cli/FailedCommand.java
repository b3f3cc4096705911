package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.worker.queue.FailureRecord;
import dev.reconciler.worker.queue.QueueInspector;
import dev.reconciler.worker.queue.TaskClient;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** reconciler failed list|retry ID|delete ID|purge: the failed set, Resque-style. */
@Command(
    name = "failed",
    mixinStandardHelpOptions = true,
    description =
        "Work with the failed set: 'list', 'retry ID' (task id or list index; same task id, attempts "
            + "start again), 'delete ID' (that record only, never run again), 'purge' (every "
            + "record).")
final class FailedCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "ACTION", description = "list, retry, delete or purge")
  String action;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "ID",
      description = "for retry and delete: a task id or an index, as 'failed list' shows them")
  String id;

  @Override
  public Integer call() {
    Settings settings = common.settings();
    Clock clock = Clock.systemUTC();
    try (Broker broker = Broker.connect(settings, clock)) {
      QueueInspector inspector = new QueueInspector(broker.queue);
      TaskClient client = new TaskClient(broker.queue, settings, clock);
      if (id != null && (action.equals("list") || action.equals("purge"))) {
        // Most likely a delete meant: a purge that went on would remove every record.
        throw new UserError(
            "failed "
                + action
                + " takes no ID (got '"
                + SafeText.line(id, 100)
                + "'); to remove one record: failed delete ID");
      }
      switch (action) {
        case "list" -> inspector.forEachFailed(f -> System.out.println(line(f)));
        case "retry" -> System.out.println(client.retryFailed(requiredId()));
        case "delete" -> {
          // Like the console's delete of one record, no confirmation: it touches nothing else.
          String asked = requiredId();
          System.out.println(TaskClient.describeDeleted(asked, client.deleteFailed(asked)));
        }
        case "purge" -> System.out.println("purged " + inspector.purgeFailed() + " failed job(s)");
        default ->
            throw new UserError(
                "unknown action '"
                    + SafeText.line(action, 100)
                    + "': use list, retry, delete or purge");
      }
    }
    return 0;
  }

  private String requiredId() {
    if (id == null) {
      throw new UserError("failed " + action + " needs a task id or index (see 'failed list')");
    }
    return id;
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
