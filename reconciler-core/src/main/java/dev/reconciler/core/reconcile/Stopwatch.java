package dev.reconciler.core.reconcile;

import java.time.Duration;
import java.util.Map;

/** Records the wall time of consecutive stages into a map (for logs and benchmarks). */
final class Stopwatch {
  private final Map<String, Duration> stages;
  private long last = System.nanoTime();

  Stopwatch(Map<String, Duration> stages) {
    this.stages = stages;
  }

  Map<String, Duration> stages() {
    return stages;
  }

  /** Ends a stage; a stage run again (once per part of a day) adds up. */
  void lap(String stage) {
    long now = System.nanoTime();
    stages.merge(stage, Duration.ofNanos(now - last), Duration::plus);
    last = now;
  }
}
