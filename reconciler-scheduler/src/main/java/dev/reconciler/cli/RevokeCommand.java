package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.worker.queue.Revocation;
import dev.reconciler.worker.queue.TaskClient;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** reconciler revoke TASK_ID [--terminate]: a task that must not run (any more), like Celery's. */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description =
        "Revoke a task, or a group or chord (its callback never runs, its unfinished tasks are "
            + "revoked): a queued or delayed one is removed and becomes REVOKED at once; a running "
            + "one finishes but is never retried or redelivered (with --terminate its worker stops "
            + "it). A revoked task never runs again. Exit 2 for an unknown or finished task.")
final class RevokeCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(paramLabel = "TASK_OR_GROUP_ID")
  String taskId;

  @Option(
      names = "--terminate",
      description = "stop the task if it is running (its run is recorded as revoked)")
  boolean terminate;

  @Override
  public Integer call() {
    Settings settings = common.settings();
    Clock clock = Clock.systemUTC();
    try (Broker broker = Broker.connect(settings, clock)) {
      Revocation r = new TaskClient(broker.queue, settings, clock).revoke(taskId, terminate);
      System.out.println(message(taskId, r, terminate));
    }
    return 0;
  }

  /** One line saying what became of the task (the id was checked to be a plain token). */
  static String message(String taskId, Revocation r, boolean terminate) {
    String worker = SafeText.line(r.detail(), 300);
    return switch (r.outcome()) {
      case GROUP ->
          "revoked group "
              + taskId
              + ": a chord's callback will not run; its unfinished tasks revoked ("
              + SafeText.line(r.detail(), 100)
              + ")";
      case REMOVED -> "revoked " + taskId + ": removed from its queue before it ran";
      case MARKED -> "revoked " + taskId + ": no job of it was waiting; it will not run";
      case RUNNING ->
          terminate
              ? "revoked " + taskId + ": running on " + worker + ", which stops it now"
              : "revoked "
                  + taskId
                  + ": running on "
                  + worker
                  + "; it finishes, then is never retried or run again"
                  + " (--terminate stops it)";
    };
  }
}
