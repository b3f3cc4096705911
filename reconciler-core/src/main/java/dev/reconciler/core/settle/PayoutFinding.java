package dev.reconciler.core.settle;

import java.math.BigDecimal;

/**
 * A payout whose rows do not add up to its amount, or whose own row is not in the file.
 *
 * @param payoutId Stripe po_ id, Adyen batch number, PayPal withdrawal (T04nn) Transaction ID
 * @param expected the net of the payout's other rows together
 * @param reported the amount paid out (minus the payout row's net), or null when not in the file
 * @param difference reported - expected, or null when not in the file
 * @param note "mismatch", "amount not in file", or what could not be read
 * @param rows number of the payout's other rows
 * @param at processed_at of the payout row, else of the latest other row
 * @param atStake the difference, or the expected amount when not in the file, as a positive amount
 */
public record PayoutFinding(
    String payoutId,
    String account,
    String currency,
    BigDecimal expected,
    BigDecimal reported,
    BigDecimal difference,
    String note,
    long rows,
    String at,
    BigDecimal atStake)
    implements SettlementFinding {}
