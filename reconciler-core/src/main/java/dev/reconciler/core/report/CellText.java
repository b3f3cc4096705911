package dev.reconciler.core.report;

/** Decides which text cells a spreadsheet could mistake for a formula. */
public final class CellText {
  private static final String FORMULA_STARTS = "=+-@\t\r";

  private CellText() {}

  /**
   * True when the text starts with a character that makes Excel, LibreOffice or a CSV export treat
   * it as a formula ({@code = + - @}, tab, carriage return); such cells get a quote prefix.
   */
  public static boolean needsQuotePrefix(String text) {
    return text != null && !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0;
  }
}
