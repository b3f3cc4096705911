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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The reconcile_merge task, the callback of a sharded reconcile's chord: reads every part, records
 * the run as a whole-day run would (ledger, settlement rules, workbook, run record), deletes the
 * parts, then does what the reconcile task does after a run (discrepancy alert, chain's next link).
 * A part not stored is an error, retried; a part that cannot be read has the day read here. A
 * redelivery after the run was recorded does not run again ({@link AfterRun#recordedEarlier}): it
 * deletes any part left and queues the follow-ups, which are idempotent, from the record.
 */
final class ReconcileMergeJob implements TaskHandler {
  private static final Logger log = LoggerFactory.getLogger(ReconcileMergeJob.class);

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
    ReconcileService service = new ReconcileService(ctx.settings(), ctx.clock(), Progress.NONE);
    ReconcileRequest request =
        new ReconcileRequest(args.reconcile().businessDate(), args.runId(), database, reportDir);
    List<DayPart> parts;
    try {
      parts = stored.all(args.runId(), args.count());
    } catch (IllegalArgumentException unreadable) {
      return fromTheDay(service, request, stored, unreadable);
    }
    RunOutcome outcome = service.finish(request, parts);
    // Kept until now so a merge that failed can be retried (failed retry) from the same parts.
    stored.delete(args.runId());
    return after.result(
        "run " + args.runId() + " from " + args.count() + " parts: " + AfterRun.counts(outcome));
  }

  /**
   * A part this code cannot read (one an older version wrote during a rolling upgrade, or bytes
   * nobody wrote as a part) would fail every retry of the merge alike: the day is read here
   * instead, in this worker's parts, one after another, as a day that is run whole does.
   */
  private TaskResult fromTheDay(
      ReconcileService service,
      ReconcileRequest request,
      DayParts stored,
      IllegalArgumentException unreadable) {
    // A parser's message may run over several lines: the first says what is wrong.
    String why = unreadable.getMessage().lines().findFirst().orElse("");
    log.warn(
        "Run {}: a stored part cannot be read ({}): reading the day itself", args.runId(), why);
    RunOutcome outcome = service.run(request);
    stored.delete(args.runId());
    return after.result(
        "run "
            + args.runId()
            + " from the day, its parts unreadable ("
            + why
            + "): "
            + AfterRun.counts(outcome));
  }

  @Override
  public void revoked(String note) {
    after.revoked(note);
  }
}
