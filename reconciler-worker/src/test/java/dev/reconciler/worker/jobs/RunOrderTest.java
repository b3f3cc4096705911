package dev.reconciler.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.worker.task.TaskEnvelope;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunOrderTest {
  private static final LocalDate D = LocalDate.of(2026, 11, 24);

  @Test
  void theRangeRunsDayByDayThenTheStaleDatesAfterTheLastDateRun() {
    List<LocalDate> stale = List.of(D.minusDays(3), D.plusDays(4), D.plusDays(9));

    assertThat(RunOrder.next(D, D.plusDays(2), () -> stale)).isEqualTo(D.plusDays(1));
    assertThat(RunOrder.next(D.plusDays(2), D.plusDays(2), () -> stale)).isEqualTo(D.plusDays(4));
    assertThat(RunOrder.next(D.plusDays(4), D.plusDays(2), () -> stale)).isEqualTo(D.plusDays(9));
    assertThat(RunOrder.next(D.plusDays(9), D.plusDays(2), () -> stale)).isNull();
    assertThat(RunOrder.next(D, D, List::of)).isNull();
  }

  @Test
  void aRangeCountsBothEnds() {
    assertThat(RunOrder.days(D, D)).isEqualTo(1);
    assertThat(RunOrder.days(LocalDate.of(2028, 1, 1), LocalDate.of(2028, 12, 31))).isEqualTo(366);
  }

  @Test
  void aLinksTaskIdFollowsFromChainAndDateAlone() {
    assertThat(RunOrder.linkTaskId("c", D)).isEqualTo(RunOrder.linkTaskId("c", D));
    assertThat(RunOrder.linkTaskId("c", D))
        .isNotEqualTo(RunOrder.linkTaskId("c", D.plusDays(1)))
        .isNotEqualTo(RunOrder.linkTaskId("d", D));
  }

  @Test
  void aChainsFirstLinkCarriesItsOwnTaskIdAsTheChainId() {
    TaskEnvelope first = RunOrder.firstLink(new ReconcileArgs(D, "/db", null), D.plusDays(6), 5L);

    ReconcileArgs args = ReconcileArgs.from(first.args());
    assertThat(args.chain()).isEqualTo(new ReconcileArgs.Chain(first.taskId(), D.plusDays(6)));
    assertThat(args.database()).isEqualTo("/db");
    assertThat(RunOrder.linkOf(first).chainId()).isEqualTo(first.taskId());
    assertThat(RunOrder.linkOf(first).date()).isEqualTo(D);
  }
}
