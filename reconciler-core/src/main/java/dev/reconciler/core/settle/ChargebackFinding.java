package dev.reconciler.core.settle;

import java.math.BigDecimal;

/**
 * A transaction with a chargeback or chargeback-reversal row on the day, with all its dispute rows
 * of any date.
 *
 * @param transactionId our id, or null when the rows name none and link to no payment we hold
 * @param status "lost" (Adyen SecondChargeback), "won" (a reversal), else "open"
 * @param disputed the chargebacks' gross taken back, as a positive amount
 * @param fee the chargeback fees (reversals' fee refunds subtracted)
 * @param reversed the reversals' gross returned, as a positive amount
 * @param net the net of every dispute row together (negative: money lost so far)
 * @param refs the rows' processor refs, ", " between them
 * @param atStake what the disputes cost so far: minus the net, or zero
 */
public record ChargebackFinding(
    String transactionId,
    String status,
    String currency,
    BigDecimal disputed,
    BigDecimal fee,
    BigDecimal reversed,
    BigDecimal net,
    String refs,
    String firstAt,
    String lastAt,
    BigDecimal atStake)
    implements SettlementFinding {}
