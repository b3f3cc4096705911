package dev.reconciler.core.match;

/**
 * The kinds of finding a reconciliation reports, in report order. The first six come from matching
 * payments with sales (a sale and/or a processor row each); the last four from the settlement rules
 * over the processor's other rows ({@link #fromSettlement()}).
 */
public enum DiscrepancyKind {
  MISSING_IN_PROCESSOR("missing_in_processor", "Missing in Processor"),
  MISSING_IN_SALES("missing_in_sales", "Missing in Sales"),
  AMOUNT_MISMATCH("amount_mismatch", "Amount Mismatch"),
  FAILED_PAYMENT("failed_payment", "Failed Payments"),
  CURRENCY_MISMATCH("currency_mismatch", "Currency Mismatch"),
  DUPLICATE_ID("duplicate_id", "Duplicate IDs"),
  REFUND("refund", "Refunds"),
  CHARGEBACK("chargeback", "Chargebacks"),
  FEE("fee", "Fees"),
  PAYOUT("payout", "Payouts");

  private final String id;
  private final String label;

  DiscrepancyKind(String id, String label) {
    this.id = id;
    this.label = label;
  }

  /** Stable identifier used in config, ground truth and alerts. */
  public String id() {
    return id;
  }

  /** Sheet title and summary label. */
  public String label() {
    return label;
  }

  /**
   * True for the kinds the settlement rules find (refunds, chargebacks, fees, payouts): they are no
   * sales/processor pair and do not count in the match rate.
   */
  public boolean fromSettlement() {
    return compareTo(REFUND) >= 0;
  }

  /** The kind with this id, or null. */
  public static DiscrepancyKind byId(String id) {
    for (DiscrepancyKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    return null;
  }
}
