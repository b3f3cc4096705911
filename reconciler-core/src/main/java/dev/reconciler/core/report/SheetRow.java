package dev.reconciler.core.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;

/**
 * Where {@link CellWriter} puts a row's cells: a POI row (the Summary, headers), or straight into a
 * data sheet's XML ({@link #direct}), without the row and cell objects SXSSF makes for every cell
 * of a sheet of a hundred thousand rows.
 */
interface SheetRow {
  /** A text cell. */
  void text(int column, String text, CellStyle style);

  /** A number cell. */
  void number(int column, double value, CellStyle style);

  /** A number cell of a decimal a double holds exactly ({@link CellWriter#fitsNumberCell}). */
  void decimal(int column, BigDecimal value, CellStyle style);

  /**
   * The cell {@code cell} writes for {@code value}, a value that repeats down the column ({@link
   * Column#code}): equal values must make equal cells, in this column.
   */
  <V> void repeated(int column, V value, Column.CellSink<V> cell, CellWriter cells);

  /** The cells of a POI row. */
  static SheetRow of(Row row) {
    return new SheetRow() {
      @Override
      public void text(int column, String text, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(text);
        cell.setCellStyle(style);
      }

      @Override
      public void number(int column, double value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
      }

      @Override
      public void decimal(int column, BigDecimal value, CellStyle style) {
        number(column, value.doubleValue(), style);
      }

      @Override
      public <V> void repeated(int column, V value, Column.CellSink<V> cell, CellWriter cells) {
        cell.write(cells, this, column, value);
      }
    };
  }

  /**
   * Values per column whose cells a {@link #direct} row keeps: a column of codes has a few dozen;
   * one whose values turn out to be many writes the further ones as any cell.
   */
  int REPEATED_PER_COLUMN = 1024;

  /**
   * Cells written as the sheet's XML by {@code writer}, within its current row. A repeated value's
   * cell is made the first time only (escaped, encoded): its bytes are kept, by column and value.
   */
  static SheetRow direct(FastSheetDataWriter writer) {
    return new SheetRow() {
      private final List<Map<Object, byte[]>> kept = new ArrayList<>();
      // The last value of each column and its cell: a sheet's rows come in an order (by date,
      // by kind) in which a column's value mostly stays what it was in the row above.
      private Object[] lastValue = new Object[0];
      private byte[][] lastCell = new byte[0][];

      @Override
      public <V> void repeated(int column, V value, Column.CellSink<V> cell, CellWriter cells) {
        try {
          if (column < lastValue.length && value.equals(lastValue[column])) {
            writer.cell(column, lastCell[column]);
            return;
          }
          if (kept.size() <= column) {
            while (kept.size() <= column) {
              kept.add(new HashMap<>());
            }
            lastValue = Arrays.copyOf(lastValue, column + 1);
            lastCell = Arrays.copyOf(lastCell, column + 1);
          }
          Map<Object, byte[]> cellsByValue = kept.get(column);
          byte[] tail = cellsByValue.get(value);
          if (tail == null) {
            tail = writer.tailOf(w -> cell.write(cells, direct(w), column, value));
            if (cellsByValue.size() < REPEATED_PER_COLUMN) {
              cellsByValue.put(value, tail);
            }
          }
          lastValue[column] = value;
          lastCell[column] = tail;
          writer.cell(column, tail);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void text(int column, String text, CellStyle style) {
        try {
          writer.textCell(column, text, style.getIndex() & 0xffff);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void number(int column, double value, CellStyle style) {
        try {
          writer.numberCell(column, value, style.getIndex() & 0xffff);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void decimal(int column, BigDecimal value, CellStyle style) {
        try {
          writer.decimalCell(column, value, style.getIndex() & 0xffff);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }
}
