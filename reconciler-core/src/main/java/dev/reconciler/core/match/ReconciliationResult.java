package dev.reconciler.core.match;

import dev.reconciler.core.load.RejectedRow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one reconciliation found, in deterministic order.
 *
 * @param database where the input came from, as shown on the Summary sheet
 * @param matched id pairs that agree within tolerance
 * @param unsettledSales sales not paid (pending, cancelled, ...) with no processor row: nothing was
 *     expected to settle, so they are counted, not reported
 * @param discrepancies sorted by kind, then transaction id, then source line
 * @param rejected sorted by source, then line
 * @param totals per currency, sorted by code
 * @param counts findings of every kind, zeros included, in report order (derived from the
 *     discrepancies, once: the report, the run record and the console all show them)
 * @param amounts amount at stake per kind and currency, currencies sorted (derived likewise); see
 *     {@link Discrepancy#amount}
 */
public record ReconciliationResult(
    String runId,
    LocalDate businessDate,
    String database,
    SourceStats sales,
    SourceStats processor,
    long matched,
    long unsettledSales,
    List<Discrepancy> discrepancies,
    List<RejectedRow> rejected,
    List<CurrencyTotal> totals,
    Map<DiscrepancyKind, Long> counts,
    Map<DiscrepancyKind, Map<String, BigDecimal>> amounts) {

  /** A result whose counts and amounts are worked out from its discrepancies. */
  public ReconciliationResult(
      String runId,
      LocalDate businessDate,
      String database,
      SourceStats sales,
      SourceStats processor,
      long matched,
      long unsettledSales,
      List<Discrepancy> discrepancies,
      List<RejectedRow> rejected,
      List<CurrencyTotal> totals) {
    this(
        runId,
        businessDate,
        database,
        sales,
        processor,
        matched,
        unsettledSales,
        discrepancies,
        rejected,
        totals,
        countsOf(discrepancies),
        amountsOf(discrepancies));
  }

  /** Number of findings of one kind. */
  public long count(DiscrepancyKind kind) {
    return counts.get(kind);
  }

  private static Map<DiscrepancyKind, Long> countsOf(List<Discrepancy> discrepancies) {
    Map<DiscrepancyKind, Long> counts = new EnumMap<>(DiscrepancyKind.class);
    for (DiscrepancyKind k : DiscrepancyKind.values()) {
      counts.put(k, 0L);
    }
    discrepancies.forEach(d -> counts.merge(d.kind(), 1L, Long::sum));
    return Collections.unmodifiableMap(counts);
  }

  private static Map<DiscrepancyKind, Map<String, BigDecimal>> amountsOf(
      List<Discrepancy> discrepancies) {
    Map<DiscrepancyKind, Map<String, BigDecimal>> amounts = new EnumMap<>(DiscrepancyKind.class);
    for (Discrepancy d : discrepancies) {
      amounts
          .computeIfAbsent(d.kind(), k -> new TreeMap<>())
          .merge(d.currency(), d.amount(), BigDecimal::add);
    }
    amounts.replaceAll((kind, byCurrency) -> Collections.unmodifiableMap(byCurrency));
    return Collections.unmodifiableMap(amounts);
  }

  /** Total number of findings, duplicates included. */
  public long discrepancyCount() {
    return discrepancies.size();
  }

  /**
   * Matched pairs as a percentage of the transactions that should have matched (matched plus every
   * finding except duplicate-id rows, whose canonical row is counted elsewhere), or null when there
   * was nothing to match.
   */
  public BigDecimal matchRatePercent() {
    long findings = discrepancies.size() - count(DiscrepancyKind.DUPLICATE_ID);
    long denominator = matched + findings;
    if (denominator == 0) {
      return null;
    }
    return BigDecimal.valueOf(matched * 100L)
        .divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_EVEN);
  }
}
