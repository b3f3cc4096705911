package dev.reconciler.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.reconciler.core.domain.Source;

/**
 * One input row's columns as ranges of a UTF-8 byte buffer, in {@link RawRow} order. The bulk load
 * reuses one instance for every row, so reading a million rows makes no object per row or column;
 * text is decoded only where it is shown (a rejection, a report row).
 */
public final class RowFields {
  public static final int ID = 0;
  public static final int AMOUNT = 1;
  public static final int CURRENCY = 2;
  public static final int STATUS = 3;
  public static final int TIMESTAMP = 4;
  public static final int REFERENCE = 5;
  public static final int CUSTOMER = 6;
  public static final int FEE = 7;

  /** Number of columns, as in {@link InputSchema#columns}. */
  public static final int COUNT = 8;

  private final Source source;
  private byte[] bytes;
  private final int[] starts = new int[COUNT];
  private final int[] ends = new int[COUNT];
  private long line;

  public RowFields(Source source) {
    this.source = source;
  }

  /** The fields of a row read as text (tests, the report's rows, rows read column by column). */
  public static RowFields of(RawRow row) {
    String[] values = {
      row.id(),
      row.amount(),
      row.currency(),
      row.status(),
      row.timestamp(),
      row.reference(),
      row.customerId(),
      row.fee()
    };
    byte[][] encoded = new byte[COUNT][];
    int length = 0;
    for (int i = 0; i < COUNT; i++) {
      encoded[i] = values[i] == null ? null : values[i].getBytes(UTF_8);
      length += encoded[i] == null ? 0 : encoded[i].length;
    }
    RowFields fields = new RowFields(row.source());
    fields.bytes = new byte[length];
    fields.line = row.line();
    int at = 0;
    for (int i = 0; i < COUNT; i++) {
      if (encoded[i] == null) {
        fields.setNull(i);
      } else {
        System.arraycopy(encoded[i], 0, fields.bytes, at, encoded[i].length);
        fields.set(i, at, at + encoded[i].length);
        at += encoded[i].length;
      }
    }
    return fields;
  }

  void reset(byte[] bytes, long line) {
    this.bytes = bytes;
    this.line = line;
  }

  void set(int field, int start, int end) {
    starts[field] = start;
    ends[field] = end;
  }

  void setNull(int field) {
    starts[field] = -1;
    ends[field] = -1;
  }

  public Source source() {
    return source;
  }

  /** The rowid. */
  public long line() {
    return line;
  }

  /** The buffer the ranges index; valid until the next row. */
  public byte[] bytes() {
    return bytes;
  }

  public boolean isNull(int field) {
    return starts[field] < 0;
  }

  /** First byte of a non-null field. */
  public int start(int field) {
    return starts[field];
  }

  /** End (exclusive) of a non-null field. */
  public int end(int field) {
    return ends[field];
  }

  /** The field as text, or null. */
  public String text(int field) {
    return isNull(field)
        ? null
        : new String(bytes, starts[field], ends[field] - starts[field], UTF_8);
  }

  /** The row as text, for the places that keep or show it. */
  public RawRow toRawRow() {
    return new RawRow(
        source,
        line,
        text(ID),
        text(AMOUNT),
        text(CURRENCY),
        text(STATUS),
        text(TIMESTAMP),
        text(REFERENCE),
        text(CUSTOMER),
        text(FEE));
  }
}
