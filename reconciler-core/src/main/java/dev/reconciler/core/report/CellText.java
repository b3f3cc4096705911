package dev.reconciler.core.report;

import org.apache.poi.ss.SpreadsheetVersion;

/**
 * Decides how text goes into a cell: what a spreadsheet could mistake for a formula, and length.
 */
public final class CellText {
  /** Also the full-width forms of = + - @, which East Asian Excel turns into the operators. */
  private static final String FORMULA_STARTS = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20";

  /** How OOXML writes one UTF-16 unit in cell text: {@code _xHHHH_}, 7 characters. */
  private static final int ESCAPE_LENGTH = 7;

  /** The escape of '_' itself, which keeps a following {@code xHHHH_} literal. */
  private static final String ESCAPED_UNDERSCORE = "_x005F";

  /** Excel's limit on one cell's text, in UTF-16 chars as {@link String#length} counts them. */
  static final int MAX_LENGTH = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

  private CellText() {}

  /**
   * True when the text starts with a character that makes Excel, LibreOffice or a CSV export treat
   * it as a formula ({@code = + - @} or their full-width forms, tab, carriage return); such cells
   * get a quote prefix.
   */
  public static boolean needsQuotePrefix(String text) {
    return text != null && !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0;
  }

  /**
   * The text as a cell must hold it to show it as it is: {@link #escaped} (a spreadsheet must not
   * read it as other characters), then {@link #fitted} (the marker naming the value's own length).
   */
  static String forCell(String value) {
    String text = escaped(value);
    return text.length() <= MAX_LENGTH ? text : fitted(text, value);
  }

  /**
   * The text with each {@code _xHHHH_} in it kept literal. Excel, LibreOffice and POI read that
   * sequence in cell text as the character U+HHHH (it is how OOXML writes control characters), so
   * an upstream value {@code _x003D_1+1} would show as {@code =1+1}, past the quote prefix; its
   * underscore is written as {@code _x005F_}, the escape of '_'. Text without "_x" is returned as
   * it is, without a copy.
   */
  static String escaped(String text) {
    int at = text.indexOf("_x");
    if (at < 0) {
      return text;
    }
    StringBuilder out = null;
    int copied = 0;
    for (; at >= 0; at = text.indexOf("_x", at + 1)) {
      if (isEscape(text, at)) {
        out = out == null ? new StringBuilder(text.length() + 16) : out;
        out.append(text, copied, at).append(ESCAPED_UNDERSCORE);
        copied = at;
      }
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /** Whether {@code _xHHHH_} starts at {@code i}. */
  private static boolean isEscape(String text, int i) {
    if (i + ESCAPE_LENGTH > text.length() || text.charAt(i + ESCAPE_LENGTH - 1) != '_') {
      return false;
    }
    for (int h = i + 2; h < i + ESCAPE_LENGTH - 1; h++) {
      if (!isHexDigit(text.charAt(h))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /**
   * The text itself when a cell holds it; else as much of its start as fits with a marker naming
   * its full length in characters ({@code … [truncated, 40000 characters]}). One value from
   * upstream must not stop the whole report (POI refuses longer text), and a cut value must not
   * pass for a whole one. A surrogate pair is never split, so the cell stays valid text.
   */
  static String fitted(String text) {
    return text.length() <= MAX_LENGTH ? text : fitted(text, text);
  }

  /**
   * {@code text} cut as {@link #fitted(String)} cuts it, the marker naming {@code value}'s length.
   */
  private static String fitted(String text, String value) {
    String marker = "… [truncated, " + value.codePointCount(0, value.length()) + " characters]";
    int keep = MAX_LENGTH - marker.length();
    if (Character.isHighSurrogate(text.charAt(keep - 1))) {
      keep--;
    }
    return text.substring(0, keep) + marker;
  }
}
