package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconcileCommandTest {
  private static final LocalDate D1 = LocalDate.of(2026, 11, 1);
  private static final LocalDate D2 = D1.plusDays(1);
  private static final LocalDate D3 = D1.plusDays(2);

  @Test
  void aDateOfItsOwnMadeStaleUnderItIsRunAgainAFewTimesAtMost() {
    List<LocalDate> ran = List.of(D1, D2, D3);
    assertThat(ReconcileCommand.goBackTo(D2, ran, 0)).isEqualTo(D2);
    assertThat(ReconcileCommand.goBackTo(D1, ran, ReconcileCommand.MAX_GOING_BACK - 1))
        .isEqualTo(D1);
    assertThat(ReconcileCommand.goBackTo(D2, ran, ReconcileCommand.MAX_GOING_BACK))
        .as("reruns elsewhere without end: stop and say what is left")
        .isNull();
  }

  @Test
  void aStaleDateItNeverRanIsTheOperatorsToOrder() {
    assertThat(ReconcileCommand.goBackTo(D1, List.of(D2, D3), 0)).isNull();
    assertThat(ReconcileCommand.goBackTo(D1, List.of(), 0)).isNull();
  }
}
