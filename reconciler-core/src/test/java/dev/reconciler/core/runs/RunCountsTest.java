package dev.reconciler.core.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.Status;
import dev.reconciler.core.domain.Txn;
import dev.reconciler.core.ledger.ClearedItem;
import dev.reconciler.core.ledger.LedgerOutcome;
import dev.reconciler.core.ledger.OpenItem;
import dev.reconciler.core.ledger.Resolution;
import dev.reconciler.core.load.RejectedRow;
import dev.reconciler.core.match.ReconciliationResult;
import dev.reconciler.core.match.SourceStats;
import dev.reconciler.core.settle.PayoutFinding;
import dev.reconciler.core.settle.Settlement;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunCountsTest {
  /**
   * The run's rejected count (the alert's and the metric's) is the rows rejected, not the entries
   * on Rejected Rows: a file's entry of the rows its import did not keep stands for all of them.
   */
  @Test
  void theRejectedCountIsTheRowsEachEntryStandsFor() {
    ReconciliationResult result =
        result(
            List.of(
                new RejectedRow(Source.SALES, 4, "S-1", "blank amount"),
                new RejectedRow(Source.PROCESSOR, 7, "T-1", "unknown currency 'QQQ'", "a.csv", 1),
                new RejectedRow(Source.PROCESSOR, 0, null, "1,149 more rows", "a.csv", 1_149)),
            new Settlement(List.of(), List.of(), List.of(), List.of()));

    assertThat(RunCounts.of(result))
        .containsEntry(RunCounts.REJECTED, 1L + 1 + 1_149)
        .containsEntry(RunCounts.REJECTED_IN_FILES, 1L + 1_149);
  }

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
        result(List.of(), new Settlement(List.of(), List.of(), List.of(), List.of(payout)));

    assertThat(RunCounts.of(result))
        .containsEntry("payout", 1L)
        .containsEntry("refund", 0L)
        .containsEntry("chargeback", 0L)
        .containsEntry("fee", 0L);
    assertThat(RunCounts.amounts(result))
        .containsEntry("payout", java.util.Map.of("USD", new BigDecimal("15.00")));
  }

  /** A run of no rows but {@code rejected} and the findings of {@code settlement}. */
  private static ReconciliationResult result(List<RejectedRow> rejected, Settlement settlement) {
    return new ReconciliationResult(
        "run-1",
        LocalDate.parse("2026-11-24"),
        "db",
        new SourceStats(Source.SALES, "sales", 0, 0, 0, 0, 0),
        new SourceStats(Source.PROCESSOR, "processor", 0, 0, 0, 0, 0),
        0,
        0,
        List.of(),
        rejected,
        List.of(),
        settlement,
        LedgerOutcome.none(LocalDate.parse("2026-11-24")));
  }

  private static final LocalDate RUN = LocalDate.parse("2026-11-24");

  private static OpenItem item(String id, int age, Integer missingSince) {
    Txn row =
        new Txn(Source.SALES, 1, id, new BigDecimal("1.00"), "USD", "paid", null, null, null, null);
    return new OpenItem(
        row,
        Status.PAID,
        RUN.minusDays(age),
        missingSince == null ? null : RUN.minusDays(missingSince));
  }

  private static ReconciliationResult withLedger(LedgerOutcome ledger) {
    return new ReconciliationResult(
        "run-1",
        RUN,
        "db",
        new SourceStats(Source.SALES, "sales", 0, 0, 0, 0, 0),
        new SourceStats(Source.PROCESSOR, "processor", 0, 0, 0, 0, 0),
        0,
        0,
        List.of(),
        List.<RejectedRow>of(),
        List.of(),
        Settlement.none(),
        ledger);
  }

  @Test
  void aRunRecordCountsTheLedgerAndTheOldestOpenItemsAge() {
    OpenItem clearedItem = item("C", 2, null);
    Resolution resolution =
        new Resolution(
            Source.SALES,
            "R",
            Resolution.Outcome.EXPLAINED,
            "bank transfer",
            "ana",
            Instant.parse("2026-11-23T10:00:00Z"),
            RUN.minusDays(4),
            new BigDecimal("3.00"),
            "USD");
    LedgerOutcome ledger =
        new LedgerOutcome(
            RUN,
            3,
            null,
            List.of(
                item("A", 0, null),
                item("B", 3, 0),
                item("D", 11, 8),
                item("E", 1, null),
                item("F", 2, null)),
            List.of(
                new ClearedItem(clearedItem, clearedItem.row(), RUN, null),
                new ClearedItem(clearedItem, clearedItem.row(), RUN, null)),
            List.of(resolution, resolution, resolution, resolution));

    assertThat(RunCounts.of(withLedger(ledger)))
        .containsEntry(RunCounts.OPEN_ITEMS, 5L)
        .containsEntry(RunCounts.IN_TRANSIT, 3L)
        .containsEntry(RunCounts.WENT_MISSING, 1L)
        .containsEntry(RunCounts.CLEARED, 2L)
        .containsEntry(RunCounts.RESOLVED, 4L)
        .containsEntry(RunCounts.OLDEST_OPEN_DAYS, 11L)
        .containsOnlyKeys(RunCounts.KEYS);
  }

  @Test
  void aRunWithNothingOpenRecordsTheOldestAgeAsMinusOne() {
    assertThat(RunCounts.of(withLedger(LedgerOutcome.none(RUN))))
        .containsEntry(RunCounts.OPEN_ITEMS, 0L)
        .containsEntry(RunCounts.OLDEST_OPEN_DAYS, -1L);
  }

  @Test
  void laterCountsAreColumnsAfterTheEarlierOnes() {
    assertThat(RunCounts.KEYS)
        .endsWith(
            "rejected",
            "exact_duplicates",
            "in_transit",
            "open_items",
            "went_missing",
            "cleared",
            "resolved",
            "oldest_open_days",
            "rejected_in_files");
  }
}
