package dev.reconciler.core.runs;

import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.match.ReconciliationResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts a run record keeps, each a reconciliation_runs column: rows read and matched, one per
 * {@link DiscrepancyKind} (its id), then the rows left out. A kind added to the enum is a count and
 * a column here without another edit.
 */
public final class RunCounts {
  public static final String SALES_ROWS = "sales_rows";
  public static final String PROCESSOR_ROWS = "processor_rows";
  public static final String MATCHED = "matched";
  public static final String REJECTED = "rejected";
  public static final String EXACT_DUPLICATES = "exact_duplicates";

  /** Every count key, in column order. */
  public static final List<String> KEYS = keys();

  private RunCounts() {}

  private static List<String> keys() {
    List<String> keys = new ArrayList<>(List.of(SALES_ROWS, PROCESSOR_ROWS, MATCHED));
    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      keys.add(kind.id());
    }
    keys.add(REJECTED);
    keys.add(EXACT_DUPLICATES);
    return List.copyOf(keys);
  }

  /** The counts of a finished run, one per key, in {@link #KEYS} order. */
  public static Map<String, Long> of(ReconciliationResult result) {
    Map<DiscrepancyKind, Long> byKind = result.counts();
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String key : KEYS) {
      counts.put(key, count(result, byKind, key));
    }
    return counts;
  }

  private static long count(
      ReconciliationResult result, Map<DiscrepancyKind, Long> byKind, String key) {
    return switch (key) {
      case SALES_ROWS -> result.sales().rowsRead();
      case PROCESSOR_ROWS -> result.processor().rowsRead();
      case MATCHED -> result.matched();
      case REJECTED -> result.rejected().size();
      case EXACT_DUPLICATES ->
          result.sales().exactDuplicates() + result.processor().exactDuplicates();
      default -> byKind.getOrDefault(DiscrepancyKind.byId(key), 0L);
    };
  }

  /** Amount at stake per kind id and currency, for the run record and alerts. */
  public static Map<String, Map<String, BigDecimal>> amounts(ReconciliationResult result) {
    Map<String, Map<String, BigDecimal>> amounts = new LinkedHashMap<>();
    result.amounts().forEach((kind, byCurrency) -> amounts.put(kind.id(), byCurrency));
    return amounts;
  }
}
