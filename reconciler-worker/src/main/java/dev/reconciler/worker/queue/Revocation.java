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
}
