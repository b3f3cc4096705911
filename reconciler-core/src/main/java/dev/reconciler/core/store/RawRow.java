package dev.reconciler.core.store;

import dev.reconciler.core.domain.Source;

/**
 * One input row exactly as stored, every column as text (SQLite's own rendering of numbers).
 *
 * @param line the rowid
 * @param reference order_id (sales) or processor_ref (processor)
 * @param customerId sales only
 * @param fee processor only
 */
public record RawRow(
    Source source,
    long line,
    String id,
    String amount,
    String currency,
    String status,
    String timestamp,
    String reference,
    String customerId,
    String fee) {}
