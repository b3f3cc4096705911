package dev.reconciler.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.reconciler.core.domain.Source;

/**
 * One input row's {@link InputField}s as ranges of a UTF-8 byte buffer, indexed by the field's
 * ordinal. The bulk load reuses one instance for every row, so reading a million rows makes no
 * object per row or field; text is decoded only where it is shown (a rejection, a report row).
 */
public final class RowFields {
  private static final int COUNT = InputField.COUNT;

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
    String[] values = new String[COUNT];
    for (InputField field : InputField.values()) {
      values[field.ordinal()] = row.value(field);
    }
    return of(row.source(), row.line(), values);
  }

  /** The fields of a row from their text, indexed by {@link InputField#ordinal()}. */
  static RowFields of(Source source, long line, String[] values) {
    byte[][] encoded = new byte[COUNT][];
    int length = 0;
    for (int i = 0; i < COUNT; i++) {
      encoded[i] = values[i] == null ? null : values[i].getBytes(UTF_8);
      length += encoded[i] == null ? 0 : encoded[i].length;
    }
    RowFields fields = new RowFields(source);
    fields.bytes = new byte[length];
    fields.line = line;
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

  /** Sets the field of ordinal {@code field}. */
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

  /** The row's line (see {@link InputSource}). */
  public long line() {
    return line;
  }

  /** The buffer the ranges index; valid until the next row. */
  public byte[] bytes() {
    return bytes;
  }

  public boolean isNull(InputField field) {
    return starts[field.ordinal()] < 0;
  }

  /** First byte of a non-null field. */
  public int start(InputField field) {
    return starts[field.ordinal()];
  }

  /** End (exclusive) of a non-null field. */
  public int end(InputField field) {
    return ends[field.ordinal()];
  }

  /** The field as text, or null. */
  public String text(InputField field) {
    int i = field.ordinal();
    return starts[i] < 0 ? null : new String(bytes, starts[i], ends[i] - starts[i], UTF_8);
  }

  /**
   * Whether a money field holds a REAL that no decimal of 15 significant digits spells: not an
   * amount anyone wrote, so not to be read as one (see {@link RealAmounts}). Its text is then the
   * mark followed by SQLite's 17-digit spelling, which {@link #inexactRealText} gives.
   */
  public boolean isInexactReal(InputField field) {
    int i = field.ordinal();
    return field.isMoney() && ends[i] > starts[i] && bytes[starts[i]] == RealAmounts.INEXACT;
  }

  /** The spelling of an {@link #isInexactReal} field, without its mark. */
  public String inexactRealText(InputField field) {
    return text(field).substring(1);
  }

  /** The row as text, for the places that keep or show it. */
  public RawRow toRawRow() {
    return new RawRow(
        source,
        line,
        text(InputField.ID),
        text(InputField.AMOUNT),
        text(InputField.CURRENCY),
        text(InputField.STATUS),
        text(InputField.TIMESTAMP),
        text(InputField.REFERENCE),
        text(InputField.CUSTOMER),
        text(InputField.FEE));
  }
}
