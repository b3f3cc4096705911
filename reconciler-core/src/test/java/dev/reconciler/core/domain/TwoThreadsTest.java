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
import org.junit.jupiter.api.Test;

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
}
