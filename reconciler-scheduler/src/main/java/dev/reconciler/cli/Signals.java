package dev.reconciler.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/** SIGTERM and SIGINT as a latch a long-running command waits on. */
final class Signals {
  private Signals() {}

  /**
   * A latch counted down by SIGTERM or SIGINT; set up before anything slow, so a signal during
   * start-up is a clean stop rather than exit 143.
   */
  static CountDownLatch stopLatch() {
    CountDownLatch stop = new CountDownLatch(1);
    for (String name : List.of("TERM", "INT")) {
      Signal.handle(new Signal(name), s -> stop.countDown());
    }
    return stop;
  }
}
