package dev.reconciler.web;

import java.util.List;

/**
 * What the templates show, as plain text records: every value comes from Redis, the run store or
 * the request, and the templates escape it (jte's HTML content type), never mark it safe.
 */
public final class Views {
  private Views() {}

  /**
   * The page frame: title, which nav entry is current, who is logged in and what they may do.
   *
   * @param user null when nobody is logged in
   * @param canAct whether action forms are shown (an operator's session)
   * @param actNote why they are not, when they are not
   * @param fragment render only the main content (the auto-refresh fetches that)
   * @param refreshSeconds how often a page that refreshes does ([web] refresh_seconds; 0: never)
   */
  public record Frame(
      String title,
      String nav,
      String user,
      String role,
      boolean canAct,
      String actNote,
      String csrf,
      boolean fragment,
      boolean usersConfigured,
      int refreshSeconds) {}

  /** A queue's numbers; a value that could not be read says why instead. */
  public record QueueRow(
      String name, String length, String oldestAge, String inFlight, String delayed) {}

  /** A registered worker and what it runs now. */
  public record WorkerRow(
      String host,
      String pid,
      String queues,
      String task,
      String taskId,
      String inFlight,
      String heartbeatAge,
      boolean alive) {}

  /**
   * The overview.
   *
   * @param minutesJson the tasks-per-minute series as JSON numbers only (no text from data)
   */
  public record Overview(
      List<QueueRow> queues,
      String inFlight,
      String delayed,
      String failed,
      String revoked,
      List<WorkerRow> workers,
      String minutesJson,
      List<String> problems) {}

  /** One task in a list. */
  public record TaskRow(
      String id, String name, String state, String args, String enqueuedAt, String finishedAt) {}

  /** A task search: the criteria as given, and what matched in the window searched. */
  public record TaskSearch(
      String id,
      String name,
      String date,
      String state,
      List<String> states,
      List<TaskRow> rows,
      String note) {}

  /** A field of a task's state as label and value. */
  public record Field(String label, String value) {}

  /** A link of a reconcile chain: date, task id, state. */
  public record LinkRow(String date, String taskId, String state) {}

  /** A failed attempt of a task: its number, outcome, time, worker, error and stack trace. */
  public record AttemptRow(
      String attempt,
      String state,
      String at,
      String worker,
      String errorType,
      String error,
      String traceback) {}

  /** A task's page. */
  public record TaskDetail(
      String id,
      String name,
      String state,
      String args,
      List<Field> fields,
      List<AttemptRow> attempts,
      String errorType,
      String error,
      String traceback,
      String chainId,
      String chainSummary,
      List<LinkRow> chain,
      List<FollowUpRow> followUps,
      String runId,
      boolean runRecorded,
      boolean revocable,
      boolean failed) {}

  /** A task another task's end enqueued (its alert, its chain's next date): id, name, state. */
  public record FollowUpRow(String taskId, String name, String state) {}

  /** A failure record in the failed list. */
  public record FailedRow(
      String index,
      String taskId,
      String task,
      String queue,
      String failedAt,
      String exception,
      String reason,
      String worker) {}

  /** A page of the failed list. */
  public record FailedList(List<FailedRow> rows, String total, int page, boolean more) {}

  /**
   * A run from the run store.
   *
   * @param workbook whether the console can serve its workbook (from the database or report_dir)
   * @param pruned whether retention deleted its workbook
   */
  public record RunRow(
      String runId,
      String date,
      String status,
      String matchRate,
      List<Field> counts,
      List<Field> amounts,
      String duration,
      boolean workbook,
      boolean pruned,
      String error) {}

  /**
   * The runs page.
   *
   * @param chartJson match rate and discrepancies per business date, JSON numbers only
   */
  public record Runs(List<RunRow> rows, String chartJson, String note) {}

  /** An age bucket's open items: how many, and their total per currency. */
  public record BucketRow(String bucket, String count, List<String> amounts) {}

  /** An open item as the Ledger page lists it. */
  public record ItemRow(
      String source,
      String transactionId,
      String openedOn,
      String age,
      String bucket,
      String state,
      String amount) {}

  /**
   * The ledger of the configured input: its open items after the latest run (less those resolved
   * since) by age bucket, the oldest of them, and what stops a run.
   *
   * @param lastRun the latest run's date, null when the ledger holds none
   * @param shown how many of the open items {@code oldest} lists, oldest first
   * @param otherInputs when it holds no run of this input: the inputs it holds runs of, by name
   * @param note why the ledger could not be read, or null
   */
  public record Ledger(
      String input,
      String lastRun,
      String open,
      String inTransit,
      String missing,
      String oldestAge,
      List<BucketRow> buckets,
      List<ItemRow> oldest,
      String shown,
      List<String> staleDates,
      String prunedBefore,
      List<Field> otherInputs,
      String note) {

    /** A ledger that could not be read, and why. */
    static Ledger unreadable(String why) {
      return new Ledger(
          "", null, "", "", "", "", List.of(), List.of(), "", List.of(), null, List.of(), why);
    }
  }

  /**
   * The Imports page: each format's latest import and newest row, the latest imports into the input
   * tables of [paths] database (or of PostgreSQL), newest first, or why the log cannot be read
   * ({@code note}).
   */
  public record Imports(
      String input, List<FormatRow> formats, List<ImportRow> imports, String note) {}

  /**
   * A processor format: when its latest import committed and the rows it added, and the newest row
   * any of its imports brought, with that row's day (empty when no import said).
   */
  public record FormatRow(
      String format, String latestImport, String added, String newestRow, String newestDay) {}

  /**
   * An import: when it committed, its format and file, the rows it added and rejected, the days its
   * rows reach, its task (empty from the command line), the first rows it rejected, how many more
   * it did ({@code more}, empty when none), and what its parser told of the file as a whole (an
   * Adyen account [import.adyen] account_timezones does not name).
   */
  public record ImportRow(
      String importedAt,
      String format,
      String file,
      String added,
      String rejected,
      String days,
      String task,
      List<RejectionRow> rejections,
      String more,
      List<String> notes) {}

  /** A row an import rejected: its line (or lines), transaction id, day and why. */
  public record RejectionRow(String lines, String transactionId, String day, String reason) {}

  /**
   * A fire time of the schedule, and whether it was enqueued, ran though Redis lost its fire key,
   * was missed, or is to come.
   */
  public record FireRow(String at, String businessDate, String outcome) {}

  /** The schedule page. */
  public record Schedule(
      String cron,
      String zone,
      String misfire,
      String catchUp,
      List<FireRow> next,
      List<FireRow> recent,
      String lookBack,
      String problem) {}

  /** The outcome of an action, or a refusal. */
  public record Message(boolean ok, String title, String text, String back) {}

  /**
   * A typed confirmation before a bulk action: the user types {@code word} to go on.
   *
   * @param action the form's target
   */
  public record Confirm(String action, String word, String what) {}

  /** The login page, with the error of the last try if any. */
  public record Login(String next, String error) {}
}
