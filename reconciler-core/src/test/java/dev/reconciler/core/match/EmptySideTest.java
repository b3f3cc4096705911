package dev.reconciler.core.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EmptySideTest {
  private static final LocalDate DAY = LocalDate.parse("2026-11-24");

  @Test
  void theSideThatReadNothingWhileTheOtherReadRows() {
    assertThat(EmptySide.of(1_200L, 0L)).isEqualTo(EmptySide.PROCESSOR);
    assertThat(EmptySide.of(0L, 40L)).isEqualTo(EmptySide.SALES);
    assertThat(EmptySide.of(0L, 0L)).as("a day with no rows at all").isNull();
    assertThat(EmptySide.of(5L, 5L)).isNull();
    assertThat(EmptySide.of(null, 0L)).as("a count not kept").isNull();
    assertThat(EmptySide.of(3L, null)).isNull();
  }

  @Test
  void itsQuestionNamesTheDayAndTheRowsTheOtherSideRead() {
    assertThat(EmptySide.PROCESSOR.question(DAY, 1_200, 0))
        .isEqualTo(
            "No processor rows were read for 2026-11-24 (sales rows: 1,200): was the day's"
                + " processor file imported?");
    assertThat(EmptySide.SALES.question(DAY, 0, 40))
        .isEqualTo(
            "No sales rows were read for 2026-11-24 (processor rows: 40): was the sales table"
                + " filled for the day?");
  }
}
