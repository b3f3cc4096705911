package dev.reconciler.worker.jobs;

import dev.reconciler.core.alert.AlertKind;
import dev.reconciler.core.reconcile.RunIds;
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
    String runId = RunIds.forTask(day, task.group());
    return List.of(
        ReconcileJob.alertFollowUp(
            new SendAlertArgs(
                runId, AlertKind.FAILURE, day, null, error.toString(), task.taskId(), task.group()),
            ctx));
  }
}
