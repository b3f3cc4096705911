package dev.reconciler.core.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a table's rows of one day lie, as rowid ranges, found through the indexes on the day's
 * column that imports make from a table's second on: a day's read then pages through those ranges
 * only, instead of every row of every day the table holds. Without them (a table imported into once
 * or never, a view) the span is the whole table, as the reads were before.
 */
public final class DaySpan {
  /**
   * The rows whose timestamp {@code %1$s} no date window can place: NULL, text that does not start
   * like a date, a BLOB (see {@link SqliteInputSource}); every day reads them. Spelt the same in
   * the partial index and in the reads, which is what lets SQLite use that index for them.
   */
  static final String UNDATED =
      "%1$s IS NULL OR %1$s NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'"
          + " OR typeof(%1$s) = 'blob'";

  /**
   * Undated rows outside the day's own range read as ranges of one row each, up to this many; more
   * and the span takes in everything between them.
   */
  static final int UNDATED_KEPT_APART = 64;

  /** Keys (date parts) of a window sought one by one before the rest is read in one pass. */
  static final int KEYS_SOUGHT = 32;

  /** Rows of rowid in {@code (after, last]}. */
  public record Range(long after, long last) {}

  /** Every row of the table. */
  public static final List<Range> WHOLE = List.of(new Range(Long.MIN_VALUE, Long.MAX_VALUE));

  /** SQLite's primary result code for an SQL error: here, the index is gone since checked. */
  private static final int SQLITE_ERROR = 1;

  private DaySpan() {}

  /** The characters of a date, the part of a timestamp the day index keys on. */
  private static final int DATE_CHARS = 10;

  /**
   * A timestamp's date part: what the day index keys on, so that a day's rows, however the file
   * ordered them, share one key and go to the index's end in rowid order, as appended.
   */
  private static String date(String column) {
    return "substr(\"" + column + "\", 1, " + DATE_CHARS + ")";
  }

  /** The index on a table's day column. */
  static String name(String table) {
    return table + "_day";
  }

  private static String undatedName(String table) {
    return table + "_undated";
  }

  /**
   * The statements making a table's day indexes: on {@code column}'s date part, and a partial one
   * of its undated rows (usually empty). Rows come in day after day, so SQLite appends each to the
   * first: an import keeps them in place instead of building them again over every day.
   */
  static List<String> indexSql(String table, String column) {
    return List.of(
        "CREATE INDEX IF NOT EXISTS \""
            + name(table)
            + "\" ON \""
            + table
            + "\"("
            + date(column)
            + ")",
        "CREATE INDEX IF NOT EXISTS \""
            + undatedName(table)
            + "\" ON \""
            + table
            + "\"(\""
            + column
            + "\") WHERE "
            + String.format(UNDATED, "\"" + column + "\""));
  }

  /**
   * The ranges, in rowid order, that hold every row of {@code table} whose {@code column} text lies
   * in {@code [from, to)} and, when {@code withUndated}, every undated row; {@link #WHOLE} when the
   * table lacks the indexes. The ranges hold every row the reads' conditions pick, and may hold
   * others, which those conditions leave out.
   */
  public static List<Range> of(
      Connection connection,
      String table,
      String column,
      String from,
      String to,
      boolean withUndated)
      throws SQLException {
    if (!Sqlite.hasIndexes(connection, indexSql(table, column))) {
      return WHOLE;
    }
    // A text at or above from has a date part at or above from's; one below to, a date part
    // below to (a date) or at most to's own (an instant).
    String below = to.length() <= DATE_CHARS ? " < ?2" : " <= ?2";
    String lower = from.substring(0, Math.min(DATE_CHARS, from.length()));
    String upper = to.substring(0, Math.min(DATE_CHARS, to.length()));
    long[] span;
    try {
      span = keyByKey(connection, table, column, below, lower, upper);
    } catch (SQLException e) {
      if (missing(e)) {
        return WHOLE;
      }
      throw e;
    }
    long first = span[0];
    long last = span[1];
    if (first == Long.MIN_VALUE) {
      return WHOLE;
    }
    List<Range> ranges = new ArrayList<>();
    if (first <= last) {
      ranges.add(new Range(first - 1, last));
    }
    return withUndated ? withUndated(connection, table, column, ranges) : ranges;
  }

  /**
   * The first and last rowid of the rows whose date part lies in [lower, upper) (or [lower,
   * upper]), {first > last} when none: found key by key, each key's first and last rowid at its two
   * ends in the index (a key's entries are in rowid order), so that a day costs a few seeks instead
   * of a pass over the window's entries. The keys, as SQLite orders them, are a few dates and the
   * odd malformed date part; beyond {@link #KEYS_SOUGHT} of them the rest of the window is read in
   * one pass.
   */
  private static long[] keyByKey(
      Connection connection, String table, String column, String below, String lower, String upper)
      throws SQLException {
    String index = "\"" + table + "\" INDEXED BY \"" + name(table) + "\"";
    String key = date(column);
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    // The next key from ?1 on (">=" or ">"), below the upper end; its bytes too, to tell a key
    // that is not UTF-8. Keys are bound as plain text: a CAST around the parameter would keep
    // SQLite from seeking.
    String next =
        ", k, CAST(k AS BLOB) FROM (SELECT 1) LEFT JOIN (SELECT "
            + key
            + " AS k FROM "
            + index
            + " WHERE "
            + key
            + " %s ?1 AND "
            + key
            + below
            + " ORDER BY "
            + key
            + " LIMIT 1)";
    String end = "(SELECT rowid FROM " + index + " WHERE " + key + " = ?1 ORDER BY rowid %s)";
    try (PreparedStatement firstKey =
            connection.prepareStatement("SELECT NULL, NULL" + next.formatted(">="));
        PreparedStatement ends =
            connection.prepareStatement(
                "SELECT "
                    + end.formatted("LIMIT 1")
                    + ", "
                    + end.formatted("DESC LIMIT 1")
                    + next.formatted(">"))) {
      firstKey.setString(1, lower);
      firstKey.setString(2, upper);
      String at;
      byte[] bytes;
      try (ResultSet rs = firstKey.executeQuery()) {
        rs.next();
        at = rs.getString(3);
        bytes = rs.getBytes(4);
      }
      String done = lower;
      for (int keys = 0; at != null; keys++) {
        // A key that is not UTF-8 would not come back to SQLite as itself: seek no further.
        if (keys == KEYS_SOUGHT || !Arrays.equals(at.getBytes(StandardCharsets.UTF_8), bytes)) {
          long[] rest = inOnePass(connection, index, key, below, done, upper);
          return new long[] {Math.min(first, rest[0]), Math.max(last, rest[1])};
        }
        ends.setString(1, at);
        ends.setString(2, upper);
        try (ResultSet rs = ends.executeQuery()) {
          rs.next();
          first = Math.min(first, rs.getLong(1));
          last = Math.max(last, rs.getLong(2));
          done = at;
          at = rs.getString(3);
          bytes = rs.getBytes(4);
        }
      }
    }
    return new long[] {first, last};
  }

  /** The first and last rowid of the keys from {@code at} on, below the upper end, in one pass. */
  private static long[] inOnePass(
      Connection connection, String index, String key, String below, String at, String upper)
      throws SQLException {
    try (PreparedStatement st =
        connection.prepareStatement(
            "SELECT ifnull(min(rowid), "
                + Long.MAX_VALUE
                + "), ifnull(max(rowid), "
                + Long.MIN_VALUE
                + ") FROM "
                + index
                + " WHERE "
                + key
                + " >= ?1 AND "
                + key
                + below)) {
      st.setString(1, at);
      st.setString(2, upper);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2)};
      }
    }
  }

  /** {@code day}, the one range of the day's rows or none, with the undated rows merged in. */
  private static List<Range> withUndated(
      Connection connection, String table, String column, List<Range> day) throws SQLException {
    List<Long> undated = new ArrayList<>();
    try (PreparedStatement st =
            connection.prepareStatement(
                "SELECT rowid FROM \""
                    + table
                    + "\" INDEXED BY \""
                    + undatedName(table)
                    + "\" WHERE "
                    + String.format(UNDATED, "\"" + column + "\"")
                    + " ORDER BY rowid");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        long rowid = rs.getLong(1);
        if (rowid == Long.MIN_VALUE) {
          // No range can start before it.
          return WHOLE;
        }
        undated.add(rowid);
      }
    } catch (SQLException e) {
      if (missing(e)) {
        return WHOLE;
      }
      throw e;
    }
    Range own = day.isEmpty() ? null : day.get(0);
    List<Long> outside = undated.stream().filter(rowid -> !holds(own, rowid)).toList();
    if (outside.size() > UNDATED_KEPT_APART) {
      long first = undated.get(0);
      long last = undated.get(undated.size() - 1);
      if (own != null) {
        first = Math.min(first, own.after() + 1);
        last = Math.max(last, own.last());
      }
      return List.of(new Range(first - 1, last));
    }
    List<Range> ranges = new ArrayList<>();
    boolean ownAdded = own == null;
    for (long rowid : outside) {
      if (!ownAdded && rowid > own.last()) {
        ranges.add(own);
        ownAdded = true;
      }
      ranges.add(new Range(rowid - 1, rowid));
    }
    if (!ownAdded) {
      ranges.add(own);
    }
    return ranges;
  }

  /** Whether {@code range} (null: none) holds the row {@code rowid}. */
  private static boolean holds(Range range, long rowid) {
    return range != null && rowid > range.after() && rowid <= range.last();
  }

  /**
   * Whether SQLite refused the INDEXED BY: the index was dropped since {@link Sqlite#hasIndexes}
   * found it, a plain SQL error; a lock or a damaged file is not one.
   */
  private static boolean missing(SQLException e) {
    return (e.getErrorCode() & 0xff) == SQLITE_ERROR;
  }
}
