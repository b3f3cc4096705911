package dev.reconciler.core.domain;

/** Receives progress of long steps; the CLI shows it as a bar on a terminal. Thread-safe. */
public interface Progress {
  /** Does nothing: for tests, workers and non-terminals. */
  Progress NONE =
      new Progress() {
        @Override
        public void start(String step, long total) {}

        @Override
        public void advance(long delta) {}

        @Override
        public void finish() {}
      };

  /** A new step begins; total is -1 when unknown. */
  void start(String step, long total);

  void advance(long delta);

  void finish();
}
