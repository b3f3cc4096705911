package dev.reconciler.worker.queue;

/**
 * What {@code revoke} did to a task.
 *
 * @param detail for REMOVED how many jobs were taken out, for RUNNING the worker running it (data
 *     from Redis: callers escape it), for GROUP how many members were waiting and running
 */
public record Revocation(Outcome outcome, String detail) {
  /** The ways a revoke ends. */
  public enum Outcome {
    /** It was waiting (queued or delayed): its job was removed and it is REVOKED. */
    REMOVED,
    /** It was waiting but no job of it was found: REVOKED, and dropped if its job shows up. */
    MARKED,
    /** It is running: marked revoked (and told to stop, with terminate); it will not run again. */
    RUNNING,
    /**
     * A group or chord: REVOKED, its callback never queued, and its unfinished members revoked; the
     * detail says how many were waiting and how many running.
     */
    GROUP
  }

  /**
   * One line saying what became of the task, for the CLI and the console; the worker's name is
   * escaped, and {@code taskId} must have been checked to be a task id.
   */
  public String describe(String taskId, boolean terminate) {
    String worker = dev.reconciler.core.domain.SafeText.line(detail, 300);
    return switch (outcome) {
      case GROUP ->
          "revoked group "
              + taskId
              + ": a chord's callback will not run; its unfinished tasks revoked ("
              + dev.reconciler.core.domain.SafeText.line(detail, 100)
              + ")";
      case REMOVED -> "revoked " + taskId + ": removed before it ran";
      case MARKED -> "revoked " + taskId + ": no job of it was waiting; it will not run";
      case RUNNING ->
          terminate
              ? "revoked " + taskId + ": running on " + worker + ", which stops it now"
              : "revoked "
                  + taskId
                  + ": running on "
                  + worker
                  + "; it finishes, then is never retried or run again"
                  + " (--terminate stops it)";
    };
  }
}
