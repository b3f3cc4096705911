package dev.reconciler.worker.queue;

/** Whether a worker still held the job it records an outcome for, or checks (finish_job in Lua). */
public enum JobHold {
  /** In the worker's in-flight list, as expected. */
  HELD,
  /**
   * A reaper had put it back in its queue (or Redis had lost it) and no one took it since: it is
   * the worker's again, its queued copy taken out and that return no longer counted as a
   * redelivery.
   */
  TAKEN_BACK,
  /** The worker's outcome for it was recorded already (a retried write whose reply was lost). */
  ENDED,
  /** Another delivery runs or ran it: nothing of this worker's was recorded, that one's counts. */
  TAKEN;

  /** Reads a script's code: 1 held, 0 taken back, 2 ended, -1 taken. */
  static JobHold of(Object code) {
    long c = (Long) code;
    if (c == 1) {
      return HELD;
    }
    if (c == 0) {
      return TAKEN_BACK;
    }
    return c == 2 ? ENDED : TAKEN;
  }
}
