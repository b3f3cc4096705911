package dev.reconciler.core.imports;

/** What one row of a processor export is, as stored in the processor table's row_type column. */
public enum RowType {
  PAYMENT("payment"),
  REFUND("refund"),
  CHARGEBACK("chargeback"),
  CHARGEBACK_REVERSAL("chargeback_reversal"),
  FEE("fee"),
  PAYOUT("payout"),
  OTHER("other");

  private final String id;

  RowType(String id) {
    this.id = id;
  }

  /** The value stored in row_type and printed by the import. */
  public String id() {
    return id;
  }

  /**
   * Whether a row of this type must carry our transaction id: payments, refunds and chargebacks are
   * about one sale; fees, payouts and other rows are about the account.
   */
  public boolean needsTransactionId() {
    return this == PAYMENT || this == REFUND || this == CHARGEBACK || this == CHARGEBACK_REVERSAL;
  }

  /** The type with this id, or null. */
  public static RowType byId(String id) {
    for (RowType t : values()) {
      if (t.id.equals(id)) {
        return t;
      }
    }
    return null;
  }
}
