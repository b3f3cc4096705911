package dev.reconciler.worker.jobs;

import dev.reconciler.core.alert.AlertKind;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.Shard;
import dev.reconciler.core.reconcile.ReconcileRequest;
import dev.reconciler.core.reconcile.ReconcileService;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.reconcile.RunOutcome;
import dev.reconciler.core.task.BadArguments;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.core.task.ReconcileMergeArgs;
import dev.reconciler.core.task.ReconcilePartArgs;
import dev.reconciler.core.task.SendAlertArgs;
import dev.reconciler.worker.queue.FollowUp;
import dev.reconciler.worker.queue.GroupView;
import dev.reconciler.worker.queue.Signature;
import dev.reconciler.worker.task.TaskEnvelope;
import dev.reconciler.worker.task.TaskHandler;
import dev.reconciler.worker.task.TaskResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * The reconcile task: runs the core pipeline for a business date under a run id derived from the
 * task id, then asks for a discrepancy alert when the run warrants one. A redelivery of a run that
 * failed or never finished overwrites its own report and record; one of a run recorded a success
 * only does what follows it ({@link AfterRun#recordedEarlier}).
 */
public final class ReconcileJob implements TaskHandler {
  private final TaskEnvelope task;
  private final ReconcileArgs args;
  private final String runId;
  private final Path database;
  private final Path reportDir;
  private final JobContext ctx;

  /** Checks the arguments, including that their paths lie where a task may work. */
  public ReconcileJob(TaskEnvelope task, JobContext ctx) {
    this.task = task;
    this.args = ReconcileArgs.from(task.args());
    try {
      this.runId = RunIds.forTask(args.businessDate(), task.taskId());
    } catch (IllegalArgumentException e) {
      throw new BadArguments("reconcile: " + e.getMessage() + " cannot name a run");
    }
    checkLink(task, args);
    this.database = args.databaseIn(ctx.settings().paths());
    this.reportDir = args.reportDirIn(ctx.settings().paths());
    this.ctx = ctx;
  }

  /**
   * A chain's link is its first (task id = chain id) or has the task id derived from chain and
   * date: a payload cannot graft a task onto another chain, nor claim another date of it.
   */
  private static void checkLink(TaskEnvelope task, ReconcileArgs args) {
    ReconcileArgs.Chain chain = args.chain();
    if (chain != null
        && !task.taskId().equals(chain.id())
        && !task.taskId().equals(RunOrder.linkTaskId(chain.id(), args.businessDate()))) {
      throw new BadArguments(
          "reconcile: task "
              + task.taskId()
              + " is not the link of chain "
              + chain.id()
              + " for "
              + args.businessDate());
    }
  }

  @Override
  public TaskResult run() {
    MDC.put("runId", runId);
    int shards = ctx.settings().reconciliation().shards();
    if (shards > 1) {
      return fanOut(shards);
    }
    Optional<TaskResult> recorded = after().recordedEarlier();
    if (recorded.isPresent()) {
      return recorded.get();
    }
    RunOutcome outcome =
        new ReconcileService(ctx.settings(), ctx.clock(), Progress.NONE)
            .run(new ReconcileRequest(args.businessDate(), runId, database, reportDir));
    return after().result("run " + runId + ": " + AfterRun.counts(outcome));
  }

  /**
   * A day in {@code shards} parts ([reconciliation] shards): a chord of one reconcile_part task per
   * part and a reconcile_merge callback that records the run as this task would have (alert and
   * chain included). Its group id is derived from this task's id, so a redelivery of this task
   * finds the chord sent and sends nothing.
   */
  private TaskResult fanOut(int shards) {
    String group = GroupView.fannedOutAs(task.taskId());
    new ReconcileService(ctx.settings(), ctx.clock(), Progress.NONE).prepareParts(database, shards);
    List<Signature> parts = new ArrayList<>(shards);
    for (int i = 0; i < shards; i++) {
      parts.add(
          new Signature(
              ReconcilePartArgs.TASK,
              new ReconcilePartArgs(runId, new Shard(i, shards), args).toList()));
    }
    Signature merge =
        new Signature(
            ReconcileMergeArgs.TASK, new ReconcileMergeArgs(runId, shards, args, null).toList());
    boolean sent = ctx.tasks().sendGroup(group, parts, merge);
    return TaskResult.of(
        "run "
            + runId
            + ": "
            + shards
            + " parts sent as chord "
            + group
            + (sent ? "" : " (sent by an earlier delivery)")
            + ", merged by "
            + GroupView.callbackId(group)
            + "; see 'reconciler status "
            + group
            + "'");
  }

  private AfterRun after() {
    return new AfterRun(task, args, runId, database, ctx);
  }

  /**
   * Records the run as REVOKED with the note: no failure alert for a run an operator stopped. A run
   * that had not started yet has no record and gets none.
   */
  @Override
  public void revoked(String note) {
    after().revoked(note);
  }

  /** The failure alert to send when a reconcile task fails for good (none if its args are bad). */
  static List<FollowUp> onFailure(TaskEnvelope task, Throwable error, JobContext ctx) {
    ReconcileJob job;
    try {
      job = new ReconcileJob(task, ctx);
    } catch (RuntimeException bad) {
      return List.of();
    }
    return List.of(job.after().alert(AlertKind.FAILURE, error.toString()));
  }

  /** The send_alert task of {@code alert}, on its configured queue, under its derived task id. */
  static FollowUp alertFollowUp(SendAlertArgs alert, JobContext ctx) {
    TaskEnvelope envelope =
        new TaskEnvelope(
            alertTaskId(alert.runId(), alert.kind()),
            SendAlertArgs.TASK,
            alert.toList(),
            0,
            ctx.clock().millis());
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
}
