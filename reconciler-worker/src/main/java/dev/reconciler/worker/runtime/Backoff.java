package dev.reconciler.worker.runtime;

import java.time.Duration;

/** Waits between reconnection attempts: doubling from 100 ms up to 5 s. */
final class Backoff {
  private static final long MIN_MS = 100;
  private static final long MAX_MS = 5_000;
  private long next = MIN_MS;

  void reset() {
    next = MIN_MS;
  }

  Duration nextDelay() {
    Duration d = Duration.ofMillis(next);
    next = Math.min(MAX_MS, next * 2);
    return d;
  }

  /** Sleeps for the next delay; false when interrupted. */
  boolean pause() {
    try {
      Thread.sleep(nextDelay().toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
