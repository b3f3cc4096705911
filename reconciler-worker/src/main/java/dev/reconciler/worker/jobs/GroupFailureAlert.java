package dev.reconciler.worker.jobs;

import dev.reconciler.core.alert.AlertKind;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.task.BadArguments;
import dev.reconciler.core.task.ReconcileMergeArgs;
import dev.reconciler.core.task.ReconcilePartArgs;
import dev.reconciler.core.task.SendAlertArgs;
import dev.reconciler.worker.queue.FollowUp;
import dev.reconciler.worker.task.TaskEnvelope;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The failure alert of a group or chord, sent through the send_alert task like a run's: its id is
 * derived from the group, and the queue enqueues it only in the step that fails the group, so a
 * group's failure is announced once however many of its tasks fail.
 */
final class GroupFailureAlert {
  private GroupFailureAlert() {}

  /** The alert for the group {@code task} is part of, which {@code error} fails. */
  static List<FollowUp> of(TaskEnvelope task, Throwable error, JobContext ctx) {
    LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(task.enqueuedAtMs()), ZoneOffset.UTC);
    Run run = shardedRun(task);
    if (run == null) {
      run = new Run(RunIds.forTask(day, task.group()), day);
    }
    return List.of(
        ReconcileJob.alertFollowUp(
            new SendAlertArgs(
                run.id(),
                AlertKind.FAILURE,
                run.date(),
                null,
                error.toString(),
                task.taskId(),
                task.group()),
            ctx));
  }

  private record Run(String id, LocalDate date) {}

  /**
   * The run of a sharded reconcile's part or merge, whose chord is that run: its alert names the
   * run and its business date. Null for another task, or one with bad arguments.
   */
  private static Run shardedRun(TaskEnvelope task) {
    try {
      return switch (task.name()) {
        case ReconcilePartArgs.TASK -> {
          ReconcilePartArgs a = ReconcilePartArgs.from(task.args());
          yield new Run(a.runId(), a.reconcile().businessDate());
        }
        case ReconcileMergeArgs.TASK -> {
          ReconcileMergeArgs a = ReconcileMergeArgs.from(task.args());
          yield new Run(a.runId(), a.reconcile().businessDate());
        }
        default -> null;
      };
    } catch (BadArguments e) {
      return null;
    }
  }
}
