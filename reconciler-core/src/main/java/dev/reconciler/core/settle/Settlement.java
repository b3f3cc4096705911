package dev.reconciler.core.settle;

import java.util.List;

/** What the settlement rules found for one business day, each list sorted by its id. */
public record Settlement(
    List<RefundFinding> refunds,
    List<ChargebackFinding> chargebacks,
    List<FeeFinding> fees,
    List<PayoutFinding> payouts) {

  /** Nothing found: a table without row types, or a day without such rows. */
  public static Settlement none() {
    return new Settlement(List.of(), List.of(), List.of(), List.of());
  }

  /** Number of findings of all four rules. */
  public int size() {
    return refunds.size() + chargebacks.size() + fees.size() + payouts.size();
  }
}
