package dev.reconciler.core.store;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The rows of a query read in keyset pages by rowid, each page ONE byte string that SQLite joins: a
 * JNI call and a Java string per value cost more than the query itself, one per page costs nothing.
 * Rows are separated by {@link #ROW_SEPARATOR}, their values by {@link #FIELD_SEPARATOR}; what a
 * value may hold is the caller's to say (text can hold a separator, so pages are checked, see
 * {@link #split}).
 */
public final class PackedPages {
  /** Unit separator between the values of a row. */
  public static final byte FIELD_SEPARATOR = 31;

  /** Record separator between rows. */
  public static final byte ROW_SEPARATOR = 30;

  /** Rows per page: a few megabytes. */
  public static final int PAGE_ROWS = 65_536;

  private PackedPages() {}

  /** One page, as {@link #forEach} hands it over. */
  @FunctionalInterface
  public interface Page {
    /**
     * {@code rows} rows of rowid above {@code after} up to {@code last}, packed; in no promised
     * order within the page (group_concat does not promise one, and asking for it doubles the
     * cost).
     */
    void accept(byte[] packed, int rows, long after, long last) throws SQLException;
  }

  /**
   * The statement {@link #forEach} runs for each page: public so that a caller can test that SQLite
   * reads its pages through the index it means it to.
   */
  public static String pageQuery(String table, String packed, String where) {
    return "SELECT count(*), max(r), group_concat(p, char(30)) FROM (SELECT rowid AS r, "
        + packed
        + " AS p FROM "
        + table
        + " WHERE rowid > ?1 AND ("
        + where
        + ") ORDER BY rowid LIMIT "
        + PAGE_ROWS
        + ")";
  }

  /**
   * Hands {@code sink} the rows of {@code table} that satisfy {@code where}, each packed by the SQL
   * expression {@code packed}, page by page in rowid order. {@code where}'s parameters are {@code
   * parameters}, numbered from ?2 on (?1 is the page's lower rowid bound).
   */
  public static void forEach(
      Connection connection,
      String table,
      String packed,
      String where,
      String[] parameters,
      Page sink)
      throws SQLException {
    forEach(connection, table, packed, where, parameters, DaySpan.WHOLE, sink);
  }

  /** {@link #forEach} over the rows of {@code ranges} only, in their order. */
  public static void forEach(
      Connection connection,
      String table,
      String packed,
      String where,
      String[] parameters,
      List<DaySpan.Range> ranges,
      Page sink)
      throws SQLException {
    for (DaySpan.Range range : ranges) {
      String bounded =
          range.last() == Long.MAX_VALUE
              ? where
              : "rowid <= " + range.last() + " AND (" + where + ")";
      forEach(connection, table, packed, bounded, parameters, range.after(), sink);
    }
  }

  private static void forEach(
      Connection connection,
      String table,
      String packed,
      String where,
      String[] parameters,
      long from,
      Page sink)
      throws SQLException {
    try (PreparedStatement st = connection.prepareStatement(pageQuery(table, packed, where))) {
      for (int i = 0; i < parameters.length; i++) {
        st.setString(i + 2, parameters[i]);
      }
      long after = from;
      for (int rows = PAGE_ROWS; rows == PAGE_ROWS; ) {
        st.setLong(1, after);
        long last;
        byte[] page;
        try (ResultSet rs = st.executeQuery()) {
          rows = rs.getInt(1);
          last = rs.getLong(2);
          page = rs.getBytes(3);
        }
        if (rows > 0) {
          sink.accept(page, rows, after, last);
          after = last;
        }
      }
    }
  }

  /**
   * Where each value of a page of {@code rows} rows of {@code fields} values starts and ends: value
   * {@code f} of row {@code r} is {@code [bounds[2 * (r * fields + f)], bounds[2 * (r * fields + f)
   * + 1])}; null when the page is not exactly that many rows of that many values (a value holding a
   * separator), and the caller must read its rows another way.
   */
  public static int[] split(byte[] page, int rows, int fields) {
    int[] bounds = new int[2 * rows * fields];
    int at = 0;
    int value = 0;
    int start = 0;
    for (; at <= page.length; at++) {
      byte b = at == page.length ? ROW_SEPARATOR : page[at];
      if (b != FIELD_SEPARATOR && b != ROW_SEPARATOR) {
        continue;
      }
      boolean rowEnds = (value + 1) % fields == 0;
      if (value == bounds.length / 2 || rowEnds != (b == ROW_SEPARATOR)) {
        return null;
      }
      bounds[2 * value] = start;
      bounds[2 * value + 1] = at;
      value++;
      start = at + 1;
    }
    return value == rows * fields ? bounds : null;
  }

  /** The text of {@code [from, to)} of a page. */
  public static String text(byte[] page, int from, int to) {
    return new String(page, from, to - from, StandardCharsets.UTF_8);
  }

  /**
   * The decimal {@link BigDecimal#toPlainString} wrote in {@code [from, to)}, as {@code new
   * BigDecimal} of its text reads it (same digits, same scale), without decoding the text first;
   * other text (an exponent, more than 18 digits) is read by BigDecimal itself.
   */
  public static BigDecimal decimal(byte[] page, int from, int to) {
    int at = from;
    boolean negative = at < to && page[at] == '-';
    if (negative) {
      at++;
    }
    long unscaled = 0;
    int digits = 0;
    int scale = -1;
    for (; at < to; at++) {
      byte b = page[at];
      if (b >= '0' && b <= '9') {
        unscaled = unscaled * 10 + (b - '0');
        digits++;
        if (scale >= 0) {
          scale++;
        }
      } else if (b == '.' && scale < 0) {
        scale = 0;
      } else {
        digits = Integer.MAX_VALUE;
        break;
      }
    }
    if (digits == 0 || digits > 18 || scale == 0) {
      return new BigDecimal(text(page, from, to));
    }
    return BigDecimal.valueOf(negative ? -unscaled : unscaled, Math.max(scale, 0));
  }

  /**
   * A nullable column packed so that NULL and '' stay apart: "v" and its value, or '' for NULL
   * (read back by {@link #optionalText}).
   */
  public static String optional(String column) {
    return "ifnull('v' || " + column + ", '')";
  }

  /** The value {@link #optional} packed in {@code [from, to)}: null when empty, else after "v". */
  public static String optionalText(byte[] page, int from, int to) {
    return from == to ? null : text(page, from + 1, to);
  }

  /** {@link #optionalText} of a packed value already decoded. */
  public static String optionalText(String packed) {
    return packed.isEmpty() ? null : packed.substring(1);
  }

  /** The decimal {@link #optional} packed in {@code [from, to)}, read by {@link #decimal}. */
  public static BigDecimal optionalDecimal(byte[] page, int from, int to) {
    return from == to ? null : decimal(page, from + 1, to);
  }
}
