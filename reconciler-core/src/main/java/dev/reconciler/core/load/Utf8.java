package dev.reconciler.core.load;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Helpers for UTF-8 field bytes whose results agree with the {@link String} methods they mirror.
 */
final class Utf8 {
  private Utf8() {}

  /** First index in {@code [from, to)} after leading whitespace, as {@link String#strip()}. */
  static int stripStart(byte[] b, int from, int to) {
    while (from < to && isWhitespace(b[from])) {
      from++;
    }
    return from;
  }

  /** End index of {@code [from, to)} without trailing whitespace, as {@link String#strip()}. */
  static int stripEnd(byte[] b, int from, int to) {
    while (to > from && isWhitespace(b[to - 1])) {
      to--;
    }
    return to;
  }

  /**
   * Whether an ASCII byte is whitespace to {@link Character#isWhitespace}. Non-ASCII whitespace is
   * left for the callers' text fallbacks, which decode and use the String methods.
   */
  private static boolean isWhitespace(byte c) {
    return c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  }

  static String decode(byte[] b, int from, int to) {
    return new String(b, from, to - from, UTF_8);
  }
}
