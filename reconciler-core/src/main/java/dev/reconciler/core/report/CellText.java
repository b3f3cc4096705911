package dev.reconciler.core.report;

import org.apache.poi.ss.SpreadsheetVersion;

/**
 * Decides how text goes into a cell: what a spreadsheet could mistake for a formula, and length.
 */
public final class CellText {
  private static final String FORMULA_STARTS = "=+-@\t\r";

  /** Excel's limit on one cell's text, in UTF-16 chars as {@link String#length} counts them. */
  static final int MAX_LENGTH = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

  private CellText() {}

  /**
   * True when the text starts with a character that makes Excel, LibreOffice or a CSV export treat
   * it as a formula ({@code = + - @}, tab, carriage return); such cells get a quote prefix.
   */
  public static boolean needsQuotePrefix(String text) {
    return text != null && !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0;
  }

  /**
   * The text itself when a cell holds it; else as much of its start as fits with a marker naming
   * its full length in characters ({@code … [truncated, 40000 characters]}). One value from
   * upstream must not stop the whole report (POI refuses longer text), and a cut value must not
   * pass for a whole one. A surrogate pair is never split, so the cell stays valid text.
   */
  static String fitted(String text) {
    if (text.length() <= MAX_LENGTH) {
      return text;
    }
    String marker = "… [truncated, " + text.codePointCount(0, text.length()) + " characters]";
    int keep = MAX_LENGTH - marker.length();
    if (Character.isHighSurrogate(text.charAt(keep - 1))) {
      keep--;
    }
    return text.substring(0, keep) + marker;
  }
}
