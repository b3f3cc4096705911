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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * reconciler failed list|retry ID|retry --all --yes|delete ID|purge --yes: the failed set,
 * Resque-style.
 */
@Command(
    name = "failed",
    mixinStandardHelpOptions = true,
    description =
        "Work with the failed set: 'list', 'retry ID' (task id or list index; same task id, attempts "
            + "start again), 'retry --all --yes' (every record that is a runnable task, as the "
            + "console's retry all; the others stay listed), 'delete ID' (that record only, never "
            + "run again), 'purge --yes' (every record, for good).")
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

  @Option(
      names = "--all",
      description = "with retry: every record that is a runnable task, instead of one ID")
  boolean all;

  @Option(
      names = "--yes",
      description =
          "with retry --all or purge: go ahead; retry --all runs every failed task again (alerts may"
              + " go out again), purge deletes every record and its error for good")
  boolean yes;

  @Override
  public Integer call() {
    Settings settings = common.settings();
    Clock clock = Clock.systemUTC();
    refuseMismatchedArguments();
    try (Broker broker = Broker.connect(settings, clock)) {
      QueueInspector inspector = new QueueInspector(broker.queue);
      TaskClient client = new TaskClient(broker.queue, settings, clock);
      switch (action) {
        case "list" -> inspector.forEachFailed(f -> System.out.println(line(f)));
        case "retry" ->
            System.out.println(
                all ? client.retryAllFailed().describe() : client.retryFailed(requiredId()));
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

  /** Refused before Redis is touched: a flag or ID that does not fit the action does nothing. */
  private void refuseMismatchedArguments() {
    if (id != null && (action.equals("list") || action.equals("purge"))) {
      // Most likely a delete meant: a purge that went on would remove every record.
      throw new UserError(
          "failed "
              + action
              + " takes no ID (got '"
              + SafeText.line(id, 100)
              + "'); to remove one record: failed delete ID");
    }
    if (all && !action.equals("retry")) {
      throw new UserError("--all goes with retry only: failed retry --all --yes");
    }
    boolean purge = action.equals("purge");
    if (yes && !all && !purge) {
      throw new UserError(
          "--yes confirms failed retry --all or failed purge only; nothing else asks for it");
    }
    if (all && id != null) {
      throw new UserError(
          "failed retry takes an ID or --all, not both (got '" + SafeText.line(id, 100) + "')");
    }
    if (all && !yes) {
      // The console asks for a typed word here too: after an outage this runs hundreds of tasks,
      // and each one that fails again sends another failure alert. One record needs no --yes.
      throw new UserError(
          "failed retry --all runs every failed task again (alerts may go out again);"
              + " add --yes to go ahead");
    }
    if (purge && !yes) {
      // As the console's purge asks for a typed word: the records are the only copy of each
      // failure's error and arguments, and a purge cannot be undone.
      throw new UserError(
          "failed purge deletes every failure record and its error for good;"
              + " add --yes to go ahead (failed delete ID removes one)");
    }
  }

  private String requiredId() {
    if (id == null) {
      throw new UserError(
          "failed "
              + action
              + " needs a task id or index (see 'failed list')"
              + (action.equals("retry") ? ", or --all --yes for every record" : ""));
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
