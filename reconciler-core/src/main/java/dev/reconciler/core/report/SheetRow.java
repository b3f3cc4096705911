package dev.reconciler.core.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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

  /**
   * A text cell holding {@code text} of {@code value}, written by {@code cells} as {@link
   * CellWriter#text} writes text; null text leaves the cell blank. For a value that repeats down
   * column {@code column} ({@link Column#code}): equal values must have equal text.
   */
  <V> void repeated(int column, V value, Function<? super V, String> text, CellWriter cells);

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
      public <V> void repeated(
          int column, V value, Function<? super V, String> text, CellWriter cells) {
        cells.text(this, column, text.apply(value));
      }
    };
  }

  /**
   * Values per column whose cells a {@link #direct} row keeps: a column of codes has a few dozen;
   * one whose values turn out to be many writes the further ones as any text.
   */
  int REPEATED_PER_COLUMN = 1024;

  /**
   * Cells written as the sheet's XML by {@code writer}, within its current row. A repeated value's
   * cell is escaped and encoded the first time only: its bytes are kept, by column and value.
   */
  static SheetRow direct(FastSheetDataWriter writer) {
    return new SheetRow() {
      private final List<Map<Object, byte[]>> repeated = new ArrayList<>();

      @Override
      public <V> void repeated(
          int column, V value, Function<? super V, String> text, CellWriter cells) {
        while (repeated.size() <= column) {
          repeated.add(new HashMap<>());
        }
        Map<Object, byte[]> cellsByValue = repeated.get(column);
        byte[] tail = cellsByValue.get(value);
        try {
          if (tail == null) {
            String shown = text.apply(value);
            if (shown == null) {
              return;
            }
            String cellText = CellText.forCell(shown);
            tail = writer.textCellTail(cellText, cells.textStyle(cellText).getIndex() & 0xffff);
            if (cellsByValue.size() < REPEATED_PER_COLUMN) {
              cellsByValue.put(value, tail);
            }
          }
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
    };
  }
}
