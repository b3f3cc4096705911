package dev.reconciler.core.reconcile;

import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.match.ReconciliationResult;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** The counts a run record keeps, named as the reconciliation_runs columns. */
final class RunCounts {
  private RunCounts() {}

  static Map<String, Long> of(ReconciliationResult result) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("sales_rows", result.sales().rowsRead());
    counts.put("processor_rows", result.processor().rowsRead());
    counts.put("matched", result.matched());
    result.counts().forEach((DiscrepancyKind kind, Long n) -> counts.put(kind.id(), n));
    counts.put("rejected", (long) result.rejected().size());
    counts.put(
        "exact_duplicates",
        result.sales().exactDuplicates() + result.processor().exactDuplicates());
    return counts;
  }

  /** Amount at stake per kind id and currency, for the run record and alerts. */
  static Map<String, Map<String, BigDecimal>> amounts(ReconciliationResult result) {
    Map<String, Map<String, BigDecimal>> amounts = new LinkedHashMap<>();
    result.amounts().forEach((kind, byCurrency) -> amounts.put(kind.id(), byCurrency));
    return amounts;
  }
}
