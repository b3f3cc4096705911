package dev.reconciler.core.task;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Arguments of the send_alert task: [run id, alert kind, business date, database or null, error or
 * null, failed task id or null].
 */
public record SendAlertArgs(
    String runId,
    String kind,
    LocalDate businessDate,
    String database,
    String error,
    String failedTaskId) {
  public static final String TASK = "send_alert";

  /** Parses and validates the job's argument list. */
  public static SendAlertArgs from(List<Object> args) {
    Args a = new Args(TASK, args, 3, 6);
    return new SendAlertArgs(
        a.string(0, "run id"),
        a.string(1, "alert kind"),
        a.date(2, "business date"),
        a.optionalString(3, "database"),
        a.optionalString(4, "error"),
        a.optionalString(5, "failed task id"));
  }

  public List<Object> toList() {
    return Arrays.asList(runId, kind, businessDate.toString(), database, error, failedTaskId);
  }
}
