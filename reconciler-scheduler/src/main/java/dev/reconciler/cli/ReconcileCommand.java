package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.ledger.StaleLedgerException;
import dev.reconciler.core.reconcile.ReconcileRequest;
import dev.reconciler.core.reconcile.ReconcileService;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.reconcile.RunOutcome;
import dev.reconciler.worker.jobs.RunOrder;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** reconciler reconcile: the whole pipeline in this process, date by date in order. */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description =
        "Reconcile a business date (or --from/--to a range) now, in this process: load and clean "
            + "both tables, match, write the Excel report and record the run; then rerun in order "
            + "the later dates this made stale. Exit 0 when all ran (discrepancies are findings, "
            + "not errors); on a failure, stop and say which dates are left.")
final class ReconcileCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin RunOptions run;

  @Override
  public Integer call() {
    Settings settings = common.settings();
    Clock clock = Clock.systemUTC();
    RequestedDates dates = RequestedDates.of(run, settings.reconciliation().timezone(), clock);
    Path database = run.db != null ? run.db : settings.paths().database();
    Path reportDir = run.out != null ? run.out : settings.paths().reportDir();
    makeReportDir(reportDir);
    ReconcileService service = new ReconcileService(settings, clock, TerminalProgress.forConsole());
    List<LocalDate> ran = new ArrayList<>();
    for (LocalDate day = dates.from();
        day != null;
        day =
            RunOrder.next(day, dates.to(), () -> RunOrder.staleDates(settings, database, clock))) {
      if (!ran.isEmpty()) {
        System.out.println();
      }
      RunOutcome outcome;
      try {
        outcome = service.run(new ReconcileRequest(day, RunIds.newRunId(day), database, reportDir));
      } catch (StaleLedgerException e) {
        // The operator's to order, unlike on a worker, which retries it: exit 2, one line.
        reportStop(day, dates.to(), ran, settings, database, clock);
        throw new UserError(e.getMessage(), e);
      } catch (RuntimeException e) {
        reportStop(day, dates.to(), ran, settings, database, clock);
        throw e;
      }
      SummaryPrinter.print(outcome, System.out);
      ran.add(day);
    }
    if (ran.size() > 1) {
      System.out.println();
      System.out.println("Ran " + ran.size() + " dates in order: " + dates(ran));
    }
    return 0;
  }

  /**
   * What a failed date leaves behind, when anything: the dates run before it, the dates of the
   * range not run, and the ledger's stale dates (run before, their reports no longer following from
   * the ledger). A single date that fails with nothing stale says nothing more than its error, on
   * the one line a user error gets.
   */
  private static void reportStop(
      LocalDate failed,
      LocalDate until,
      List<LocalDate> ran,
      Settings settings,
      Path database,
      Clock clock) {
    List<String> left = new ArrayList<>();
    if (!ran.isEmpty()) {
      left.add("ran before it: " + dates(ran));
    }
    if (failed.isBefore(until)) {
      LocalDate next = failed.plusDays(1);
      left.add("not run: " + next + (next.isBefore(until) ? " to " + until : ""));
    }
    List<LocalDate> stale;
    try {
      stale = RunOrder.staleDates(settings, database, clock);
    } catch (RuntimeException e) {
      // The error that follows says what is wrong with the database; this line adds nothing.
      stale = List.of();
    }
    if (!stale.isEmpty()) {
      left.add("stale until rerun in order: " + dates(stale));
    }
    if (!left.isEmpty()) {
      System.err.println(
          "reconciler: the run of " + failed + " failed; " + String.join("; ", left));
    }
  }

  private static String dates(List<LocalDate> dates) {
    return dates.stream().map(LocalDate::toString).collect(Collectors.joining(", "));
  }

  /**
   * The report directory, made before any work: one that cannot be (a file in the way, no
   * permission, a read-only file system) is the user's to fix, not a failure after the load. A
   * worker leaves this to the run, which retries it like any failure to write the report.
   */
  private static void makeReportDir(Path dir) {
    String shown = dir.toAbsolutePath().normalize().toString();
    try {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException e) {
      throw new UserError("report directory " + shown + " is a file: point --out elsewhere", e);
    } catch (IOException e) {
      throw new UserError("cannot make the report directory " + shown + ": " + why(e), e);
    }
    if (!Files.isWritable(dir)) {
      throw new UserError("report directory " + shown + " is not writable by this user");
    }
  }

  /** What the file system said, without repeating the path (most of its messages are the path). */
  private static String why(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    return e instanceof FileSystemException f && f.getReason() != null
        ? f.getReason()
        : e.getClass().getSimpleName();
  }
}
