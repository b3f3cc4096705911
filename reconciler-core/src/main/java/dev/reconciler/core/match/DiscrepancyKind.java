package dev.reconciler.core.match;

/** The kinds of finding a reconciliation reports, in report order. */
public enum DiscrepancyKind {
  MISSING_IN_PROCESSOR("missing_in_processor", "Missing in Processor"),
  MISSING_IN_SALES("missing_in_sales", "Missing in Sales"),
  AMOUNT_MISMATCH("amount_mismatch", "Amount Mismatch"),
  FAILED_PAYMENT("failed_payment", "Failed Payments"),
  CURRENCY_MISMATCH("currency_mismatch", "Currency Mismatch"),
  DUPLICATE_ID("duplicate_id", "Duplicate IDs");

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
