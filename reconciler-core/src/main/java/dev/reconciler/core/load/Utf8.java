package dev.reconciler.core.load;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Helpers for UTF-8 field bytes, and the input contract's one rule for blanks, on bytes and on
 * strings alike (the importers strip file cells by the same rule).
 */
public final class Utf8 {
  /** NEL: Unicode White_Space, yet not Java whitespace nor a space separator. */
  private static final int NEXT_LINE = 0x85;

  private static final int ZERO_WIDTH_SPACE = 0x200b;
  private static final int WORD_JOINER = 0x2060;
  private static final int BYTE_ORDER_MARK = 0xfeff;

  private Utf8() {}

  /**
   * Whether a code point is blank: Java whitespace, a Unicode space separator (no-break spaces
   * included), NEL (U+0085, the one Unicode White_Space character neither of those covers), or one
   * of the three invisible characters upstream exports leave at a value's edges (zero-width space,
   * word joiner, byte-order mark). Blanks around a value are not part of it; a value of blanks only
   * is empty.
   */
  static boolean isBlank(int codePoint) {
    return Character.isWhitespace(codePoint)
        || Character.isSpaceChar(codePoint)
        || codePoint == NEXT_LINE
        || codePoint == ZERO_WIDTH_SPACE
        || codePoint == WORD_JOINER
        || codePoint == BYTE_ORDER_MARK;
  }

  /**
   * Every blank ({@link #isBlank}) as one string, for SQL's {@code trim(x, blanks)}, so that a
   * query compares ids as the loaders strip them.
   */
  public static String blanks() {
    return Blanks.ALL;
  }

  /** Built on first use: most runs never need it. */
  private static final class Blanks {
    static final String ALL = all();

    private static String all() {
      StringBuilder all = new StringBuilder();
      for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
        if (isBlank(c)) {
          all.appendCodePoint(c);
        }
      }
      return all.toString();
    }
  }

  /** The text without the blanks ({@link #isBlank}) at either end. */
  public static String strip(String s) {
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

  /** First index in {@code [from, to)} after the leading blanks, as {@link #strip(String)}. */
  static int stripStart(byte[] b, int from, int to) {
    while (from < to) {
      byte c = b[from];
      int n = c >= 0 ? (isAsciiBlank(c) ? 1 : 0) : blankLength(b, from, to);
      if (n == 0) {
        break;
      }
      from += n;
    }
    return from;
  }

  /** End index of {@code [from, to)} without the trailing blanks, as {@link #strip(String)}. */
  static int stripEnd(byte[] b, int from, int to) {
    while (to > from) {
      byte c = b[to - 1];
      if (c >= 0) {
        if (!isAsciiBlank(c)) {
          break;
        }
        to--;
      } else {
        // A blank that is not ASCII takes two or three bytes: find where the last character starts.
        int start = to - 1;
        while (start > from && start > to - 3 && (b[start] & 0xc0) == 0x80) {
          start--;
        }
        if (blankLength(b, start, to) != to - start) {
          break;
        }
        to = start;
      }
    }
    return to;
  }

  /** Whether {@code [from, to)} is empty or only blanks. */
  static boolean isBlank(byte[] b, int from, int to) {
    return stripStart(b, from, to) == to;
  }

  /** Whether an ASCII byte is {@link #isBlank}: Java whitespace, the ASCII space included. */
  private static boolean isAsciiBlank(byte c) {
    return c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  }

  /**
   * Length of the blank encoded at {@code i} (a lead byte that is not ASCII), or 0. Every blank
   * outside ASCII lies below U+10000, so only two-byte (NEL, no-break space) and three-byte
   * sequences can be one; an invalid or overlong sequence is never blank.
   */
  private static int blankLength(byte[] b, int i, int to) {
    int lead = b[i] & 0xff;
    if (lead >= 0xc2 && lead <= 0xdf && i + 1 < to && isContinuation(b[i + 1])) {
      int codePoint = (lead & 0x1f) << 6 | (b[i + 1] & 0x3f);
      return isBlank(codePoint) ? 2 : 0;
    }
    if (lead >= 0xe0
        && lead <= 0xef
        && i + 2 < to
        && isContinuation(b[i + 1])
        && isContinuation(b[i + 2])) {
      int codePoint = (lead & 0x0f) << 12 | (b[i + 1] & 0x3f) << 6 | (b[i + 2] & 0x3f);
      boolean wellFormed = codePoint >= 0x800 && !Character.isSurrogate((char) codePoint);
      return wellFormed && isBlank(codePoint) ? 3 : 0;
    }
    return 0;
  }

  private static boolean isContinuation(byte c) {
    return (c & 0xc0) == 0x80;
  }

  static String decode(byte[] b, int from, int to) {
    return new String(b, from, to - from, UTF_8);
  }
}
