package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.worker.queue.QueueInspector;
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
    try (Broker broker = Broker.connect(settings, Clock.systemUTC())) {
      QueueInspector inspector = new QueueInspector(broker.queue);
      switch (action) {
        case "list" ->
            inspector
                .failed()
                .forEach(
                    f ->
                        System.out.printf(
                            "%d  %s  %s  %s: %s%n",
                            f.index(),
                            f.failure().getFailedAt(),
                            f.failure().getPayload() == null
                                ? "?"
                                : f.failure().getPayload().getClassName(),
                            f.failure().getThrowableString(),
                            f.failure().getError()));
        case "retry" -> {
          if (id == null) {
            throw new dev.reconciler.core.domain.UserError(
                "failed retry needs a task id or index (see 'failed list')");
          }
          System.out.println(inspector.retryFailed(id));
        }
        case "purge" -> System.out.println("purged " + inspector.purgeFailed() + " failed job(s)");
        default ->
            throw new dev.reconciler.core.domain.UserError(
                "unknown action '" + action + "': use list, retry or purge");
      }
    }
    return 0;
  }
}
