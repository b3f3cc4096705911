package dev.reconciler.core.store;

import java.util.function.Consumer;

/**
 * Many rows read as ONE byte string that SQLite concatenates: rows separated by U+001D, and within
 * a row the rowid and then the columns read separated by U+001F (a NULL column is a lone U+001E). A
 * JNI call and a Java string per row cost more than the rest of the read; one per few thousand rows
 * costs nothing. Fields a side does not have, or a read does not want, are not packed at all: three
 * constant fields per row cost SQLite ~15% more work. One instance splits chunk after chunk,
 * reusing its arrays.
 */
final class PackedChunk {
  static final byte ROW_SEPARATOR = 0x1d;
  private static final byte FIELD_SEPARATOR = PackedRow.SEPARATOR;

  private final String expression;

  /**
   * The {@link InputField#ordinal()} of each packed field, and of each field that is always null.
   */
  private final int[] packed;

  private final int[] absent;
  private final int stride;
  private long[] lines = new long[0];

  /** Per row, where each field starts, and where the row ends. */
  private int[] bounds = new int[0];

  private int rows;

  /** For rows of the {@code columns} selected. */
  PackedChunk(SelectedColumns columns) {
    String fields = columns.join(", ", column -> "ifnull(" + column + ", char(30))");
    expression = "concat_ws(char(31), rowid, " + fields + ")";
    packed = columns.ordinals();
    absent = columns.absentOrdinals();
    stride = packed.length + 1;
  }

  /** The SQL expression packing one row: its rowid, then the columns it has. */
  String rowExpression() {
    return expression;
  }

  /**
   * Splits {@code chunk} and returns true when it holds exactly {@code expected} rows of the
   * expected shape, in increasing rowid order after {@code after}. Separators are never produced
   * inside a field, so a row with a separator too many or too few means a value contains a
   * separator character, and the chunk must be read row by row instead. The order is checked rather
   * than trusted: SQLite does not promise group_concat's order, and asking for it (ORDER BY in the
   * aggregate) doubles the read's cost.
   */
  boolean split(byte[] chunk, int expected, long after) {
    if (lines.length < expected) {
      lines = new long[expected];
      bounds = new int[expected * stride];
    }
    rows = 0;
    long previous = after;
    int at = 0;
    int end = chunk.length;
    for (int row = 0; row < expected; row++) {
      int start = at;
      boolean negative = at < end && chunk[at] == '-';
      long line = 0;
      for (at += negative ? 1 : 0; at < end && chunk[at] >= '0' && chunk[at] <= '9'; at++) {
        line = line * 10 + (chunk[at] - '0');
      }
      line = negative ? -line : line;
      if (at == start || at == end || chunk[at] != FIELD_SEPARATOR || line <= previous) {
        return false;
      }
      previous = line;
      lines[row] = line;
      int base = row * stride;
      for (int field = 0; field < packed.length; field++) {
        bounds[base + field] = ++at;
        while (at < end && chunk[at] != FIELD_SEPARATOR && chunk[at] != ROW_SEPARATOR) {
          at++;
        }
        boolean last = field == packed.length - 1;
        boolean fieldEnds = at < end && chunk[at] == FIELD_SEPARATOR;
        if (fieldEnds == last) {
          return false;
        }
      }
      bounds[base + packed.length] = at;
      at++;
    }
    rows = expected;
    return at == end + 1;
  }

  /** The rowid of the last row of the last chunk {@link #split} accepted. */
  long lastLine() {
    return lines[rows - 1];
  }

  /**
   * Hands each row of the last chunk {@link #split} accepted to {@code sink}, in one reused view.
   */
  void forEachRow(byte[] chunk, RowFields fields, Consumer<RowFields> sink) {
    for (int field : absent) {
      fields.setNull(field);
    }
    for (int row = 0; row < rows; row++) {
      fields.reset(chunk, lines[row]);
      int base = row * stride;
      for (int k = 0; k < packed.length; k++) {
        int start = bounds[base + k];
        int stop = k == packed.length - 1 ? bounds[base + k + 1] : bounds[base + k + 1] - 1;
        if (stop - start == 1 && chunk[start] == PackedRow.NULL) {
          fields.setNull(packed[k]);
        } else {
          fields.set(packed[k], start, stop);
        }
      }
      sink.accept(fields);
    }
  }
}
