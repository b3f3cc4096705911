package dev.reconciler.core.runs;

import dev.reconciler.core.ledger.LedgerFigures;
import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.match.ReconciliationResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts a run record keeps, each a reconciliation_runs column: rows read and matched, one per
 * {@link DiscrepancyKind} (its id), the rows left out, then the open-items ledger's numbers. A kind
 * added to the enum is a count and a column here without another edit.
 */
public final class RunCounts {
  public static final String SALES_ROWS = "sales_rows";
  public static final String PROCESSOR_ROWS = "processor_rows";
  public static final String MATCHED = "matched";
  public static final String REJECTED = "rejected";

  /**
   * Of the {@link #REJECTED} rows, those processor files lost at their import (the Summary's "of
   * which in processor files"); a run recorded before this count has none.
   */
  public static final String REJECTED_IN_FILES = "rejected_in_files";

  public static final String EXACT_DUPLICATES = "exact_duplicates";
  public static final String IN_TRANSIT = "in_transit";
  public static final String OPEN_ITEMS = "open_items";
  public static final String WENT_MISSING = "went_missing";
  public static final String CLEARED = "cleared";
  public static final String RESOLVED = "resolved";

  /**
   * Age in days of the oldest item open after the run, -1 when nothing is open (as {@link
   * dev.reconciler.core.ledger.LedgerOutcome#oldestAge}): not a count, but the alert reports it and
   * only the run record carries it there.
   */
  public static final String OLDEST_OPEN_DAYS = "oldest_open_days";

  /** The ledger's keys, in column order. */
  public static final List<String> LEDGER_KEYS =
      List.of(IN_TRANSIT, OPEN_ITEMS, WENT_MISSING, CLEARED, RESOLVED, OLDEST_OPEN_DAYS);

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
    keys.addAll(LEDGER_KEYS);
    // After the ledger's: a table completed in place gains it last, so new tables match.
    keys.add(REJECTED_IN_FILES);
    return List.copyOf(keys);
  }

  /** The counts of a finished run, one per key, in {@link #KEYS} order. */
  public static Map<String, Long> of(ReconciliationResult result) {
    Map<DiscrepancyKind, Long> byKind = result.counts();
    LedgerFigures ledger = LedgerFigures.of(result.ledger());
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String key : KEYS) {
      counts.put(key, count(result, byKind, ledger, key));
    }
    return counts;
  }

  private static long count(
      ReconciliationResult result,
      Map<DiscrepancyKind, Long> byKind,
      LedgerFigures ledger,
      String key) {
    return switch (key) {
      case SALES_ROWS -> result.sales().rowsRead();
      case PROCESSOR_ROWS -> result.processor().rowsRead();
      case MATCHED -> result.matched();
      case REJECTED -> result.rejectedRows();
      case REJECTED_IN_FILES -> result.rejectedInFiles();
      case EXACT_DUPLICATES ->
          result.sales().exactDuplicates() + result.processor().exactDuplicates();
      case IN_TRANSIT -> ledger.inTransit();
      case OPEN_ITEMS -> result.ledger().open().size();
      case WENT_MISSING -> ledger.wentMissing();
      case CLEARED -> result.ledger().cleared().size();
      case RESOLVED -> result.ledger().resolved().size();
      case OLDEST_OPEN_DAYS -> ledger.oldestAge();
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
