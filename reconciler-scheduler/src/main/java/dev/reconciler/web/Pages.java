package dev.reconciler.web;

import dev.reconciler.core.config.Settings.WebRole;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.StoredWorkbook;
import dev.reconciler.web.security.Guard;
import dev.reconciler.web.security.Refusal;
import dev.reconciler.web.security.Session;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The read-only pages (GET only: no GET changes anything), and how refusals and errors show. */
final class Pages {
  private static final Logger log = LoggerFactory.getLogger(Pages.class);

  private final ConsoleData data;
  private final Templates templates;
  private final boolean usersConfigured;
  private final int refreshSeconds;

  Pages(ConsoleData data, Templates templates, boolean usersConfigured, int refreshSeconds) {
    this.data = data;
    this.templates = templates;
    this.usersConfigured = usersConfigured;
    this.refreshSeconds = refreshSeconds;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.get("/", ctx -> show(ctx, "overview", "Overview", data.overview()));
    cfg.routes.get("/tasks", this::tasks);
    cfg.routes.get("/tasks/{id}", ctx -> showTask(ctx, ctx.pathParam("id")));
    cfg.routes.get("/failed", ctx -> show(ctx, "failed", "Failed", data.failed(page(ctx))));
    cfg.routes.get("/failed/confirm", this::confirm);
    cfg.routes.get("/runs", ctx -> show(ctx, "runs", "Runs", data.runList()));
    cfg.routes.get("/runs/{id}/workbook", this::workbook);
    cfg.routes.get("/ledger", ctx -> show(ctx, "ledger", "Ledger", data.ledger()));
    cfg.routes.get("/imports", ctx -> show(ctx, "imports", "Imports", data.imports()));
    cfg.routes.get("/schedule", ctx -> show(ctx, "schedule", "Schedule", data.schedule()));
    cfg.routes.get("/actions", ctx -> show(ctx, "actions", "Actions", defaultDate()));
  }

  /** Yesterday in the business-day zone: what the scheduler would reconcile today. */
  private String defaultDate() {
    return LocalDate.ofInstant(data.now(), data.settings().reconciliation().timezone())
        .minusDays(1)
        .toString();
  }

  private void tasks(Context ctx) {
    String id = ctx.queryParam("id");
    if (id != null && !id.isBlank()) {
      showTask(ctx, id.strip());
      return;
    }
    show(
        ctx,
        "tasks",
        "Tasks",
        data.search(ctx.queryParam("name"), ctx.queryParam("date"), ctx.queryParam("state")));
  }

  private void showTask(Context ctx, String id) {
    Views.TaskDetail task = data.task(id);
    if (task == null) {
      message(
          ctx,
          404,
          false,
          "No such task",
          "Redis holds no task " + id + " (unknown, or older than [worker] result_expiry_hours).",
          "/tasks");
      return;
    }
    show(ctx, "task", "Task " + task.id(), task);
  }

  private void confirm(Context ctx) {
    String action = ctx.queryParam("action");
    Views.Confirm confirm =
        switch (action == null ? "" : action) {
          case "purge" ->
              new Views.Confirm(
                  "/failed/purge", "purge", "delete every record in the failed list for good");
          case "retry-all" ->
              new Views.Confirm(
                  "/failed/retry-all",
                  "retry",
                  "send every failed task again, from its first attempt");
          default -> throw new UserError("nothing to confirm: action must be purge or retry-all");
        };
    show(ctx, "confirm", "Confirm", confirm);
  }

  /**
   * The run's workbook: from the database when it is stored there (served by any host), else the
   * recorded file, only if it lies inside [paths] report_dir.
   */
  private void workbook(Context ctx) {
    RunRecord run = data.runStore().find(ctx.pathParam("id"));
    StoredWorkbook stored = run == null ? null : data.workbooks().stored(run.runId());
    if (stored != null) {
      download(ctx, stored.fileName());
      data.workbooks().copyTo(run.runId(), ctx.outputStream());
      return;
    }
    Path file = Workbooks.servable(run, data.settings());
    RunRecord rewriter = file == null ? null : data.workbooks().laterWriterOf(run);
    if (rewriter != null) {
      message(
          ctx,
          404,
          false,
          "Workbook replaced",
          "Run "
              + rewriter.runId()
              + ", a later run of "
              + run.businessDate()
              + ", wrote its own workbook to this run's file; [report] store = database keeps"
              + " every run's.",
          "/runs");
      return;
    }
    if (file == null) {
      message(
          ctx,
          404,
          false,
          "No workbook",
          "This run has no workbook the console may serve: none recorded, gone, or not inside "
              + "[paths] report_dir.",
          "/runs");
      return;
    }
    try {
      InputStream in = Files.newInputStream(file);
      download(ctx, file.getFileName().toString());
      ctx.result(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void download(Context ctx, String fileName) {
    ctx.header(
        "Content-Disposition",
        "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
    ctx.contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  }

  private static int page(Context ctx) {
    try {
      return Math.max(
          0,
          Math.min(
              1_000_000,
              Integer.parseInt(ctx.queryParamAsClass("page", String.class).getOrDefault("0"))));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Renders a page in the frame; with X-Fragment only its main content (the auto-refresh). */
  void show(Context ctx, String template, String title, Object model) {
    ctx.contentType("text/html; charset=utf-8")
        .result(templates.render(template, frame(ctx, title, template), model));
  }

  void message(Context ctx, int status, boolean ok, String title, String text, String back) {
    ctx.status(status);
    show(ctx, "message", title, new Views.Message(ok, title, text, back));
  }

  Views.Frame frame(Context ctx, String title, String nav) {
    Session s = ctx.attribute(Guard.SESSION);
    boolean operator = s != null && s.may(WebRole.OPERATOR);
    String note =
        !usersConfigured
            ? "Actions are off: no [web] users are configured. " + Guard.HOW_TO_ADD_A_USER
            : operator ? null : "Actions need a user with the operator role.";
    return new Views.Frame(
        title,
        nav,
        s == null ? null : s.user(),
        s == null || s.role() == null ? null : s.role().name().toLowerCase(),
        operator,
        note,
        s == null ? "" : s.csrfToken(),
        "1".equals(ctx.header("X-Fragment")),
        usersConfigured,
        refreshSeconds);
  }

  /** A path no page has (a page's own 404 already said more, and is left as it is). */
  void notFound(Context ctx) {
    if (ctx.result() == null || ctx.result().isEmpty() || ctx.result().startsWith("Endpoint ")) {
      message(ctx, 404, false, "Not found", "No page here.", "/");
    }
  }

  void refused(Refusal r, Context ctx) {
    if (ctx.path().equals("/metrics")) {
      ctx.status(r.status()).contentType("text/plain; charset=utf-8").result(r.getMessage() + "\n");
      return;
    }
    message(ctx, r.status(), false, r.status() == 401 ? "Log in" : "Refused", r.getMessage(), "/");
  }

  /** The page a message leads back to: the section the request was in. */
  static String section(Context ctx) {
    String[] parts = ctx.path().split("/");
    return parts.length > 1 && parts[1].matches("tasks|failed|runs|ledger|schedule|actions")
        ? "/" + parts[1]
        : "/";
  }

  void failed(Exception e, Context ctx) {
    if (e instanceof UserError) {
      message(ctx, 400, false, "Cannot do that", e.getMessage(), section(ctx));
      return;
    }
    log.error("Web console: {} {} failed", ctx.method(), SafeText.line(ctx.path(), 200), e);
    message(ctx, 500, false, "Error", "Something went wrong; the log says what.", "/");
  }
}
