package dev.reconciler.core.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinesTest {
  @Test
  void keepsLinesNearTheFirstInFourBytesEach() {
    Lines lines = new Lines(4);
    long[] set = {
      5_000_000_000L, 5_000_000_001L, 4_000_000_000L, 5_000_000_000L + Integer.MAX_VALUE
    };
    for (int i = 0; i < set.length; i++) {
      lines.set(i, set[i]);
    }
    assertThat(lines.narrow()).isTrue();
    for (int i = 0; i < set.length; i++) {
      assertThat(lines.get(i)).isEqualTo(set[i]);
    }
  }

  @Test
  void widensWhenALineLiesFurtherThanAnIntFromTheFirstAndKeepsEveryLine() {
    int capacity = 2;
    Lines lines = new Lines(capacity);
    long[] set = {7, 9, 7L + Integer.MAX_VALUE + 1, Long.MIN_VALUE, Long.MAX_VALUE, 3};
    for (int i = 0; i < set.length; i++) {
      if (i == capacity) {
        capacity *= 2;
        lines.grow(capacity);
      }
      lines.set(i, set[i]);
      assertThat(lines.narrow()).isEqualTo(i < 2);
    }
    for (int i = 0; i < set.length; i++) {
      assertThat(lines.get(i)).as("line %d", i).isEqualTo(set[i]);
    }
  }

  @Test
  void aNegativeFirstLineIsItsOwnBase() {
    Lines lines = new Lines(2);
    lines.set(0, -10);
    lines.set(1, Integer.MAX_VALUE - 10L);
    assertThat(lines.narrow()).isTrue();
    assertThat(lines.get(0)).isEqualTo(-10);
    assertThat(lines.get(1)).isEqualTo(Integer.MAX_VALUE - 10L);
  }
}
