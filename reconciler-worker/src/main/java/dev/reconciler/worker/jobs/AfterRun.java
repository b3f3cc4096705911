package dev.reconciler.worker.jobs;

import dev.reconciler.core.alert.AlertComposer;
import dev.reconciler.core.alert.AlertKind;
import dev.reconciler.core.reconcile.RunOutcome;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.RunStore;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.core.task.SendAlertArgs;
import dev.reconciler.worker.queue.ChainLink;
import dev.reconciler.worker.queue.FollowUp;
import dev.reconciler.worker.task.TaskEnvelope;
import dev.reconciler.worker.task.TaskResult;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What follows a recorded run, whichever task recorded it (a reconcile, or the merge of a sharded
 * one): the discrepancy alert when the run warrants one, and its chain's next link.
 *
 * @param task the task that recorded the run, named by its alerts
 * @param args the reconcile's arguments, chain included
 */
record AfterRun(
    TaskEnvelope task, ReconcileArgs args, String runId, Path database, JobContext ctx) {

  /** The follow-ups of the recorded run, and which of them is the chain's next link (or null). */
  record Next(List<FollowUp> followUps, FollowUp link) {}

  /** The follow-ups of the run as its record {@code run} (null: none) says. */
  private Next followUps(RunRecord run) {
    List<FollowUp> followUps = new ArrayList<>();
    if (run != null
        && new AlertComposer(ctx.settings().email(), ctx.settings().paths().reportDir())
            .warrantsDiscrepancyAlert(run)) {
      followUps.add(alert(AlertKind.DISCREPANCIES, null));
    }
    FollowUp next = nextLink();
    if (next != null) {
      followUps.add(next);
    }
    return new Next(followUps, next);
  }

  /**
   * The chain's next link, decided now that this one succeeded (see {@link RunOrder#next}), or
   * null: no chain, or nothing left to run. It is enqueued with this task's SUCCESS, under a task
   * id and a claim derived from chain and date, so a redelivery of this link queues it once.
   */
  private FollowUp nextLink() {
    ReconcileArgs.Chain chain = args.chain();
    if (chain == null) {
      return null;
    }
    LocalDate date =
        RunOrder.next(
            args.businessDate(),
            chain.until(),
            () -> RunOrder.staleDates(ctx.settings(), database, ctx.clock()));
    if (date == null) {
      return null;
    }
    TaskEnvelope link =
        new TaskEnvelope(
            RunOrder.linkTaskId(chain.id(), date),
            ReconcileArgs.TASK,
            args.forDate(date).toList(),
            0,
            ctx.clock().millis());
    return new FollowUp(
        ctx.settings().tasks().get(ReconcileArgs.TASK).queue(),
        link,
        new ChainLink(chain.id(), date));
  }

  /**
   * The result of the task that recorded the run: {@code summary} and what it says of the chain,
   * with the run's follow-ups.
   */
  TaskResult result(String summary) {
    return result(summary, recorded());
  }

  /** The run as its store has it now, or null. */
  private RunRecord recorded() {
    return RunStores.open(ctx.settings(), database).find(runId);
  }

  private TaskResult result(String summary, RunRecord run) {
    Next next = followUps(run);
    return new TaskResult(summary + chained(next.link()), next.followUps());
  }

  /**
   * The result of a delivery that finds its run recorded SUCCESS by an earlier one (whose worker
   * died before the task's SUCCESS), which must not run it again: a rerun of the date would make
   * every later date stale, and the chain's links for them, claimed once, would not run them again.
   * Empty when the run is not recorded a success; it runs then.
   */
  Optional<TaskResult> recordedEarlier() {
    RunRecord run = recorded();
    if (run == null || !run.isSuccess()) {
      return Optional.empty();
    }
    return Optional.of(
        result(
            "run " + runId + ": recorded by an earlier delivery, report " + run.reportPath(), run));
  }

  /** A run's outcome on one line: matched, discrepancies, report. */
  static String counts(RunOutcome outcome) {
    return outcome.result().matched()
        + " matched, "
        + outcome.result().discrepancyCount()
        + " discrepancies, report "
        + outcome.report();
  }

  /** What a task's result says of its chain: nothing without one. */
  private String chained(FollowUp next) {
    if (args.chain() == null) {
      return "";
    }
    return "; chain "
        + args.chain().id()
        + (next == null ? " done" : ": next " + next.link().date() + " as " + next.task().taskId());
  }

  /** The send_alert task of this run's alert of one kind. */
  FollowUp alert(AlertKind kind, String error) {
    return ReconcileJob.alertFollowUp(
        new SendAlertArgs(
            runId, kind, args.businessDate(), database.toString(), error, task.taskId()),
        ctx);
  }

  /**
   * Records the run as REVOKED with the note: no failure alert for a run an operator stopped. A run
   * that had not started yet has no record and gets none; one stopped only after it recorded its
   * success keeps it, since its ledger is committed and later dates carry what it left open.
   */
  void revoked(String note) {
    RunStore runs = RunStores.open(ctx.settings(), database);
    RunRecord run = runs.find(runId);
    if (run != null && !run.isSuccess()) {
      runs.save(RunRecord.revoked(run, ctx.clock().instant(), note));
    }
  }
}
