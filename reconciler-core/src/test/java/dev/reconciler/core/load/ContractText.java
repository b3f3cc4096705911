package dev.reconciler.core.load;

/** The input contract's rules as the README states them, written plainly for test references. */
final class ContractText {
  private ContractText() {}

  /**
   * The text without blanks at either end: Java whitespace, space separators, U+0085, U+200B,
   * U+2060, U+FEFF.
   */
  static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isBlank(s.codePointAt(start))) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (end > start && isBlank(s.codePointBefore(end))) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  private static boolean isBlank(int c) {
    return Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || c == 0x85
        || c == 0x200b
        || c == 0x2060
        || c == 0xfeff;
  }
}
