package dev.reconciler.core.store;

import dev.reconciler.core.imports.ProcessorRow;
import java.util.Locale;

/**
 * Lays one {@link ProcessorRow} out as the processor table stores it, in the insert's column order:
 * money as plain decimal text (never REAL), processed_at as ISO-8601 UTC text, which the payment
 * loader and its day window read as they read any row.
 */
final class ProcessorTableRow {
  private enum Field {
    PROCESSOR_REF,
    TRANSACTION_ID,
    AMOUNT,
    CURRENCY,
    FEE,
    STATUS,
    PROCESSED_AT,
    ROW_TYPE,
    RAW_TYPE,
    NET,
    PAYOUT_ID,
    ACCOUNT,
    ORIGINAL_REF,
    SOURCE_FORMAT,
    SOURCE_FILE,
    SOURCE_LINE,
    ROW_KEY
  }

  private final Field[] order;
  private final String sourceFormat;

  /** Columns are mapped by name once, so a reordered column list cannot shift values. */
  ProcessorTableRow(String[] columns, String matchKey, String sourceFormat) {
    this.order = new Field[columns.length];
    for (int i = 0; i < columns.length; i++) {
      order[i] =
          columns[i].equals(matchKey)
              ? Field.TRANSACTION_ID
              : Field.valueOf(columns[i].toUpperCase(Locale.ROOT));
    }
    this.sourceFormat = sourceFormat;
  }

  /** Writes {@code row} as row number {@code index} of the row-major {@code values}. */
  void fill(Object[] values, int index, ProcessorRow row) {
    int at = index * order.length;
    for (Field f : order) {
      values[at++] = value(f, row);
    }
  }

  private Object value(Field f, ProcessorRow row) {
    return switch (f) {
      case PROCESSOR_REF -> row.processorRef();
      case TRANSACTION_ID -> row.transactionId();
      case AMOUNT -> row.gross().toPlainString();
      case CURRENCY -> row.currency().toUpperCase(Locale.ROOT);
      case FEE -> row.fee().toPlainString();
      case STATUS -> row.status();
      case PROCESSED_AT -> row.occurredAt().toString();
      case ROW_TYPE -> row.type().id();
      case RAW_TYPE -> row.rawType();
      case NET -> row.net().toPlainString();
      case PAYOUT_ID -> row.payoutId();
      case ACCOUNT -> row.account();
      case ORIGINAL_REF -> row.originalRef();
      case SOURCE_FORMAT -> sourceFormat;
      case SOURCE_FILE -> row.sourceFile();
      case SOURCE_LINE -> row.sourceLine();
      case ROW_KEY -> row.rowKey();
    };
  }
}
