package dev.reconciler.core.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * One column of a data sheet: header, fixed width (SXSSF cannot auto-size cheaply) and how to write
 * an item's value into it.
 *
 * @param width in characters
 */
record Column<T>(String header, int width, CellSink<T> sink) {
  static final int ID_WIDTH = 24;
  static final int CODE_WIDTH = 11;
  static final int STATUS_WIDTH = 16;
  static final int AMOUNT_WIDTH = 17;
  static final int LINE_WIDTH = 14;
  static final int TIMESTAMP_WIDTH = 27;
  static final int REASON_WIDTH = 70;
  static final int DATE_WIDTH = 14;

  /** Writes one item's value into a cell. */
  @FunctionalInterface
  interface CellSink<T> {
    void write(CellWriter cells, SheetRow row, int column, T item);
  }

  static <T> Column<T> text(String header, int width, Function<T, String> value) {
    return new Column<>(
        header, width, (cells, row, col, item) -> cells.text(row, col, value.apply(item)));
  }

  /** Timestamps stay the original ISO text: what an operator greps the source tables for. */
  static <T> Column<T> timestamp(String header, Function<T, String> value) {
    return text(header, TIMESTAMP_WIDTH, value);
  }

  /** An amount, shown with the decimals of the currency {@code currency} gives for the row. */
  static <T> Column<T> amount(
      String header, Function<T, BigDecimal> value, Function<T, String> currency) {
    return new Column<>(
        header,
        AMOUNT_WIDTH,
        (cells, row, col, item) -> cells.amount(row, col, value.apply(item), currency.apply(item)));
  }

  static <T> Column<T> line(String header, Function<T, Long> value) {
    return number(header, value);
  }

  /** A whole number: a line, a count, a number of days. */
  static <T> Column<T> number(String header, Function<T, Long> value) {
    return new Column<>(
        header, LINE_WIDTH, (cells, row, col, item) -> cells.number(row, col, value.apply(item)));
  }

  /** A date as ISO text (yyyy-MM-dd), as the Summary shows the business date; null stays blank. */
  static <T> Column<T> date(String header, Function<T, LocalDate> value) {
    return code(header, DATE_WIDTH, value, LocalDate::toString);
  }

  /**
   * Text drawn from a few values (a currency, a status, a label): written as {@link #text} writes
   * it, but each value's cell is made once per sheet writer and copied after, as a sheet of open
   * items repeats the same few in every row.
   */
  static <T> Column<T> code(String header, int width, Function<T, String> value) {
    return code(header, width, value, Function.identity());
  }

  /**
   * As {@link #code(String, int, Function)}, for values shown as {@code text} gives them (equal
   * values, equal text); a null value, or null text, leaves the cell blank.
   */
  static <T, V> Column<T> code(
      String header, int width, Function<T, V> value, Function<? super V, String> text) {
    return repeated(
        header, width, value, (cells, row, col, v) -> cells.text(row, col, text.apply(v)));
  }

  /**
   * A whole number that follows from a value drawn from a few (an age in days from the opening
   * date): made once per value as {@link #code} makes text.
   */
  static <T, V> Column<T> number(
      String header, Function<T, V> value, Function<? super V, Long> number) {
    return repeated(
        header, LINE_WIDTH, value, (cells, row, col, v) -> cells.number(row, col, number.apply(v)));
  }

  /**
   * A column whose cell is {@code cell}'s for the row's value, kept per value ({@link
   * SheetRow#repeated}).
   */
  private static <T, V> Column<T> repeated(
      String header, int width, Function<T, V> value, CellSink<V> cell) {
    return new Column<>(
        header,
        width,
        (cells, row, col, item) -> {
          V v = value.apply(item);
          if (v != null) {
            row.repeated(col, v, cell, cells);
          }
        });
  }
}
