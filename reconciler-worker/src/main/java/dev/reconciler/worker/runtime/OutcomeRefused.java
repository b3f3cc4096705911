package dev.reconciler.worker.runtime;

import dev.reconciler.core.domain.SafeText;

/**
 * Redis refused to record a task's outcome for its data: the error of the failure record a worker
 * writes instead, so that the job is neither left in flight nor run again unseen.
 */
public class OutcomeRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  OutcomeRefused(String outcome, RuntimeException refusal) {
    super(
        "Redis refused to record this task's outcome ("
            + outcome
            + "): "
            + SafeText.line(String.valueOf(refusal.getMessage()))
            + ". Not tried again, as Redis would refuse it the same way: the task's follow-ups"
            + " (its alert, its chain's next date) were not queued. Retry it from the failed list"
            + " once Redis accepts the write.",
        refusal);
  }
}
