package dev.reconciler.core.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One row of the reconciliation_runs audit table.
 *
 * @param counts per finding kind id (see DiscrepancyKind.id()), plus "rejected", "matched",
 *     "exact_duplicates", "sales_rows", "processor_rows"
 * @param amounts per finding kind id, per currency: the amount at stake (empty while running)
 * @param matchRatePercent null while running or when nothing was to be matched
 * @param finishedAt null while running
 * @param error null unless the run failed
 */
public record RunRecord(
    String runId,
    LocalDate businessDate,
    Instant startedAt,
    Instant finishedAt,
    String status,
    Map<String, Long> counts,
    Map<String, Map<String, BigDecimal>> amounts,
    BigDecimal matchRatePercent,
    String reportPath,
    String error) {}
