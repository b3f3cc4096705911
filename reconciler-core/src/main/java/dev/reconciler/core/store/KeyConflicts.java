package dev.reconciler.core.store;

import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.imports.EarliestRejections;
import dev.reconciler.core.imports.ImportSummary.Rejection;
import dev.reconciler.core.imports.RowType;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The rows of one import refused because the table already holds their row key for a row that says
 * otherwise (another type, transaction id, amount or currency). A processor's row id names one row,
 * so either the file's row id column is not unique (a csv mapping that names the payment's id,
 * which its refunds repeat) or one of the two files was edited. Skipped as "already present", such
 * a row would be lost without a word; a row that says the same is already present and no conflict.
 */
final class KeyConflicts {
  /** Compared values, in the order {@link #check} takes them; the match key's column second. */
  static List<String> columns(String matchKey) {
    return List.of("row_type", matchKey, "amount", "fee", "net", "currency");
  }

  /**
   * The compared columns of the table alias {@code alias} for a select list, each followed by
   * {@code cast} (PostgreSQL's "::text", or "").
   */
  static String selected(String alias, String matchKey, String cast) {
    StringJoiner list = new StringJoiner(", ");
    for (String column : columns(matchKey)) {
      list.add(alias + ".\"" + column + "\"" + cast);
    }
    return list.toString();
  }

  /** The compared values a query selected with {@link #selected}, from its column {@code first}. */
  static String[] values(ResultSet rs, int first) throws SQLException {
    String[] values = new String[SHOWN.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = rs.getString(first + i);
    }
    return values;
  }

  /** How many values {@link #selected} selects. */
  private static int width() {
    return SHOWN.length;
  }

  private static final String[] SHOWN = {
    "type", "transaction id", "gross", "fee", "net", "currency"
  };

  /** Indexes of {@link #SHOWN} that hold money: compared as numbers (10.0 is 10.00). */
  private static final int FIRST_AMOUNT = 2;

  private static final int LAST_AMOUNT = 4;

  private static final int SHOWN_KEY_CHARS = 60;

  private final long[] perType = new long[RowType.values().length];
  private final EarliestRejections first;

  /** Keeps the {@code kept} refusals of the lowest lines with their reasons; counts them all. */
  KeyConflicts(int kept) {
    this.first = new EarliestRejections(kept);
  }

  /**
   * Compares a row of the import with the row the table holds under the same key, and counts it as
   * refused when they differ.
   *
   * @param offered the import's row, values in {@link #columns} order (its type's id first)
   * @param offeredAt the import's row's processed_at, ISO-8601 text: what places its refusal on its
   *     day's report
   * @param stored the table's row, the same values as text
   * @return whether the row was refused
   */
  boolean check(
      String rowKey,
      long line,
      Object[] offered,
      String offeredAt,
      String[] stored,
      String storedFile,
      long storedLine) {
    for (int i = 0; i < SHOWN.length; i++) {
      String now = offered[i] == null ? null : offered[i].toString();
      if (!same(i, stored[i], now)) {
        perType[RowType.byId(offered[0].toString()).ordinal()]++;
        first.offer(
            new Rejection(
                line,
                line,
                reason(rowKey, i, stored[i], now, storedFile, storedLine),
                offered[1] == null ? null : offered[1].toString(),
                instant(offeredAt)));
        return true;
      }
    }
    return false;
  }

  /**
   * {@link #check}s each row of a query that selects, from its column {@code first} on: the row
   * key, the offered row's line, its values ({@link #selected}), then the stored row's file, line
   * and values, then the offered row's processed_at.
   */
  void checkAll(ResultSet rs, int first) throws SQLException {
    int width = width();
    while (rs.next()) {
      check(
          rs.getString(first),
          rs.getLong(first + 1),
          values(rs, first + 2),
          rs.getString(first + 4 + 2 * width),
          values(rs, first + 4 + width),
          rs.getString(first + 2 + width),
          rs.getLong(first + 3 + width));
    }
  }

  /** A time the import wrote (ISO-8601 UTC), or null for any other text a table may hold. */
  private static Instant instant(String processedAt) {
    if (processedAt == null) {
      return null;
    }
    try {
      return Instant.parse(processedAt);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** What the import's commit tells of them, beside the rows it added. */
  ProcessorImport.Committed committed(Map<RowType, Long> added) {
    Map<RowType, Long> refused = new EnumMap<>(RowType.class);
    for (RowType type : RowType.values()) {
      if (perType[type.ordinal()] > 0) {
        refused.put(type, perType[type.ordinal()]);
      }
    }
    return new ProcessorImport.Committed(added, refused, first.byLine());
  }

  private static boolean same(int field, String before, String now) {
    if (before == null || now == null || field < FIRST_AMOUNT || field > LAST_AMOUNT) {
      return Objects.equals(before, now);
    }
    try {
      return new BigDecimal(before).compareTo(new BigDecimal(now)) == 0;
    } catch (NumberFormatException e) {
      return before.equals(now);
    }
  }

  private static String reason(
      String rowKey, int field, String before, String now, String file, long line) {
    return "row id "
        + SafeText.line(rowKey, SHOWN_KEY_CHARS)
        + " is in the table already, from "
        + SafeText.line(String.valueOf(file), SHOWN_KEY_CHARS)
        + " line "
        + line
        + ", with "
        + SHOWN[field]
        + " "
        + shown(before)
        + "; this row has "
        + shown(now)
        + ": not imported (a row id must name one row)";
  }

  private static String shown(String value) {
    return value == null ? "none" : SafeText.line(value, SHOWN_KEY_CHARS);
  }
}
