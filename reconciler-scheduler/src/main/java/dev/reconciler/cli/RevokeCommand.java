package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
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
    return r.describe(taskId, terminate);
  }
}
