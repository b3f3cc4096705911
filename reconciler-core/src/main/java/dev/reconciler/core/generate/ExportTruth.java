package dev.reconciler.core.generate;

import java.util.List;
import java.util.Map;

/**
 * What a generated export file holds and what reconciling it after import must find, beyond the
 * findings list of {@link GroundTruth}.
 *
 * @param format stripe, adyen or paypal
 * @param file the export's file name
 * @param rateCard the card the payment fees follow, spelled as {@code [fees] rate_card}; configure
 *     it (with {@code [fees] tolerance} below 1.00) to have off-card fees found
 * @param droppedKinds kinds an export cannot carry: failed_payment (settlement files list settled
 *     money only)
 * @param importCounts rows the import must insert per row type ({@code RowType.id()}), none
 *     rejected
 * @param chargebacks every disputed transaction, by transaction id, with its outcome
 * @param payouts every payout of the file, in file order
 * @param sheetIds per kind id (every {@code DiscrepancyKind} plus refund, chargeback, fee, payout),
 *     the distinct ids its sheet must list, sorted: transaction ids, and payout ids for payout
 */
public record ExportTruth(
    String format,
    String file,
    String rateCard,
    List<String> droppedKinds,
    Map<String, Long> importCounts,
    List<Chargeback> chargebacks,
    List<Payout> payouts,
    Map<String, List<String>> sheetIds) {

  /**
   * One disputed payment: a chargeback row for its whole amount (fee 15.00, or 1500 yen, except
   * PayPal, which bills it apart) and, when {@code reversed}, the reversal that gives it back (the
   * dispute was won; Stripe also returns the fee, Adyen keeps it). Not reversed: still open, which
   * the file cannot tell from lost. Adyen only: some reversed disputes are charged back again with
   * a SecondChargeback row (same amount, no new fee), and so lost.
   *
   * @param status won, lost or open, as the Chargebacks sheet says it
   * @param fee the dispute rows' fees together, plain decimal
   * @param net the dispute rows' nets together, plain decimal; minus it (or zero) is the amount at
   *     stake the Summary adds up
   */
  public record Chargeback(
      String transactionId,
      String currency,
      String amount,
      boolean reversed,
      String status,
      String fee,
      String net) {}

  /**
   * One payout.
   *
   * @param payoutId as the Payouts sheet shows it: Stripe po_..., Adyen the batch number, PayPal
   *     the T0400 Transaction ID, or for a PayPal payout not in file the import's provisional id
   * @param rows the payout's other rows (batch fee rows included)
   * @param expected the net sum of those rows, plain decimal
   * @param reported what the payout row pays out (Stripe -net, Adyen MerchantPayout Net Debit,
   *     PayPal T0400 gross as a debit), or null when the row is not in the file
   * @param status ok, mismatch or not_in_file; the Payouts sheet lists mismatch and not_in_file
   */
  public record Payout(
      String payoutId,
      String account,
      String currency,
      long rows,
      String expected,
      String reported,
      String status) {}
}
