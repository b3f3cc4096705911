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
    int wentBack = 0;
    LocalDate day = dates.from();
    while (day != null) {
      if (!ran.isEmpty()) {
        System.out.println();
      }
      RunOutcome outcome;
      try {
        outcome = service.run(new ReconcileRequest(day, RunIds.newRunId(day), database, reportDir));
      } catch (StaleLedgerException e) {
        LocalDate back = goBackTo(e.firstStale(), ran, wentBack);
        if (back != null) {
          wentBack++;
          System.out.printf(
              "%s, run by this command, was made stale meanwhile (an earlier date was rerun"
                  + " elsewhere): running again from it%n",
              back);
          ran.removeIf(d -> !d.isBefore(back));
          day = back;
          continue;
        }
        // The operator's to order, unlike on a worker, which retries it: exit 2, one line.
        reportStop(day, dates.to(), ran, settings, database, clock);
        throw new UserError(e.getMessage(), e);
      } catch (RuntimeException e) {
        reportStop(day, dates.to(), ran, settings, database, clock);
        throw e;
      }
      SummaryPrinter.print(outcome, System.out);
      ran.add(day);
      day = RunOrder.next(day, dates.to(), () -> RunOrder.staleDates(settings, database, clock));
    }
    if (ran.size() > 1) {
      System.out.println();
      System.out.println("Ran " + ran.size() + " dates in order: " + dates(ran));
    }
    return 0;
  }

  /** How many times one command goes back to a date of its own made stale under it. */
  static final int MAX_GOING_BACK = 3;

  /**
   * Where a command that found the ledger stale before a date goes back to: {@code firstStale}, the
   * earliest stale date, when it is one this command ran (a rerun of an earlier date elsewhere made
   * it stale meanwhile, and that rerun's own order may be running it too: runs of one ledger take
   * turns, and a date run twice gives the same report) and it went back fewer than {@link
   * #MAX_GOING_BACK} times; else null, to stop. A stale date it never ran is the operator's to
   * order: it was stale before this command, or is outside what it was asked to run.
   */
  static LocalDate goBackTo(LocalDate firstStale, List<LocalDate> ran, int wentBack) {
    return wentBack < MAX_GOING_BACK && ran.contains(firstStale) ? firstStale : null;
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
