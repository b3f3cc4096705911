package dev.reconciler.core.reconcile;

import java.time.LocalDate;
import java.util.UUID;

/** Run ids: readable (they carry the business date) and unique per run. */
public final class RunIds {
  private RunIds() {}

  /** A fresh run id, for a run that is not a queued task (the CLI's reconcile). */
  public static String newRunId(LocalDate businessDate) {
    return "run-" + businessDate + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The run id of a queued task: the same for every delivery and retry of that task. */
  public static String forTask(LocalDate businessDate, String taskId) {
    return "run-" + businessDate + "-" + taskId;
  }
}
