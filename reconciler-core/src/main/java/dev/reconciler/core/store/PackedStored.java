package dev.reconciler.core.store;

import java.util.function.Consumer;

/**
 * {@link SettlementReader.Stored} rows read as one byte string per chunk: each row its rowid and 12
 * values separated by U+001F, rows by U+001E; a value is "v" and its text, or empty for NULL, so
 * that NULL and '' stay apart. A chunk splits only into exactly the rows expected, in increasing
 * rowid order; else a value held a separator and the caller reads the rows one by one.
 */
final class PackedStored {
  private static final byte FIELD = 31;
  private static final byte ROW = 30;
  private static final int VALUES = 12;

  private PackedStored() {}

  /** The SQL packing one row of the comma-separated {@code columns} (12 of them). */
  static String expression(String columns) {
    StringBuilder sql = new StringBuilder("concat_ws(char(31), rowid");
    for (String column : columns.split(",")) {
      sql.append(", ").append(PackedPages.optional(column.strip()));
    }
    return sql.append(")").toString();
  }

  /**
   * Hands the {@code rows} rows of {@code packed} to {@code sink} and returns true, or returns
   * false having handed none when the chunk is not {@code rows} rows of the shape, after {@code
   * after}.
   */
  static boolean split(
      byte[] packed, int rows, long after, Consumer<SettlementReader.Stored> sink) {
    int[] bounds = new int[rows * (VALUES + 2)];
    long[] rowids = new long[rows];
    int at = 0;
    long previous = after;
    for (int row = 0; row < rows; row++) {
      int base = row * (VALUES + 2);
      int start = at;
      long rowid = 0;
      boolean negative = at < packed.length && packed[at] == '-';
      for (at += negative ? 1 : 0; at < packed.length && isDigit(packed[at]); at++) {
        rowid = rowid * 10 + (packed[at] - '0');
      }
      rowid = negative ? -rowid : rowid;
      if (at == start || at >= packed.length || packed[at] != FIELD || rowid <= previous) {
        return false;
      }
      previous = rowid;
      rowids[row] = rowid;
      for (int v = 0; v < VALUES; v++) {
        bounds[base + v] = ++at;
        while (at < packed.length && packed[at] != FIELD && packed[at] != ROW) {
          at++;
        }
        boolean last = v == VALUES - 1;
        boolean fieldEnds = at < packed.length && packed[at] == FIELD;
        if (fieldEnds == last) {
          return false;
        }
      }
      bounds[base + VALUES] = at + 1;
      at++;
    }
    if (at != packed.length + 1) {
      return false;
    }
    for (int row = 0; row < rows; row++) {
      int base = row * (VALUES + 2);
      String[] v = new String[VALUES];
      for (int k = 0; k < VALUES; k++) {
        v[k] = PackedPages.optionalText(packed, bounds[base + k], bounds[base + k + 1] - 1);
      }
      sink.accept(
          new SettlementReader.Stored(
              rowids[row],
              v[0],
              v[1],
              v[2],
              v[3],
              v[4],
              v[5],
              v[6],
              v[7],
              v[8],
              v[9],
              v[10],
              v[11]));
    }
    return true;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
