package dev.reconciler.worker.jobs;

import dev.reconciler.core.alert.Alert;
import dev.reconciler.core.alert.AlertComposer;
import dev.reconciler.core.alert.AlertKind;
import dev.reconciler.core.store.RunLog;
import dev.reconciler.core.store.RunRecord;
import dev.reconciler.core.task.BadArguments;
import dev.reconciler.core.task.SendAlertArgs;
import dev.reconciler.worker.queue.TaskQueue;
import dev.reconciler.worker.task.TaskEnvelope;
import dev.reconciler.worker.task.TaskHandler;
import dev.reconciler.worker.task.TaskResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.MDC;
import redis.clients.jedis.params.SetParams;

/**
 * The send_alert task: at most one email per (run id, kind), ever. A claim key is taken before
 * sending and turned into a permanent "sent" mark only after the SMTP server accepted the message;
 * a failed send releases the claim so the retry can send. The Message-ID is derived from run and
 * kind, so even a crash between acceptance and marking yields a duplicate that mail systems
 * collapse.
 */
public final class SendAlertJob implements TaskHandler {
  private static final String SENT = "sent";

  private final SendAlertArgs args;
  private final AlertKind kind;
  private final JobContext ctx;

  public SendAlertJob(TaskEnvelope task, JobContext ctx) {
    this.args = SendAlertArgs.from(task.args());
    this.kind = AlertKind.byId(args.kind());
    if (kind == null) {
      throw new BadArguments("send_alert: unknown alert kind '" + args.kind() + "'");
    }
    this.ctx = ctx;
  }

  /** The Redis key that makes sending idempotent. */
  public static String idempotencyKey(String runId, String kind) {
    return TaskQueue.OWN + ":alert:" + runId + ":" + kind;
  }

  @Override
  public TaskResult run() throws Exception {
    MDC.put("runId", args.runId());
    String key = idempotencyKey(args.runId(), kind.id());
    long claimMs = ctx.settings().tasks().get(SendAlertArgs.TASK).timeLimit().toMillis() * 2;
    String claim =
        ctx.redis()
            .with(
                j -> {
                  String previous = j.get(key);
                  if (SENT.equals(previous)) {
                    return SENT;
                  }
                  return "OK".equals(j.set(key, "sending", SetParams.setParams().nx().px(claimMs)))
                      ? "claimed"
                      : previous;
                });
    if (SENT.equals(claim)) {
      return TaskResult.of(kind.id() + " alert for " + args.runId() + " was already sent");
    }
    if (!"claimed".equals(claim)) {
      throw new IllegalStateException(
          "another worker is sending the " + kind.id() + " alert for " + args.runId());
    }
    try {
      Alert alert = compose();
      ctx.alerts().send(alert);
    } catch (Exception e) {
      ctx.redis().with(j -> j.del(key));
      throw e;
    }
    ctx.redis().with(j -> j.set(key, SENT));
    return TaskResult.of(
        kind.id() + " alert for " + args.runId() + " sent to " + ctx.settings().email().to());
  }

  private Alert compose() {
    AlertComposer composer = new AlertComposer(ctx.settings().email());
    RunRecord run = runRecord();
    if (kind == AlertKind.DISCREPANCIES) {
      if (run == null) {
        throw new BadArguments("no run record " + args.runId() + " in " + args.database());
      }
      return composer.discrepancies(run);
    }
    return composer.failure(
        args.runId(), args.businessDate(), args.error(), args.failedTaskId(), run);
  }

  private RunRecord runRecord() {
    Path db =
        args.database() != null ? Path.of(args.database()) : ctx.settings().paths().database();
    if (!Files.isRegularFile(db)) {
      return null;
    }
    return new RunLog(db, ctx.settings().database().busyTimeoutMs()).find(args.runId());
  }
}
