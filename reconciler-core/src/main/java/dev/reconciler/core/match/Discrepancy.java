package dev.reconciler.core.match;

import dev.reconciler.core.domain.Txn;
import java.math.BigDecimal;

/**
 * One finding.
 *
 * @param sale the sales row, or null when the finding has none
 * @param processor the processor row, or null when the finding has none
 * @param difference processor amount minus sale amount for amount mismatches, else null
 */
public record Discrepancy(
    DiscrepancyKind kind, String transactionId, Txn sale, Txn processor, BigDecimal difference) {

  /** The amount this finding puts at stake: the sale's, else the processor's. */
  public BigDecimal amount() {
    if (kind == DiscrepancyKind.AMOUNT_MISMATCH) {
      return difference.abs();
    }
    return sale != null ? sale.amount() : processor.amount();
  }

  /** Currency of {@link #amount()}. */
  public String currency() {
    return sale != null ? sale.currency() : processor.currency();
  }
}
