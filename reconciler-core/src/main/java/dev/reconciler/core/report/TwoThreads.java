package dev.reconciler.core.report;

import dev.reconciler.core.domain.Futures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

/**
 * Runs a report's independent pieces of work (filling sheets, compressing them) on the calling
 * thread and one other: the run is otherwise single-threaded at that point and the machine has two
 * cores. Each piece runs wholly on one thread; both threads take the next piece, largest first.
 */
final class TwoThreads {
  private TwoThreads() {}

  /** One piece of work. */
  @FunctionalInterface
  interface Work<T> {
    void run(T item) throws IOException;
  }

  /**
   * Runs {@code work} on every item and returns when all have run, or throws the first failure
   * (after the other thread has stopped, so no piece is still running).
   */
  static <T> void forEach(List<T> items, ToLongFunction<T> size, Work<T> work) throws IOException {
    List<T> largestFirst = new ArrayList<>(items);
    largestFirst.sort(Comparator.comparingLong(size).reversed());
    AtomicInteger next = new AtomicInteger();
    Runnable drain =
        () -> {
          for (int i; (i = next.getAndIncrement()) < largestFirst.size(); ) {
            try {
              work.run(largestFirst.get(i));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        };
    CompletableFuture<Void> other = CompletableFuture.runAsync(drain);
    RuntimeException failure = null;
    try {
      drain.run();
    } catch (RuntimeException e) {
      failure = e;
      next.set(largestFirst.size());
    }
    try {
      Futures.join(other);
    } catch (RuntimeException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure instanceof UncheckedIOException e) {
      throw e.getCause();
    }
    if (failure != null) {
      throw failure;
    }
  }
}
