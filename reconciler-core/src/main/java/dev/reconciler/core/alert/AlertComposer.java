package dev.reconciler.core.alert;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.match.EmptySide;
import dev.reconciler.core.runs.RunCounts;
import dev.reconciler.core.runs.RunRecord;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Composes discrepancy and failure alerts from a run's audit record; sends nothing. */
public final class AlertComposer {
  private static final String[] KIND_HEADER = {"Kind", "Count", "Amount at stake"};

  private final Settings.Email email;
  private final Path reportDir;

  /**
   * Composes with the [email] settings.
   *
   * @param reportDir [paths] report_dir: the only directory whose workbooks are ever attached
   */
  public AlertComposer(Settings.Email email, Path reportDir) {
    this.email = Objects.requireNonNull(email, "email");
    this.reportDir = Objects.requireNonNull(reportDir, "reportDir");
  }

  /**
   * True when the run's discrepancy count (every {@link DiscrepancyKind}) reaches the configured
   * threshold; a threshold of 0 disables discrepancy alerts.
   */
  public boolean warrantsDiscrepancyAlert(RunRecord run) {
    int threshold = email.discrepancyThreshold();
    return threshold > 0 && (discrepancyCount(run) >= threshold || emptySide(run) != null);
  }

  /**
   * The side of the run that read no rows of its day while the other read some, else null; a record
   * that kept no row counts (an earlier version's) says nothing. Its sales then wait in transit
   * rather than count as discrepancies, so a threshold alone would stay silent.
   */
  private static EmptySide emptySide(RunRecord run) {
    return EmptySide.of(
        run.counts().get(RunCounts.SALES_ROWS), run.counts().get(RunCounts.PROCESSOR_ROWS));
  }

  /** The alert for a finished run with discrepancies: counts and amounts per kind, the report. */
  public Alert discrepancies(RunRecord run) {
    return discrepancies(run, null);
  }

  /**
   * As {@link #discrepancies(RunRecord)}, attaching {@code storedCopy} (the workbook read back from
   * the database into a file of this process, within attach_max_bytes) when not null.
   */
  public Alert discrepancies(RunRecord run, Path storedCopy) {
    return discrepancies(run, storedCopy, null);
  }

  /**
   * As {@link #discrepancies(RunRecord, Path)}, where {@code replacedBy}, when not null, is a later
   * run of the date that wrote its own workbook over the file this run recorded ([report] store =
   * files): that file is no longer this run's, so it is neither attached nor offered.
   */
  public Alert discrepancies(RunRecord run, Path storedCopy, RunRecord replacedBy) {
    long total = discrepancyCount(run);
    String rate = Amounts.percent(run.matchRatePercent());
    EmptySide empty = emptySide(run);
    String subject =
        subject(
            run.businessDate()
                + ": "
                + (empty == null ? "" : "no " + empty.side() + " rows, ")
                + plural(total)
                + " (match rate "
                + rate
                + ")");
    ReportAttachment report =
        ReportAttachment.decide(run.reportPath(), email, reportDir, storedCopy, replacedBy);
    Body body = new Body();
    if (empty != null) {
      body.paragraph(emptySideNote(run, empty));
    }
    body.paragraph("The reconciliation of " + run.businessDate() + " found " + plural(total) + ".")
        .facts(
            ledgerFacts(
                run,
                facts(
                    "Business date", String.valueOf(run.businessDate()),
                    "Run id", run.runId(),
                    "Match rate", rate,
                    "Rejected rows", rejected(run))))
        .table(KIND_HEADER, kindRows(run))
        .paragraph(report.note());
    if (report.file() == null
        && replacedBy == null
        && run.reportPath() != null
        && !run.reportPath().isBlank()) {
      body.paragraph(fetchHint(run));
    }
    noteProblems(body, run);
    return alert(run.runId(), AlertKind.DISCREPANCIES, subject, body, report.file());
  }

  /** What a run that read no rows of one side most likely means, and what to do. */
  private static String emptySideNote(RunRecord run, EmptySide empty) {
    String date = String.valueOf(run.businessDate());
    String question =
        empty.question(
            run.businessDate(),
            count(run, RunCounts.SALES_ROWS),
            count(run, RunCounts.PROCESSOR_ROWS));
    return empty == EmptySide.PROCESSOR
        ? question
            + " Until it is, the day's paid sales wait in transit or are missing in processor."
            + " Import it (reconciler import), then reconcile "
            + date
            + " again."
        : question
            + " Until it is, the day's processor payments are missing in sales. Reconcile "
            + date
            + " again once it is.";
  }

  /** How to get a workbook the alert does not carry, on a host that is perhaps not the run's. */
  private static String fetchHint(RunRecord run) {
    return "To fetch it: reconciler report get --date "
        + run.businessDate()
        + " --run "
        + run.runId()
        + " --out FILE (on any host when [report] store = database).";
  }

  /**
   * The alert for a failed reconcile. {@code runOrNull} is null when the task failed before a run
   * record existed; {@code taskId} may be null when the run was not a queued task.
   */
  public Alert failure(
      String runId, LocalDate businessDate, String error, String taskId, RunRecord runOrNull) {
    String date = businessDate == null ? "unknown date" : businessDate.toString();
    Map<String, String> facts = facts("Business date", date, "Run id", runId);
    if (taskId != null) {
      facts.put("Task id", taskId);
    }
    if (runOrNull != null) {
      facts.put("Run status", String.valueOf(runOrNull.status()));
      facts.put("Started at", String.valueOf(runOrNull.startedAt()));
    }
    // A task that recorded its run's success can still fail after it, queuing what follows: the
    // alert must not tell finance the day failed when only that did.
    boolean runSucceeded = runOrNull != null && runOrNull.isSuccess();
    Body body =
        new Body()
            .paragraph(
                runSucceeded
                    ? "The reconciliation of "
                        + date
                        + " succeeded, but its task failed after it: what follows the run (its"
                        + " discrepancy alert, a chain's next date) may not have been queued."
                    : "The reconciliation of " + date + " failed.")
            .facts(facts)
            .paragraph(errorParagraph(error))
            .paragraph(whatToDo(taskId));
    if (runOrNull != null) {
      noteProblems(body, runOrNull);
    }
    String subject =
        "FAILED " + date + " reconcile" + (runSucceeded ? " (after its run succeeded)" : "");
    return alert(runId, AlertKind.FAILURE, subject(subject), body, null);
  }

  /**
   * The alert for a group or chord that failed because one of its tasks failed for good: it names
   * the group and the task, and says the callback will not run.
   *
   * @param runId the alert's id for its claim and Message-ID, derived from the group
   * @param day the day (UTC) its failed task was sent
   */
  public Alert groupFailure(
      String runId, LocalDate day, String groupId, String error, String taskId) {
    Map<String, String> facts = facts("Group or chord", groupId, "Day (UTC)", day.toString());
    if (taskId != null) {
      facts.put("Failed task id", taskId);
    }
    Body body =
        new Body()
            .paragraph(
                "Group or chord "
                    + groupId
                    + " failed: one of its tasks failed for good, so a chord's callback will not"
                    + " run.")
            .facts(facts)
            .paragraph(errorParagraph(error))
            .paragraph(
                "Run `reconciler status "
                    + groupId
                    + "` for its tasks' states, and see the worker logs.");
    return alert(runId, AlertKind.FAILURE, subject("FAILED group " + groupId), body, null);
  }

  /**
   * The open-items ledger in four lines: what went missing today (also counted among the kinds),
   * how old the oldest open item is, what is still in transit and what cleared late. None for a run
   * recorded before the ledger existed.
   */
  private static Map<String, String> ledgerFacts(RunRecord run, Map<String, String> facts) {
    if (!run.counts().containsKey(RunCounts.OPEN_ITEMS)) {
      return facts;
    }
    facts.put("Went missing today", String.valueOf(count(run, RunCounts.WENT_MISSING)));
    Long oldest = run.counts().get(RunCounts.OLDEST_OPEN_DAYS);
    facts.put(
        "Oldest open item",
        oldest == null || oldest < 0 ? "none open" : oldest + (oldest == 1 ? " day" : " days"));
    facts.put("In transit", String.valueOf(count(run, RunCounts.IN_TRANSIT)));
    facts.put("Cleared late", String.valueOf(count(run, RunCounts.CLEARED)));
    return facts;
  }

  /** A record read from a malformed row says so, rather than showing blanks without a word. */
  private static void noteProblems(Body body, RunRecord run) {
    if (!run.problems().isEmpty()) {
      body.paragraph(
          "The run record could not be read in full: " + String.join("; ", run.problems()) + ".");
    }
  }

  private Alert alert(String runId, AlertKind kind, String subject, Body body, Path file) {
    return new Alert(
        runId,
        kind,
        email.to(),
        email.from(),
        subject,
        body.text(),
        body.html(),
        Alert.messageId(runId, kind),
        file);
  }

  private String subject(String rest) {
    String prefix = email.subjectPrefix();
    return prefix.isBlank() ? rest : prefix + " " + rest;
  }

  private static String whatToDo(String taskId) {
    if (taskId == null) {
      return "See the worker logs for details.";
    }
    return "Run `reconciler status " + taskId + "` for its retries, and see the worker logs.";
  }

  private static List<String[]> kindRows(RunRecord run) {
    List<String[]> rows = new ArrayList<>();
    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      Map<String, BigDecimal> amounts = run.amounts().getOrDefault(kind.id(), Map.of());
      String atStake = amounts.isEmpty() ? "-" : Amounts.perCurrency(amounts);
      rows.add(new String[] {kind.label(), String.valueOf(count(run, kind.id())), atStake});
    }
    return rows;
  }

  private static long discrepancyCount(RunRecord run) {
    long total = 0;
    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      total += count(run, kind.id());
    }
    return total;
  }

  /**
   * The rejected rows, with how many of them processor files lost at import when any did: those are
   * not in the day's tables, so whoever reads the alert looks for them in the files.
   */
  private static String rejected(RunRecord run) {
    long inFiles = count(run, RunCounts.REJECTED_IN_FILES);
    return count(run, RunCounts.REJECTED)
        + (inFiles > 0 ? " (of which " + inFiles + " in processor files)" : "");
  }

  private static long count(RunRecord run, String key) {
    Long n = run.counts().get(key);
    return n == null ? 0 : n;
  }

  private static String plural(long discrepancies) {
    return discrepancies + (discrepancies == 1 ? " discrepancy" : " discrepancies");
  }

  private static Map<String, String> facts(String... labelsAndValues) {
    Map<String, String> facts = new LinkedHashMap<>();
    for (int i = 0; i < labelsAndValues.length; i += 2) {
      facts.put(labelsAndValues[i], labelsAndValues[i + 1]);
    }
    return facts;
  }

  /** A failure's error as an alert shows it: made safe for the body, or said to be missing. */
  private static String errorParagraph(String error) {
    String shown = ErrorText.forBody(error);
    return shown == null || shown.isBlank() ? "(no error message)" : shown;
  }
}
