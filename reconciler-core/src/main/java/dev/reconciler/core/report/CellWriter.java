package dev.reconciler.core.report;

import java.math.BigDecimal;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Writes typed cells with styles shared by the whole workbook: a workbook holds at most 64,000
 * styles, and one style per cell would also make large sheets slow.
 *
 * <p>Every cell gets an explicit style, even the default one: SXSSF looks up the column's default
 * style through XMLBeans for each unstyled cell it flushes, which was most of the write time.
 */
final class CellWriter {
  static final String AMOUNT_FORMAT = "#,##0.00##";
  static final String PERCENT_FORMAT = "0.00";

  private final CellStyle plain;
  private final CellStyle bold;
  private final CellStyle quoted;
  private final CellStyle amount;
  private final CellStyle percent;

  CellWriter(Workbook workbook) {
    plain = workbook.getCellStyleAt(0);
    Font boldFont = workbook.createFont();
    boldFont.setBold(true);
    bold = workbook.createCellStyle();
    bold.setFont(boldFont);
    quoted = workbook.createCellStyle();
    quoted.setQuotePrefixed(true);
    DataFormat formats = workbook.createDataFormat();
    amount = workbook.createCellStyle();
    amount.setDataFormat(formats.getFormat(AMOUNT_FORMAT));
    percent = workbook.createCellStyle();
    percent.setDataFormat(formats.getFormat(PERCENT_FORMAT));
  }

  /** A text cell, quote-prefixed when it looks like a formula; null leaves the cell blank. */
  void text(Row row, int column, String value) {
    if (value == null) {
      return;
    }
    Cell cell = row.createCell(column);
    cell.setCellValue(value);
    cell.setCellStyle(CellText.needsQuotePrefix(value) ? quoted : plain);
  }

  /** A bold label: headers and titles, which are our own constants. */
  void heading(Row row, int column, String value) {
    Cell cell = row.createCell(column);
    cell.setCellValue(value);
    cell.setCellStyle(bold);
  }

  /**
   * A numeric amount; null leaves the cell blank. The double only carries the value: amounts have
   * at most 4 decimals and fewer than 15 significant digits, so it reads back as the same decimal.
   */
  void amount(Row row, int column, BigDecimal value) {
    numeric(row, column, value, amount);
  }

  /** A percentage shown with two decimals. */
  void percent(Row row, int column, BigDecimal value) {
    numeric(row, column, value, percent);
  }

  /** A whole number (count or line); null leaves the cell blank. */
  void number(Row row, int column, Long value) {
    if (value != null) {
      Cell cell = row.createCell(column);
      cell.setCellValue(value);
      cell.setCellStyle(plain);
    }
  }

  private static void numeric(Row row, int column, BigDecimal value, CellStyle style) {
    if (value == null) {
      return;
    }
    Cell cell = row.createCell(column);
    cell.setCellValue(value.doubleValue());
    cell.setCellStyle(style);
  }
}
