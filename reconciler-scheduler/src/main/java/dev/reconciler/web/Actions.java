package dev.reconciler.web;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.web.security.Guard;
import dev.reconciler.web.security.Session;
import dev.reconciler.worker.jobs.RunOrder;
import dev.reconciler.worker.queue.QueueInspector;
import dev.reconciler.worker.queue.Revocation;
import dev.reconciler.worker.queue.TaskClient;
import dev.reconciler.worker.queue.TaskQueue;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's actions, all POST (the guard has checked the CSRF token and the operator role):
 * enqueue a reconcile, revoke, retry / delete / retry all / purge failed tasks. Each is logged with
 * who did it and from where.
 */
final class Actions {
  private static final Logger log = LoggerFactory.getLogger(Actions.class);

  private final TaskClient client;
  private final QueueInspector inspector;
  private final Pages pages;
  private final Settings settings;
  private final Clock clock;

  Actions(TaskClient client, TaskQueue queue, Pages pages, Settings settings, Clock clock) {
    this.client = client;
    this.inspector = new QueueInspector(queue);
    this.pages = pages;
    this.settings = settings;
    this.clock = clock;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.post("/actions/enqueue", logged(this::enqueue));
    cfg.routes.post("/actions/revoke", logged(this::revoke));
    cfg.routes.post(
        "/failed/retry",
        logged(
            ctx ->
                done(
                    ctx,
                    "Retried",
                    "sent again as task " + client.retryFailed(required(ctx, "id")))));
    cfg.routes.post("/failed/delete", logged(this::delete));
    cfg.routes.post("/failed/retry-all", logged(this::retryAll));
    cfg.routes.post("/failed/purge", logged(this::purge));
  }

  private void enqueue(Context ctx) {
    LocalDate date;
    try {
      date = LocalDate.parse(required(ctx, "date").strip());
    } catch (DateTimeParseException e) {
      throw new UserError("the date must be yyyy-MM-dd, e.g. 2026-11-24");
    }
    long countdown = number(ctx.formParam("countdown"), "countdown");
    Instant now = clock.instant();
    Instant eta = countdown > 0 ? TaskClient.countdown(now, countdown, "the countdown") : null;
    ReconcileArgs first = new ReconcileArgs(date, null, null);
    RunOrder.refusePruned(settings, first, clock);
    // sendChain checks the arguments as a worker will, before anything is sent.
    String id = RunOrder.sendChain(client, first, date, eta, clock.millis());
    done(
        ctx,
        "Enqueued",
        "reconcile of "
            + date
            + " enqueued as task "
            + id
            + (eta == null ? "" : ", to run no earlier than " + eta));
  }

  private void revoke(Context ctx) {
    String id = required(ctx, "id").strip();
    boolean terminate =
        "on".equals(ctx.formParam("terminate")) || "true".equals(ctx.formParam("terminate"));
    Revocation r = client.revoke(id, terminate);
    done(ctx, "Revoked", r.describe(id, terminate));
  }

  private void delete(Context ctx) {
    String id = required(ctx, "id");
    done(ctx, "Deleted", TaskClient.describeDeleted(id, client.deleteFailed(id)));
  }

  private void retryAll(Context ctx) {
    confirmed(ctx, "retry");
    done(ctx, "Retried all", client.retryAllFailed().describe());
  }

  private void purge(Context ctx) {
    confirmed(ctx, "purge");
    done(ctx, "Purged", "purged " + inspector.purgeFailed() + " failure record(s)");
  }

  /** A bulk action goes ahead only when the word was typed (checked here, not only in script). */
  private static void confirmed(Context ctx, String word) {
    if (!word.equals(ctx.formParam("confirm"))) {
      throw new UserError("not done: type '" + word + "' in the confirmation box to go ahead");
    }
  }

  /** Wraps an action so the log says who asked for it, whether it went through or not. */
  private Handler logged(Handler action) {
    return ctx -> {
      try {
        action.handle(ctx);
      } catch (UserError e) {
        log(ctx, "refused " + ctx.path() + ": " + e.getMessage());
        throw e;
      }
    };
  }

  private void done(Context ctx, String title, String what) {
    log(ctx, what);
    pages.message(ctx, 200, true, title, what, Pages.section(ctx));
  }

  private static void log(Context ctx, String what) {
    Session s = ctx.attribute(Guard.SESSION);
    log.info(
        "Web action by {} from {}: {}",
        s == null ? "?" : SafeText.line(s.user(), 64),
        SafeText.line(ctx.ip(), 64),
        SafeText.line(what, 2000));
  }

  private static String required(Context ctx, String field) {
    String v = ctx.formParam(field);
    if (v == null || v.isBlank()) {
      throw new UserError("the form lacks '" + field + "'");
    }
    return v;
  }

  private static long number(String text, String field) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new UserError("the " + field + " must be a whole number of seconds");
    }
  }
}
