package dev.reconciler.core.imports;

import java.util.Map;

/**
 * What each Type of Adyen's settlement details report is to the reconciler. The list is Adyen's
 * documented one; a Type outside it is rejected rather than guessed, so a new kind of money
 * movement shows up in the import summary instead of vanishing into "other".
 *
 * <p>Decisions worth knowing: SecondChargeback is a chargeback (its raw type stays, and the rules
 * read it as the dispute lost); RefundedReversed, a refund the bank sent back, is other, as
 * Stripe's refund_failure is: counted as a refund it would make a failed refund look like money
 * given back; PaidOut and PaidOutReversed are other too: a batch's own payout is its MerchantPayout
 * row, and a second payout row would give one batch two payouts.
 */
final class AdyenTypes {
  private AdyenTypes() {}

  private static final Map<String, RowType> TYPES =
      Map.ofEntries(
          Map.entry("Settled", RowType.PAYMENT),
          Map.entry("Refunded", RowType.REFUND),
          Map.entry("RefundedReversed", RowType.OTHER),
          Map.entry("Chargeback", RowType.CHARGEBACK),
          Map.entry("SecondChargeback", RowType.CHARGEBACK),
          Map.entry("ChargebackReversed", RowType.CHARGEBACK_REVERSAL),
          Map.entry("Fee", RowType.FEE),
          Map.entry("MiscCosts", RowType.FEE),
          Map.entry("PaymentCost", RowType.FEE),
          Map.entry("InvoiceDeduction", RowType.FEE),
          Map.entry("MerchantPayout", RowType.PAYOUT),
          Map.entry("DepositCorrection", RowType.OTHER),
          Map.entry("MatchedStatement", RowType.OTHER),
          Map.entry("ManualCorrected", RowType.OTHER),
          Map.entry("BankInstructionReturned", RowType.OTHER),
          Map.entry("EpaPaid", RowType.OTHER),
          Map.entry("Balancetransfer", RowType.OTHER),
          Map.entry("PaidOut", RowType.OTHER),
          Map.entry("PaidOutReversed", RowType.OTHER));

  /** The row type of Adyen's {@code type}, or null when Adyen does not document it. */
  static RowType of(String type) {
    return TYPES.get(type);
  }

  /**
   * Whether the row's fee is the sum of the fee columns (Commission, Markup, Scheme Fees,
   * Interchange): so for the rows Adyen prices that way, a payment and a chargeback. Other rows
   * carry their fee, if any, only as the difference between gross and net.
   */
  static boolean feeFromColumns(String type) {
    return type.equals("Settled") || type.equals("Chargeback") || type.equals("SecondChargeback");
  }
}
