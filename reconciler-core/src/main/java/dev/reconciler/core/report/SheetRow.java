package dev.reconciler.core.report;

import java.io.IOException;
import java.io.UncheckedIOException;
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
    };
  }

  /** Cells written as the sheet's XML by {@code writer}, within its current row. */
  static SheetRow direct(FastSheetDataWriter writer) {
    return new SheetRow() {
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
