package dev.reconciler.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.imports.ImportSummary.Rejection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class EarliestRejectionsTest {
  private static List<Long> lines(EarliestRejections kept) {
    return kept.byLine().stream().map(Rejection::line).toList();
  }

  @Test
  void keepsTheLowestLinesInWhateverOrderTheyCome() {
    List<Long> offered = new ArrayList<>(LongStream.rangeClosed(1, 500).boxed().toList());
    Collections.shuffle(offered, new Random(7));
    EarliestRejections kept = new EarliestRejections(100);

    offered.forEach(line -> kept.offer(new Rejection(line, "r" + line)));

    assertThat(lines(kept)).isEqualTo(LongStream.rangeClosed(1, 100).boxed().toList());
    assertThat(kept.byLine().get(0).reason()).isEqualTo("r1");
  }

  @Test
  void aLaterLowLineDisplacesTheHighestKept() {
    EarliestRejections kept = new EarliestRejections(3);
    for (long line = 10; line < 20; line++) {
      kept.offer(new Rejection(line, "parser"));
    }
    kept.offer(new Rejection(2, "store"));

    assertThat(lines(kept)).containsExactly(2L, 10L, 11L);
  }

  @Test
  void fewerThanTheBoundAreAllKeptAndNoneWithABoundOfZero() {
    EarliestRejections some = new EarliestRejections(5);
    some.offer(new Rejection(9, "b"));
    some.offer(new Rejection(4, "a"));
    assertThat(lines(some)).containsExactly(4L, 9L);

    EarliestRejections none = new EarliestRejections(0);
    none.offer(new Rejection(1, "a"));
    assertThat(none.byLine()).isEmpty();
  }
}
