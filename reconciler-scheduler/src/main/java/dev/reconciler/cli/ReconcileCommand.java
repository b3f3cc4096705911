package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.reconcile.ReconcileRequest;
import dev.reconciler.core.reconcile.ReconcileService;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.reconcile.RunOutcome;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** reconciler reconcile: the whole pipeline in this process, for one business date. */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description =
        "Reconcile one business date now, in this process: load and clean both tables, match, "
            + "write the Excel report and record the run. Exit 0 when it ran (discrepancies are findings, not errors).")
final class ReconcileCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin RunOptions run;

  @Override
  public Integer call() {
    Settings settings = common.settings();
    Clock clock = Clock.systemUTC();
    LocalDate day = DateOption.parse(run.date, settings.reconciliation().timezone(), clock);
    ReconcileRequest request =
        new ReconcileRequest(
            day,
            RunIds.newRunId(day),
            run.db != null ? run.db : settings.paths().database(),
            run.out != null ? run.out : settings.paths().reportDir());
    makeReportDir(request.reportDir());
    RunOutcome outcome =
        new ReconcileService(settings, clock, TerminalProgress.forConsole()).run(request);
    SummaryPrinter.print(outcome, System.out);
    return 0;
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
