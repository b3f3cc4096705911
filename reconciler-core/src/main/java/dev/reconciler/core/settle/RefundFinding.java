package dev.reconciler.core.settle;

import java.math.BigDecimal;

/**
 * A transaction refunded at the processor that our sales do not show as refunded, or refunded
 * beyond the sale.
 *
 * @param transactionId our id (null when the refund names none and links to no payment we hold)
 * @param reason why it is listed, reasons joined by "; "
 * @param saleStatus the sale's status as stored, or null when the sale is unknown
 * @param saleAmount the sale's amount, or null when unknown or not a number
 * @param refunded the refunds of every date together, as a positive amount
 * @param currency the refunds' currency
 * @param refundRefs the refund rows' processor refs, ", " between them
 * @param firstAt processed_at of the first refund row
 * @param lastAt processed_at of the last refund row
 * @param atStake the whole refund when the sale is unknown or still paid, else the excess
 */
public record RefundFinding(
    String transactionId,
    String reason,
    String saleStatus,
    BigDecimal saleAmount,
    BigDecimal refunded,
    String currency,
    String refundRefs,
    String firstAt,
    String lastAt,
    BigDecimal atStake)
    implements SettlementFinding {}
