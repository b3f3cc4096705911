package dev.reconciler.worker.jobs;

import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.reconcile.DayPart;
import dev.reconciler.core.reconcile.DayParts;
import dev.reconciler.core.reconcile.ReconcileRequest;
import dev.reconciler.core.reconcile.ReconcileService;
import dev.reconciler.core.reconcile.RunOutcome;
import dev.reconciler.core.task.BadArguments;
import dev.reconciler.core.task.ReconcileMergeArgs;
import dev.reconciler.worker.queue.GroupView;
import dev.reconciler.worker.task.TaskEnvelope;
import dev.reconciler.worker.task.TaskHandler;
import dev.reconciler.worker.task.TaskResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * The reconcile_merge task, the callback of a sharded reconcile's chord: reads every part, records
 * the run as a whole-day run would (ledger, settlement rules, workbook, run record), deletes the
 * parts, then does what the reconcile task does after a run (discrepancy alert, chain's next link).
 * A part not stored is an error, retried. A redelivery after the run was recorded does not run
 * again ({@link AfterRun#recordedEarlier}): it deletes any part left and queues the follow-ups,
 * which are idempotent, from the record.
 */
final class ReconcileMergeJob implements TaskHandler {
  private final ReconcileMergeArgs args;
  private final Path database;
  private final Path reportDir;
  private final AfterRun after;
  private final JobContext ctx;

  /** Checks the arguments, that their paths lie where a task may work, and the chord it is in. */
  ReconcileMergeJob(TaskEnvelope task, JobContext ctx) {
    this.args = ReconcileMergeArgs.from(task.args());
    String group = Shards.checkInChord(task, args.runId(), GroupView::callbackId);
    if (!group.equals(args.groupId())) {
      throw new BadArguments(
          ReconcileMergeArgs.TASK + ": the group id argument is not the chord's, " + group);
    }
    this.database = args.reconcile().databaseIn(ctx.settings().paths());
    this.reportDir = args.reconcile().reportDirIn(ctx.settings().paths());
    this.after = new AfterRun(task, args.reconcile(), args.runId(), database, ctx);
    this.ctx = ctx;
  }

  @Override
  public TaskResult run() {
    MDC.put("runId", args.runId());
    DayParts stored = DayParts.open(ctx.settings(), database, ctx.clock());
    Optional<TaskResult> recorded = after.recordedEarlier();
    if (recorded.isPresent()) {
      // Its worker may have died before it deleted the parts, too.
      stored.delete(args.runId());
      return recorded.get();
    }
    List<DayPart> parts = stored.all(args.runId(), args.count());
    RunOutcome outcome =
        new ReconcileService(ctx.settings(), ctx.clock(), Progress.NONE)
            .finish(
                new ReconcileRequest(
                    args.reconcile().businessDate(), args.runId(), database, reportDir),
                parts);
    // Kept until now so a merge that failed can be retried (failed retry) from the same parts.
    stored.delete(args.runId());
    return after.result(
        "run " + args.runId() + " from " + args.count() + " parts: " + AfterRun.counts(outcome));
  }

  @Override
  public void revoked(String note) {
    after.revoked(note);
  }
}
