package dev.reconciler.core.store;

import java.util.function.Consumer;

/**
 * Many rows read as ONE byte string that SQLite concatenates: rows separated by U+001D, and within
 * a row the rowid and then the {@link RowFields#COUNT} columns separated by U+001F (a NULL column
 * is a lone U+001E). A JNI call and a Java string per row cost more than the rest of the read; one
 * per few thousand rows costs nothing.
 */
final class PackedChunk {
  static final byte ROW_SEPARATOR = 0x1d;

  private PackedChunk() {}

  /** The SQL expression packing one row: its rowid, then {@code columns}. */
  static String rowExpression(java.util.List<String> columns) {
    StringBuilder sql = new StringBuilder("concat_ws(char(31), rowid");
    for (String column : columns) {
      sql.append(", ifnull(").append(column).append(", char(30))");
    }
    return sql.append(')').toString();
  }

  /**
   * True when {@code chunk} holds exactly {@code rows} rows of the expected shape, in increasing
   * rowid order after {@code after}. Separators are never produced inside a field, so a row with a
   * separator too many or too few means a value contains a separator character, and the chunk must
   * be read row by row instead. The order is checked rather than trusted: SQLite does not promise
   * group_concat's order, and asking for it (ORDER BY in the aggregate) doubles the read's cost.
   */
  static boolean isWellFormed(byte[] chunk, int rows, long after) {
    long previous = after;
    int at = 0;
    for (int row = 0; row < rows; row++) {
      int start = at;
      boolean negative = at < chunk.length && chunk[at] == '-';
      long line = 0;
      for (at += negative ? 1 : 0; at < chunk.length && isDigit(chunk[at]); at++) {
        line = line * 10 + (chunk[at] - '0');
      }
      line = negative ? -line : line;
      if (at == start
          || at >= chunk.length
          || chunk[at] != PackedRow.SEPARATOR
          || line <= previous) {
        return false;
      }
      previous = line;
      int separators = 0;
      for (; at < chunk.length && chunk[at] != ROW_SEPARATOR; at++) {
        separators += chunk[at] == PackedRow.SEPARATOR ? 1 : 0;
      }
      if (separators != RowFields.COUNT) {
        return false;
      }
      at++;
    }
    return at == chunk.length + 1;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  /** Hands each row of a well-formed chunk to {@code sink}, in one reused {@code fields}. */
  static void forEachRow(byte[] chunk, RowFields fields, Consumer<RowFields> sink) {
    int at = 0;
    while (at < chunk.length) {
      long line = 0;
      boolean negative = chunk[at] == '-';
      for (at += negative ? 1 : 0; chunk[at] != PackedRow.SEPARATOR; at++) {
        line = line * 10 + (chunk[at] - '0');
      }
      fields.reset(chunk, negative ? -line : line);
      for (int field = 0; field < RowFields.COUNT; field++) {
        int start = ++at;
        while (at < chunk.length
            && chunk[at] != PackedRow.SEPARATOR
            && chunk[at] != ROW_SEPARATOR) {
          at++;
        }
        if (at - start == 1 && chunk[start] == PackedRow.NULL) {
          fields.setNull(field);
        } else {
          fields.set(field, start, at);
        }
      }
      sink.accept(fields);
      at++;
    }
  }
}
