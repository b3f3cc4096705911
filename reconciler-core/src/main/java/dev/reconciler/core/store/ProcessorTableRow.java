package dev.reconciler.core.store;

import dev.reconciler.core.imports.ProcessorRow;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
    SOURCE_LINE,
    ROW_KEY
  }

  private final Field[] order;

  /**
   * Columns are mapped by name once, so a reordered column list cannot shift values. The import's
   * format and file name are not among them: they are the same on every row (see {@link
   * ProcessorImportWriter}).
   */
  ProcessorTableRow(String[] columns, String matchKey) {
    this.order = new Field[columns.length];
    for (int i = 0; i < columns.length; i++) {
      order[i] =
          columns[i].equals(matchKey)
              ? Field.TRANSACTION_ID
              : Field.valueOf(columns[i].toUpperCase(Locale.ROOT));
    }
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
      case PROCESSED_AT -> utc(row.occurredAt());
      case ROW_TYPE -> row.type().id();
      case RAW_TYPE -> row.rawType();
      case NET -> row.net().toPlainString();
      case PAYOUT_ID -> row.payoutId();
      case ACCOUNT -> row.account();
      case ORIGINAL_REF -> row.originalRef();
      case SOURCE_LINE -> row.sourceLine();
      case ROW_KEY -> row.rowKey();
    };
  }

  /**
   * The instant as {@link Instant#toString} writes it, yyyy-MM-ddTHH:mm:ssZ for whole seconds in
   * years 0000 to 9999, without its formatter: one small string per row on the parsing thread.
   */
  static String utc(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (instant.getNano() != 0 || seconds < YEAR_0 || seconds >= YEAR_10000) {
      return instant.toString();
    }
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    char[] c = new char[20];
    digits(c, 0, t.getYear(), 4);
    c[4] = '-';
    digits(c, 5, t.getMonthValue(), 2);
    c[7] = '-';
    digits(c, 8, t.getDayOfMonth(), 2);
    c[10] = 'T';
    digits(c, 11, t.getHour(), 2);
    c[13] = ':';
    digits(c, 14, t.getMinute(), 2);
    c[16] = ':';
    digits(c, 17, t.getSecond(), 2);
    c[19] = 'Z';
    return new String(c);
  }

  private static final long YEAR_0 = -62167219200L;
  private static final long YEAR_10000 = 253402300800L;

  private static void digits(char[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
