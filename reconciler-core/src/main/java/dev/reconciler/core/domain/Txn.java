package dev.reconciler.core.domain;

import java.math.BigDecimal;

/**
 * One cleaned input row as shown in a report.
 *
 * @param line the row's line in its source (SQLite: the rowid): what an operator uses to find it
 * @param reference order_id for a sale, processor_ref for a processor row
 * @param customerId sales only, else null
 * @param fee processor only, else null
 */
public record Txn(
    Source source,
    long line,
    String transactionId,
    BigDecimal amount,
    String currency,
    String status,
    String timestamp,
    String reference,
    String customerId,
    BigDecimal fee) {}
