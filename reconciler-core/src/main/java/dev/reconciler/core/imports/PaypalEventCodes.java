package dev.reconciler.core.imports;

/**
 * What a PayPal transaction event code (T-code, "T" and four digits) is to the reconciler. PayPal
 * has hundreds of codes; the ones the rules need are named here and every other well-formed one is
 * "other", so a new code PayPal adds is imported and counted, while a malformed one is rejected.
 *
 * <p>T1106, "payment reversal, initiated by PayPal", is a refund: the sale's money went back to the
 * buyer outside a dispute of ours, and the Refunds rule is what should flag a sale still recorded
 * as paid. Its raw type keeps it apart from T1107, a refund the merchant made.
 */
final class PaypalEventCodes {
  private PaypalEventCodes() {}

  /** Whether {@code code} has the shape of a T-code. */
  static boolean isWellFormed(String code) {
    if (code.length() != 5 || code.charAt(0) != 'T') {
      return false;
    }
    for (int i = 1; i < 5; i++) {
      char c = code.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The row type of a well-formed {@code code} whose gross moved in ({@code credit}) or out. */
  static RowType type(String code, boolean credit) {
    if (code.startsWith("T00")) {
      // T00nn debits are payments the account sent, not sales it received.
      return credit ? RowType.PAYMENT : RowType.OTHER;
    }
    if (isWithdrawal(code)) {
      // A credit is a withdrawal coming back, not the section's payout.
      return credit ? RowType.OTHER : RowType.PAYOUT;
    }
    return switch (code) {
      case "T1106", "T1107" -> RowType.REFUND;
      case "T1201" -> RowType.CHARGEBACK;
      case "T1202" -> RowType.CHARGEBACK_REVERSAL;
      case "T0106" -> RowType.FEE;
      default -> RowType.OTHER;
    };
  }

  /**
   * Whether {@code code} is a withdrawal from the PayPal account to the bank: the T04nn group,
   * "bank withdrawal from PayPal account" (T0400 general, T0401 AutoSweep, T0403 manual, ...),
   * which PayPal says is what reconciliation should go by. An account set to sweep its balance
   * automatically is paid out by T0401, never T0400.
   */
  static boolean isWithdrawal(String code) {
    return code.startsWith("T04");
  }
}
