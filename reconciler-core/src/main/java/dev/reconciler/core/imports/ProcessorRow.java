package dev.reconciler.core.imports;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of a processor export, normalised: amounts signed from the merchant account's side (money
 * in is positive), so {@code net = gross - fee} holds for every row a processor reports correctly.
 *
 * <p>Signs by type: payment gross +100.00 fee 2.90 net 97.10; refund -20.00 / 0.00 / -20.00;
 * chargeback -50.00 / 15.00 / -65.00; chargeback reversal +50.00 / -15.00 / +65.00; fee row -x /
 * 0.00 / -x; payout (money leaving to the bank) -P / 0.00 / -P. The importers keep the file's own
 * numbers: a file whose net is not gross - fee is stored as it is and found by the Fees rule.
 *
 * @param rowKey the processor's own id of this row, unique within its format (Stripe the balance
 *     transaction id, PayPal the Transaction ID, Adyen a key built from merchant account, batch,
 *     type, PSP and modification reference): re-importing a row with the same key adds nothing
 * @param rawType the type as the file spells it (charge, Settled, T0006, ...), for display
 * @param transactionId our transaction id from the configured column, or null (fees, payouts)
 * @param currency ISO-4217, upper case
 * @param occurredAt when the row happened, as an instant (the file's zone or offset applied)
 * @param payoutId Stripe automatic_payout_id, Adyen batch number, PayPal the withdrawal's (T04nn)
 *     Transaction ID of the row's account section and currency (null when the row belongs to no
 *     payout)
 * @param account merchant account (Adyen Merchant Account, PayPal account id, Stripe connected
 *     account or null)
 * @param processorRef the processor's id of the row's own object (ch_/re_/du_/po_, PSP or
 *     modification reference, PayPal Transaction ID)
 * @param originalRef the processor's link to the original payment (Stripe charge_id, Adyen Psp
 *     Reference, PayPal PayPal Reference ID), or null
 * @param status as stored in the status column: "settled" for payments and every row the file
 *     reports as done; the [reconciliation] status lists must map it
 * @param sourceFile the file's name as given to the import
 * @param sourceLine the row's line in the file, 1 being the first line (the header or RH)
 */
public record ProcessorRow(
    String rowKey,
    RowType type,
    String rawType,
    String transactionId,
    BigDecimal gross,
    BigDecimal fee,
    BigDecimal net,
    String currency,
    Instant occurredAt,
    String payoutId,
    String account,
    String processorRef,
    String originalRef,
    String status,
    String sourceFile,
    long sourceLine) {

  /** The status of every row a processor reports as done; in [reconciliation] paid_statuses. */
  public static final String SETTLED = "settled";
}
