package dev.reconciler.core.task;

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

  /** Parses and validates the job's argument list. */
  public static ReconcileArgs from(List<Object> args) {
    Args a = new Args(TASK, args, 1, 3);
    return new ReconcileArgs(
        a.date(0, "business date"),
        a.optionalString(1, "database"),
        a.optionalString(2, "report dir"));
  }

  public List<Object> toList() {
    return Arrays.asList(businessDate.toString(), database, reportDir);
  }
}
