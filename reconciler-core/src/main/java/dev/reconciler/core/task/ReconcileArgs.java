package dev.reconciler.core.task;

import dev.reconciler.core.config.Settings;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Arguments of the reconcile task: [business date, database or null, report dir or null].
 *
 * @param database null means [paths] database
 * @param reportDir null means [paths] report_dir
 */
public record ReconcileArgs(LocalDate businessDate, String database, String reportDir) {
  public static final String TASK = "reconcile";

  /**
   * Parses and validates the job's argument list; anything off is {@link BadArguments}. Whether the
   * paths lie where a task may work is checked when they are used ({@link #databaseIn}).
   */
  public static ReconcileArgs from(List<Object> args) {
    Args a = new Args(TASK, args, 1, 3);
    return new ReconcileArgs(
        a.date(0, "business date"), a.optionalPath(1, "database"), a.optionalPath(2, "report dir"));
  }

  /** The database to work on, if a task may name it (see {@link PayloadPaths}). */
  public Path databaseIn(Settings.Paths paths) {
    return PayloadPaths.database(database, paths);
  }

  /** The report directory to write to, if a task may name it (see {@link PayloadPaths}). */
  public Path reportDirIn(Settings.Paths paths) {
    return PayloadPaths.reportDir(reportDir, paths);
  }

  public List<Object> toList() {
    return Arrays.asList(businessDate.toString(), database, reportDir);
  }
}
