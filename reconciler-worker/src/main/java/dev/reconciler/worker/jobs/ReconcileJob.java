package dev.reconciler.worker.jobs;

import dev.reconciler.core.alert.AlertComposer;
import dev.reconciler.core.alert.AlertKind;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.reconcile.ReconcileRequest;
import dev.reconciler.core.reconcile.ReconcileService;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.reconcile.RunOutcome;
import dev.reconciler.core.store.RunLog;
import dev.reconciler.core.store.RunRecord;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.core.task.SendAlertArgs;
import dev.reconciler.worker.queue.FollowUp;
import dev.reconciler.worker.task.TaskEnvelope;
import dev.reconciler.worker.task.TaskHandler;
import dev.reconciler.worker.task.TaskResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * The reconcile task: runs the core pipeline for a business date under a run id derived from the
 * task id (a redelivery overwrites its own report and record), then asks for a discrepancy alert
 * when the run warrants one.
 */
public final class ReconcileJob implements TaskHandler {
  private final TaskEnvelope task;
  private final ReconcileArgs args;
  private final JobContext ctx;

  public ReconcileJob(TaskEnvelope task, JobContext ctx) {
    this.task = task;
    this.args = ReconcileArgs.from(task.args());
    this.ctx = ctx;
  }

  @Override
  public TaskResult run() {
    String runId = RunIds.forTask(args.businessDate(), task.taskId());
    MDC.put("runId", runId);
    Path db = database(args, ctx);
    Path reports =
        args.reportDir() != null ? Path.of(args.reportDir()) : ctx.settings().paths().reportDir();
    RunOutcome outcome =
        new ReconcileService(ctx.settings(), ctx.clock(), Progress.NONE)
            .run(new ReconcileRequest(args.businessDate(), runId, db, reports));
    RunRecord run = new RunLog(db, ctx.settings().database().busyTimeoutMs()).find(runId);
    List<FollowUp> followUps =
        new AlertComposer(ctx.settings().email()).warrantsDiscrepancyAlert(run)
            ? List.of(alert(runId, AlertKind.DISCREPANCIES, db, null))
            : List.of();
    return new TaskResult(
        "run "
            + runId
            + ": "
            + outcome.result().matched()
            + " matched, "
            + outcome.result().discrepancyCount()
            + " discrepancies, report "
            + outcome.report(),
        followUps);
  }

  /** The failure alert to send when a reconcile task fails for good (none if its args are bad). */
  static List<FollowUp> onFailure(TaskEnvelope task, Throwable error, JobContext ctx) {
    ReconcileArgs args;
    try {
      args = ReconcileArgs.from(task.args());
    } catch (RuntimeException bad) {
      return List.of();
    }
    String runId = RunIds.forTask(args.businessDate(), task.taskId());
    ReconcileJob job = new ReconcileJob(task, ctx);
    return List.of(job.alert(runId, AlertKind.FAILURE, database(args, ctx), error.toString()));
  }

  private FollowUp alert(String runId, AlertKind kind, Path db, String error) {
    SendAlertArgs alert =
        new SendAlertArgs(
            runId, kind.id(), args.businessDate(), db.toString(), error, task.taskId());
    TaskEnvelope envelope =
        new TaskEnvelope(
            alertTaskId(runId, kind), SendAlertArgs.TASK, alert.toList(), 0, ctx.clock().millis());
    return new FollowUp(ctx.settings().tasks().get(SendAlertArgs.TASK).queue(), envelope);
  }

  /**
   * The task id of a run's alert of one kind: a UUID like every task id, but derived from run and
   * kind (name-based), so one run can never queue two different alert tasks of a kind.
   */
  public static String alertTaskId(String runId, AlertKind kind) {
    return UUID.nameUUIDFromBytes(
            ("alert:" + runId + ":" + kind.id()).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private static Path database(ReconcileArgs args, JobContext ctx) {
    return args.database() != null ? Path.of(args.database()) : ctx.settings().paths().database();
  }
}
