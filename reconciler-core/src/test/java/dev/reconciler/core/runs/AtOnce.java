package dev.reconciler.core.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs tasks released together, each on a thread of its own, as processes racing for one database
 * do; waits for all and throws the first failure.
 */
public final class AtOnce {
  /** One racer's work; {@code i} tells the racers apart. */
  public interface Racer {
    void run(int i) throws Exception;
  }

  private AtOnce() {}

  public static void run(int racers, Racer racer) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        int n = i;
        running.add(
            pool.submit(
                () -> {
                  go.await();
                  racer.run(n);
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
