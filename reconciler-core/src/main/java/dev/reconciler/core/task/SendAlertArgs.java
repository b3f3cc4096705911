package dev.reconciler.core.task;

import dev.reconciler.core.alert.AlertKind;
import dev.reconciler.core.alert.ErrorText;
import dev.reconciler.core.config.Settings;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Arguments of the send_alert task: [run id, alert kind, business date, database or null, error or
 * null, failed task id or null, group id or null].
 *
 * @param error made fit for an alert body on construction (see {@link ErrorText#forBody})
 * @param groupId for the failure of a group or chord (the failed task one of its tasks), else null
 */
public record SendAlertArgs(
    String runId,
    AlertKind kind,
    LocalDate businessDate,
    String database,
    String error,
    String failedTaskId,
    String groupId) {
  public static final String TASK = "send_alert";

  /** The arguments of an alert about a run, in no group. */
  public SendAlertArgs(
      String runId,
      AlertKind kind,
      LocalDate businessDate,
      String database,
      String error,
      String failedTaskId) {
    this(runId, kind, businessDate, database, error, failedTaskId, null);
  }

  /** Bounds the error and strips its control characters, whoever builds the arguments. */
  public SendAlertArgs {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(businessDate, "businessDate");
    error = ErrorText.forBody(error);
  }

  /** Parses and validates the job's argument list; anything off is {@link BadArguments}. */
  public static SendAlertArgs from(List<Object> args) {
    Args a = new Args(TASK, args, 3, 7);
    LocalDate date = a.date(2, "business date");
    return new SendAlertArgs(
        a.runId(0, "run id", date),
        kind(a.string(1, "alert kind")),
        date,
        a.optionalPath(3, "database"),
        a.optionalString(4, "error"),
        a.optionalTaskId(5, "failed task id"),
        a.optionalTaskId(6, "group id"));
  }

  private static AlertKind kind(String id) {
    AlertKind kind = AlertKind.byId(id);
    if (kind == null) {
      throw new BadArguments(
          TASK
              + " argument 1 (alert kind) must be one of "
              + AlertKind.ids()
              + ", got "
              + Args.quote(id));
    }
    return kind;
  }

  /** The database holding the run record, if a task may name it (see {@link PayloadPaths}). */
  public Path databaseIn(Settings.Paths paths) {
    return PayloadPaths.database(database, paths);
  }

  public List<Object> toList() {
    List<Object> list =
        Arrays.asList(
            runId, kind.id(), businessDate.toString(), database, error, failedTaskId, groupId);
    return groupId == null ? list.subList(0, 6) : list;
  }
}
