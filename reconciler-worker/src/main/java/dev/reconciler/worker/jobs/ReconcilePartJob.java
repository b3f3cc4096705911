package dev.reconciler.worker.jobs;

import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.reconcile.DayPart;
import dev.reconciler.core.reconcile.DayParts;
import dev.reconciler.core.reconcile.ReconcileRequest;
import dev.reconciler.core.reconcile.ReconcileService;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.core.task.ReconcilePartArgs;
import dev.reconciler.worker.task.TaskEnvelope;
import dev.reconciler.worker.task.TaskHandler;
import dev.reconciler.worker.task.TaskResult;
import java.nio.file.Path;
import org.slf4j.MDC;

/**
 * The reconcile_part task, a member of a sharded reconcile's chord: reconciles one part of the day
 * alone and stores it beside the run records, where the merge reads it on whichever host it runs. A
 * redelivery stores its part again over the first.
 */
final class ReconcilePartJob implements TaskHandler {
  private final ReconcilePartArgs args;
  private final Path database;
  private final Path reportDir;
  private final JobContext ctx;

  /** Checks the arguments, that their paths lie where a task may work, and the chord it is in. */
  ReconcilePartJob(TaskEnvelope task, JobContext ctx) {
    this.args = ReconcilePartArgs.from(task.args());
    Shards.checkInChord(task, args.runId(), Shards.member(args.shard().index()));
    this.database = args.reconcile().databaseIn(ctx.settings().paths());
    this.reportDir = args.reconcile().reportDirIn(ctx.settings().paths());
    this.ctx = ctx;
  }

  @Override
  public TaskResult run() {
    MDC.put("runId", args.runId());
    DayPart part =
        new ReconcileService(ctx.settings(), ctx.clock(), Progress.NONE)
            .part(
                new ReconcileRequest(
                    args.reconcile().businessDate(), args.runId(), database, reportDir),
                args.shard());
    DayParts.open(ctx.settings(), database, ctx.clock()).put(args.runId(), args.shard(), part);
    return TaskResult.of(
        "part "
            + args.shard()
            + " of run "
            + args.runId()
            + ": "
            + part.matched()
            + " matched, "
            + part.sameDay().size()
            + " same-day findings, stored in "
            + RunStores.shown(ctx.settings(), database));
  }
}
