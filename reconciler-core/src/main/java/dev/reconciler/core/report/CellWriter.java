package dev.reconciler.core.report;

import dev.reconciler.core.domain.Money;
import java.math.BigDecimal;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
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
  /** Amounts of a currency with cents: always two decimals, more only when the value has them. */
  static final String AMOUNT_FORMAT = "#,##0.00##";

  /**
   * Amount formats by the currency's decimals (0 to 4; JPY has 0, KWD 3): that many always shown,
   * up to the 4 an amount may have when the value has them. A whole amount of a currency without
   * decimals shows none (a fractional one shows its fraction rather than a rounded number).
   */
  private static final String[] AMOUNT_FORMATS = {
    "#,##0.0###", "#,##0.0###", AMOUNT_FORMAT, "#,##0.000#", "#,##0.0000"
  };

  private static final String WHOLE_AMOUNT_FORMAT = "#,##0";

  static final String PERCENT_FORMAT = "0.00";

  /** Significant decimal digits a double always carries exactly, and Excel shows at most. */
  private static final int DOUBLE_DIGITS = 15;

  private final CellStyle plain;
  private final CellStyle bold;
  private final CellStyle quoted;
  private final CellStyle[] amounts = new CellStyle[AMOUNT_FORMATS.length];
  private final CellStyle wholeAmount;
  private final CellStyle percent;
  private final CellStyle exactAmount;

  CellWriter(Workbook workbook) {
    plain = workbook.getCellStyleAt(0);
    Font boldFont = workbook.createFont();
    boldFont.setBold(true);
    bold = workbook.createCellStyle();
    bold.setFont(boldFont);
    quoted = workbook.createCellStyle();
    quoted.setQuotePrefixed(true);
    DataFormat formats = workbook.createDataFormat();
    // Every style is made here, up front: sheets are filled on two threads, which only read them.
    for (int digits = 0; digits < AMOUNT_FORMATS.length; digits++) {
      amounts[digits] = workbook.createCellStyle();
      amounts[digits].setDataFormat(formats.getFormat(AMOUNT_FORMATS[digits]));
    }
    wholeAmount = workbook.createCellStyle();
    wholeAmount.setDataFormat(formats.getFormat(WHOLE_AMOUNT_FORMAT));
    percent = workbook.createCellStyle();
    percent.setDataFormat(formats.getFormat(PERCENT_FORMAT));
    // Right-aligned like the numbers around it; quote-prefixed so it stays text when edited.
    exactAmount = workbook.createCellStyle();
    exactAmount.setAlignment(HorizontalAlignment.RIGHT);
    exactAmount.setQuotePrefixed(true);
  }

  /**
   * A text cell, quote-prefixed when it looks like a formula, shown as it is and cut visibly when
   * longer than a cell holds ({@link CellText#forCell}); null leaves the cell blank.
   */
  void text(Row row, int column, String value) {
    text(SheetRow.of(row), column, value);
  }

  /** As {@link #text(Row, int, String)}. */
  void text(SheetRow row, int column, String value) {
    if (value == null) {
      return;
    }
    String text = CellText.forCell(value);
    row.text(column, text, textStyle(text));
  }

  /** The style of a cell holding {@code text} (as {@link CellText#forCell} made it). */
  CellStyle textStyle(String text) {
    return CellText.needsQuotePrefix(text) ? quoted : plain;
  }

  /** A bold label: headers and titles, our own constants (a currency code at most). */
  void heading(Row row, int column, String value) {
    SheetRow.of(row).text(column, CellText.fitted(value), bold);
  }

  /**
   * An amount; null leaves the cell blank. A number cell when it holds the amount exactly (see
   * {@link #fitsNumberCell}), else the exact decimal as right-aligned text, grouped and with the
   * currency's decimals as a number cell would show it.
   */
  void amount(Row row, int column, BigDecimal value, String currency) {
    amount(SheetRow.of(row), column, value, currency);
  }

  /** As {@link #amount(Row, int, BigDecimal, String)}. */
  void amount(SheetRow row, int column, BigDecimal value, String currency) {
    if (value == null) {
      return;
    }
    if (fitsNumberCell(value)) {
      row.decimal(column, value, amountStyle(value, currency));
    } else {
      row.text(column, Money.display(value, currency), exactAmount);
    }
  }

  /**
   * True when a number cell holds the amount digit for digit: at most 15 significant digits (what a
   * double carries through decimal and back, and the most Excel shows) and below 10^15 (past which
   * doubles are not whole numbers and Java prints digits that were never there). With at most 4
   * decimals that is every amount below 100 billion; a large total, or one of the largest amounts
   * the input allows, goes as text. Precision and scale are cached fields for the usual amount, so
   * the common case costs two comparisons.
   */
  static boolean fitsNumberCell(BigDecimal value) {
    if (value.precision() - value.scale() > DOUBLE_DIGITS) {
      return false;
    }
    return value.precision() <= DOUBLE_DIGITS
        || value.stripTrailingZeros().precision() <= DOUBLE_DIGITS;
  }

  /** The style for an amount of {@code currency}: see {@link #AMOUNT_FORMATS}. */
  private CellStyle amountStyle(BigDecimal value, String currency) {
    int digits = Money.fractionDigits(currency);
    if (digits == 0 && (value.signum() == 0 || value.stripTrailingZeros().scale() <= 0)) {
      return wholeAmount;
    }
    return amounts[Math.min(digits, amounts.length - 1)];
  }

  /** A percentage shown with two decimals. */
  void percent(Row row, int column, BigDecimal value) {
    numeric(SheetRow.of(row), column, value, percent);
  }

  /** A whole number (count or line); null leaves the cell blank. */
  void number(Row row, int column, Long value) {
    number(SheetRow.of(row), column, value);
  }

  /** As {@link #number(Row, int, Long)}. */
  void number(SheetRow row, int column, Long value) {
    if (value != null) {
      row.number(column, value, plain);
    }
  }

  private static void numeric(SheetRow row, int column, BigDecimal value, CellStyle style) {
    if (value == null) {
      return;
    }
    row.number(column, value.doubleValue(), style);
  }
}
