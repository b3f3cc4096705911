package dev.reconciler.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TwoThreadsTest {
  /** A key with many ties, and a serial number the sort must keep in order among equal keys. */
  private record Item(int key, int serial) {}

  @Test
  void sortsAsOneStableSortDoesWhateverTheSize() {
    Random random = new Random(7);
    for (int size : new int[] {0, 1, 2, 3, 10, 1001, 20_000}) {
      List<Item> items = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        items.add(new Item(random.nextInt(50), i));
      }
      List<Item> expected = new ArrayList<>(items);
      expected.sort(Comparator.comparingInt(Item::key));
      assertThat(TwoThreads.sort(items, Comparator.comparingInt(Item::key)))
          .as("size %d", size)
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void runsEveryItemOnceAndRethrowsAFailureAfterBothThreadsStop() throws IOException {
    Set<Integer> ran = ConcurrentHashMap.newKeySet();
    List<Integer> items = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      items.add(i);
    }
    TwoThreads.forEach(items, i -> i, i -> assertThat(ran.add(i)).isTrue());
    assertThat(ran).hasSize(500);

    assertThatThrownBy(
            () ->
                TwoThreads.forEach(
                    items,
                    i -> i,
                    i -> {
                      if (i == 250) {
                        throw new IOException("item 250 failed");
                      }
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("item 250 failed");
  }

  @Test
  void theOtherThreadIsNotTheCommonPoolsAndCarriesTheRunId() throws Exception {
    // Every common-pool thread busy (as in a worker running two reconciles at once): work handed
    // to the other thread must still run, with the caller's logging context.
    int parallelism = ForkJoinPool.getCommonPoolParallelism();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch busy = new CountDownLatch(parallelism);
    for (int i = 0; i < parallelism; i++) {
      ForkJoinPool.commonPool()
          .execute(
              () -> {
                busy.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
    }
    try {
      assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
      MDC.put("runId", "run-42");
      String[] seen =
          TwoThreads.onAnother(
                  () -> new String[] {Thread.currentThread().getName(), MDC.get("runId")})
              .get(10, TimeUnit.SECONDS);
      assertThat(seen[0]).startsWith("helper-");
      assertThat(seen[1]).isEqualTo("run-42");
    } finally {
      MDC.remove("runId");
      release.countDown();
    }
  }
}
