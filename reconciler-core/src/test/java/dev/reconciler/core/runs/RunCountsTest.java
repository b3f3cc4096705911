package dev.reconciler.core.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.load.RejectedRow;
import dev.reconciler.core.match.ReconciliationResult;
import dev.reconciler.core.match.SourceStats;
import dev.reconciler.core.settle.PayoutFinding;
import dev.reconciler.core.settle.Settlement;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunCountsTest {
  @Test
  void aRunRecordCountsAndSumsTheSettlementKindsToo() {
    PayoutFinding payout =
        new PayoutFinding(
            "po_1",
            null,
            "USD",
            new BigDecimal("15.00"),
            null,
            null,
            "amount not in file",
            2,
            "2026-11-24T10:00:00Z",
            new BigDecimal("15.00"));
    ReconciliationResult result =
        new ReconciliationResult(
            "run-1",
            LocalDate.parse("2026-11-24"),
            "db",
            new SourceStats(Source.SALES, "sales", 0, 0, 0, 0, 0),
            new SourceStats(Source.PROCESSOR, "processor", 0, 0, 0, 0, 0),
            0,
            0,
            List.of(),
            List.<RejectedRow>of(),
            List.of(),
            new Settlement(List.of(), List.of(), List.of(), List.of(payout)));

    assertThat(RunCounts.of(result))
        .containsEntry("payout", 1L)
        .containsEntry("refund", 0L)
        .containsEntry("chargeback", 0L)
        .containsEntry("fee", 0L);
    assertThat(RunCounts.amounts(result))
        .containsEntry("payout", java.util.Map.of("USD", new BigDecimal("15.00")));
  }
}
