package dev.reconciler.core.settle;

import java.math.BigDecimal;

/**
 * A payment row whose gross - fee is not its net, or whose fee is off its rate-card price.
 *
 * @param reason why it is listed, reasons joined by "; "
 * @param expectedFee the rate-card price, or null when the currency is not on the card
 * @param netDifference net - (gross - fee) when that is not zero, else null
 * @param feeDifference fee - expectedFee when beyond the tolerance, else null
 * @param line the row's rowid in the processor table
 * @param atStake the larger of the two differences, as a positive amount
 */
public record FeeFinding(
    String transactionId,
    String reason,
    String currency,
    BigDecimal gross,
    BigDecimal fee,
    BigDecimal net,
    BigDecimal expectedFee,
    BigDecimal netDifference,
    BigDecimal feeDifference,
    String processorRef,
    String processedAt,
    long line,
    BigDecimal atStake)
    implements SettlementFinding {}
