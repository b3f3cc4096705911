package dev.reconciler.core.match;

import dev.reconciler.core.ledger.LedgerOutcome;
import dev.reconciler.core.load.RejectedRow;
import dev.reconciler.core.settle.Settlement;
import dev.reconciler.core.settle.SettlementFinding;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
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
 * @param rejected the tables' rows sorted by source, then line; then the rows the imports of the
 *     day's processor files rejected, by format, file and line (each with its file)
 * @param totals per currency, sorted by code
 * @param settlement what the settlement rules found (refunds, chargebacks, fees, payouts): counted
 *     and summed with the discrepancies, but not in the match rate
 * @param ledger the open items after the run, what cleared late and what finance resolved; the
 *     missing kinds among the discrepancies are only the items that went missing on this run
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
    Settlement settlement,
    LedgerOutcome ledger) {

  /** Stands for the currency of a settlement finding whose rows name none. */
  public static final String NO_CURRENCY = "(none)";

  /**
   * How many input rows were rejected: the entries of {@link #rejected} count the rows they stand
   * for (a file's run of lines with one reason, the rows its import did not keep).
   */
  public long rejectedRows() {
    return RejectedRow.count(rejected);
  }

  /** Of {@link #rejectedRows}, those of processor files their imports rejected. */
  public long rejectedInFiles() {
    return RejectedRow.count(rejected.stream().filter(r -> r.file() != null).toList());
  }

  /**
   * The settlement findings of one of the settlement kinds ({@link
   * DiscrepancyKind#fromSettlement}).
   */
  public List<? extends SettlementFinding> settled(DiscrepancyKind kind) {
    return switch (kind) {
      case REFUND -> settlement.refunds();
      case CHARGEBACK -> settlement.chargebacks();
      case FEE -> settlement.fees();
      case PAYOUT -> settlement.payouts();
      default -> List.of();
    };
  }

  /** Number of findings of one kind. */
  public long count(DiscrepancyKind kind) {
    if (kind.fromSettlement()) {
      return settled(kind).size();
    }
    return discrepancies.stream().filter(d -> d.kind() == kind).count();
  }

  /** Counts of every kind, including zeros, in report order. */
  public Map<DiscrepancyKind, Long> counts() {
    Map<DiscrepancyKind, Long> counts = new EnumMap<>(DiscrepancyKind.class);
    for (DiscrepancyKind k : DiscrepancyKind.values()) {
      counts.put(k, 0L);
    }
    discrepancies.forEach(d -> counts.merge(d.kind(), 1L, Long::sum));
    for (DiscrepancyKind k : DiscrepancyKind.values()) {
      if (k.fromSettlement()) {
        counts.put(k, (long) settled(k).size());
      }
    }
    return counts;
  }

  /** Amount at stake per kind and currency (currencies sorted); see {@link Discrepancy#amount}. */
  public Map<DiscrepancyKind, Map<String, BigDecimal>> amounts() {
    Map<DiscrepancyKind, Map<String, BigDecimal>> amounts = new EnumMap<>(DiscrepancyKind.class);
    for (Discrepancy d : discrepancies) {
      amounts
          .computeIfAbsent(d.kind(), k -> new TreeMap<>())
          .merge(d.currency(), d.amount(), BigDecimal::add);
    }
    for (DiscrepancyKind k : DiscrepancyKind.values()) {
      for (SettlementFinding f : k.fromSettlement() ? settled(k) : List.<SettlementFinding>of()) {
        String currency = f.currency() == null ? NO_CURRENCY : f.currency();
        amounts
            .computeIfAbsent(k, x -> new TreeMap<>())
            .merge(currency, f.atStake(), BigDecimal::add);
      }
    }
    return amounts;
  }

  /** Total number of findings, duplicates and settlement findings included. */
  public long discrepancyCount() {
    return discrepancies.size() + settlement.size();
  }

  /**
   * Matched pairs as a percentage of the transactions that should have matched (matched plus every
   * finding except duplicate-id rows, whose canonical row is counted elsewhere), or null when there
   * was nothing to match. Settlement findings do not count: they are about refunds, disputes, fees
   * and payouts, not about whether a payment matched its sale.
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
