package dev.reconciler.core.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.MDC;

/**
 * Runs a run's independent pieces of work (matching, fetching, sorting, filling and compressing
 * report sheets) on the calling thread and one other, where the run would otherwise use one of the
 * machine's two cores.
 */
public final class TwoThreads {
  private static final AtomicInteger HELPER_NUMBER = new AtomicInteger();

  /**
   * The other threads: created as callers need them, reused, dropped after a minute idle, daemons.
   * Not the common pool: on two cores it has a single thread, which the runs of a worker running
   * two at once would queue on, each waiting for the other's half.
   */
  private static final ExecutorService HELPERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "helper-" + HELPER_NUMBER.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  private TwoThreads() {}

  /** Starts {@code work} on another thread, with this thread's logging context (its run id). */
  public static <T> CompletableFuture<T> onAnother(Supplier<T> work) {
    Map<String, String> context = MDC.getCopyOfContextMap();
    return CompletableFuture.supplyAsync(
        () -> {
          if (context != null) {
            MDC.setContextMap(context);
          }
          try {
            return work.get();
          } finally {
            MDC.clear();
          }
        },
        HELPERS);
  }

  /** As {@link #onAnother(Supplier)}, for work without a result. */
  public static CompletableFuture<Void> onAnother(Runnable work) {
    return onAnother(
        () -> {
          work.run();
          return null;
        });
  }

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
    CompletableFuture<Void> other = onAnother(drain);
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
    CompletableFuture<Void> first = onAnother(() -> Arrays.sort(all, 0, half, order));
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
