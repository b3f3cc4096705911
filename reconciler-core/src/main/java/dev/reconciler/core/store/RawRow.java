package dev.reconciler.core.store;

import dev.reconciler.core.domain.Source;

/**
 * One input row exactly as its source spells it, every field as text (SQLite's own rendering of
 * numbers; an inexact REAL marked, see {@link RowFields#isInexactReal}); null where the row or its
 * side has no value.
 *
 * @param line the row's line (see {@link InputSource})
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
    String fee) {

  /** The text of one field. */
  public String value(InputField field) {
    return switch (field) {
      case ID -> id;
      case AMOUNT -> amount;
      case CURRENCY -> currency;
      case STATUS -> status;
      case TIMESTAMP -> timestamp;
      case REFERENCE -> reference;
      case CUSTOMER -> customerId;
      case FEE -> fee;
    };
  }
}
