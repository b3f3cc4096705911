package dev.reconciler.worker.jobs;

import dev.reconciler.core.alert.Alert;
import dev.reconciler.core.alert.AlertComposer;
import dev.reconciler.core.alert.AlertKind;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.RunStore;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.core.runs.RunWorkbooks;
import dev.reconciler.core.task.BadArguments;
import dev.reconciler.core.task.SendAlertArgs;
import dev.reconciler.worker.queue.AlertClaims;
import dev.reconciler.worker.task.Deferred;
import dev.reconciler.worker.task.TaskEnvelope;
import dev.reconciler.worker.task.TaskHandler;
import dev.reconciler.worker.task.TaskResult;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The send_alert task: at most one email per (run id, kind), ever. A claim key is taken before
 * sending and turned into a permanent "sent" mark only after the SMTP server accepted the message;
 * a failed send releases the claim so the retry can send. The Message-ID is derived from run and
 * kind, so even a crash between acceptance and marking yields a duplicate that mail systems
 * collapse.
 *
 * <p>A failure alert needs nothing but its arguments and Redis: it reads the run record read-only,
 * and goes out without it when the database cannot be read.
 */
public final class SendAlertJob implements TaskHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SendAlertJob.class);

  private final SendAlertArgs args;
  private final AlertKind kind;
  private final Path database;
  private final JobContext ctx;
  private RunWorkbooks workbooks;

  public SendAlertJob(TaskEnvelope task, JobContext ctx) {
    this.args = SendAlertArgs.from(task.args());
    this.kind = args.kind();
    this.database = args.databaseIn(ctx.settings().paths());
    this.ctx = ctx;
  }

  @Override
  public TaskResult run() throws Exception {
    MDC.put("runId", args.runId());
    AlertClaims claims = new AlertClaims(ctx.redis());
    Duration hold = ctx.settings().tasks().get(SendAlertArgs.TASK).timeLimit().multipliedBy(2);
    AlertClaims.Claim claim = claims.claim(args.runId(), kind.id(), hold);
    if (claim == AlertClaims.Claim.ALREADY_SENT) {
      return TaskResult.of(kind.id() + " alert for " + args.runId() + " was already sent");
    }
    if (claim != AlertClaims.Claim.CLAIMED) {
      // Tried again once that claim lapses (its sender may have died), however many times: every
      // retry spent waiting on it could otherwise run out before it lapses, and lose the alert.
      Duration left = claims.heldFor(args.runId(), kind.id());
      throw new Deferred(
          "another worker is sending the " + kind.id() + " alert for " + args.runId(),
          ctx.clock().instant().plus(left).plusSeconds(1));
    }
    try (StoredCopy copy = storedCopy()) {
      Alert alert = compose(copy);
      ctx.alerts().send(alert);
    } catch (Exception e) {
      claims.release(args.runId(), kind.id());
      throw e;
    }
    claims.markSent(args.runId(), kind.id());
    return TaskResult.of(
        kind.id() + " alert for " + args.runId() + " sent to " + ctx.settings().email().to());
  }

  /**
   * A discrepancy alert's workbook as the database holds it (store = database), so the alert can
   * attach it on a host whose report_dir does not have it; none for other alerts.
   */
  private StoredCopy storedCopy() {
    if (args.groupId() != null || kind != AlertKind.DISCREPANCIES) {
      return StoredCopy.NONE;
    }
    return StoredCopy.of(workbooks(), args.runId(), ctx.settings().email());
  }

  /** The run's workbooks, opened once for the stored copy and the check for a later writer. */
  private RunWorkbooks workbooks() {
    if (workbooks == null) {
      workbooks = RunWorkbooks.open(ctx.settings(), database, ctx.clock());
    }
    return workbooks;
  }

  private Alert compose(StoredCopy copy) {
    AlertComposer composer =
        new AlertComposer(ctx.settings().email(), ctx.settings().paths().reportDir());
    if (args.groupId() != null) {
      return composer.groupFailure(
          args.runId(), args.businessDate(), args.groupId(), args.error(), args.failedTaskId());
    }
    if (kind == AlertKind.DISCREPANCIES) {
      RunRecord run = runs().find(args.runId());
      if (run == null) {
        throw new BadArguments(
            "no run record " + args.runId() + " in " + RunStores.shown(ctx.settings(), database));
      }
      // The file a run of store = files recorded is shared by every run of its date: one rerun
      // while this alert waited (SMTP down, retries) has made it another run's workbook.
      RunRecord replacedBy = copy.file() != null ? null : workbooks().laterWriterOf(run);
      return composer.discrepancies(run, copy.file(), replacedBy);
    }
    return composer.failure(
        args.runId(),
        args.businessDate(),
        args.error(),
        args.failedTaskId(),
        runRecordIfReadable());
  }

  /**
   * The run record for a failure alert, or null when there is none or it cannot be read: the
   * database is often what failed, and the alert must go out all the same with what the task
   * carries (the error and the failed task id).
   */
  private RunRecord runRecordIfReadable() {
    try {
      return runs().find(args.runId());
    } catch (RuntimeException e) {
      LOG.warn(
          "Sending the failure alert for {} without its run record, which cannot be read: {}",
          args.runId(),
          SafeText.line(String.valueOf(e.getMessage()), 500));
      return null;
    }
  }

  /** The configured run store; the payload's database only stands for it when none is set. */
  private RunStore runs() {
    return RunStores.open(ctx.settings(), database);
  }
}
