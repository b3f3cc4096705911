package dev.reconciler.core.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

/**
 * Runs a run's independent pieces of work (filling report sheets, compressing them, sorting) on the
 * calling thread and one other (from the common pool), where the run is otherwise single-threaded
 * and the machines it runs on have two cores.
 */
public final class TwoThreads {
  private TwoThreads() {}

  /** One piece of work. */
  @FunctionalInterface
  public interface Work<T> {
    void run(T item) throws IOException;
  }

  /**
   * Runs {@code work} on every item and returns when all have run, or throws the first failure
   * (after the other thread has stopped, so no piece is still running). Each item runs wholly on
   * one thread; both threads take the next item, largest first.
   */
  public static <T> void forEach(List<T> items, ToLongFunction<T> size, Work<T> work)
      throws IOException {
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

  /**
   * Sorts {@code items} stably by {@code order}: each half on its own thread, then one merge, which
   * takes ties from the first half, so the result is the one a single stable sort gives.
   */
  @SuppressWarnings("unchecked")
  public static <T> List<T> sort(List<T> items, Comparator<? super T> order) {
    T[] all = (T[]) items.toArray();
    int half = all.length / 2;
    CompletableFuture<Void> first =
        CompletableFuture.runAsync(() -> Arrays.sort(all, 0, half, order));
    Arrays.sort(all, half, all.length, order);
    Futures.join(first);
    List<T> merged = new ArrayList<>(all.length);
    int i = 0;
    int j = half;
    while (i < half && j < all.length) {
      merged.add(order.compare(all[j], all[i]) < 0 ? all[j++] : all[i++]);
    }
    merged.addAll(Arrays.asList(all).subList(i, half));
    merged.addAll(Arrays.asList(all).subList(j, all.length));
    return merged;
  }
}
