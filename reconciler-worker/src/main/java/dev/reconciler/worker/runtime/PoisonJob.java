package dev.reconciler.worker.runtime;

/**
 * A job whose worker died under it more often than [worker] max_redeliveries allows (out of memory,
 * a native crash): it fails for good, unrun, rather than take down the next worker too.
 */
public class PoisonJob extends Exception {
  private static final long serialVersionUID = 1L;

  PoisonJob(int deaths) {
    super("its worker died " + deaths + " times while running it");
  }
}
