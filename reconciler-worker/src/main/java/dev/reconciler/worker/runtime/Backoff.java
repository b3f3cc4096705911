package dev.reconciler.worker.runtime;

import java.time.Duration;

/**
 * Waits between attempts that failed: doubling from a first delay up to a longest one (for the
 * worker's reconnections, 100 ms up to 5 s).
 */
public final class Backoff {
  private final long minMs;
  private final long maxMs;
  private long next;

  /** Reconnection waits: 100 ms doubling up to 5 s. */
  Backoff() {
    this(Duration.ofMillis(100), Duration.ofSeconds(5));
  }

  /** Waits of {@code first}, doubling up to {@code longest}. */
  public Backoff(Duration first, Duration longest) {
    this.minMs = first.toMillis();
    this.maxMs = longest.toMillis();
    this.next = minMs;
  }

  void reset() {
    next = minMs;
  }

  /** The next wait; the one after it is twice as long, up to the longest. */
  public Duration nextDelay() {
    Duration d = Duration.ofMillis(next);
    next = Math.min(maxMs, next * 2);
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
