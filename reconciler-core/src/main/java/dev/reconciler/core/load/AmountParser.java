package dev.reconciler.core.load;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.reconciler.core.domain.Money;
import java.util.Arrays;

/**
 * Parses upstream amount text into exact scaled longs ({@link Money}). Accepts what upstream
 * systems really send ("1,234.50", " $12.00 ", "-3", "(4.20)") and rejects anything ambiguous
 * ("1,23", "12.3.4", more than four decimals) rather than guess. Hand-written because it runs for
 * every input row and BigDecimal parsing would dominate the load.
 */
public final class AmountParser {
  /** Returned for text that is not an amount. */
  public static final long INVALID = Long.MIN_VALUE;

  private static final int MAX_INTEGER_DIGITS = 14;

  private static final byte[] NO_BREAK_SPACE = "\u00a0".getBytes(UTF_8);
  private static final byte[][] SYMBOLS = {
    "€".getBytes(UTF_8), "£".getBytes(UTF_8), "¥".getBytes(UTF_8)
  };

  private AmountParser() {}

  /** The amount in 1/10,000 units, or {@link #INVALID}. Blank text is invalid. */
  public static long parse(String text) {
    if (text == null) {
      return INVALID;
    }
    byte[] utf8 = text.getBytes(UTF_8);
    return parse(utf8, 0, utf8.length);
  }

  /** The amount in the UTF-8 text {@code bytes[from, to)}, as {@link #parse(String)}. */
  public static long parse(byte[] bytes, int from, int to) {
    int start = from;
    int end = to;
    for (int n; start < end && (n = space(bytes, start, end)) > 0; ) {
      start += n;
    }
    for (int n; end > start && (n = spaceBefore(bytes, start, end)) > 0; ) {
      end -= n;
    }
    boolean negative = false;
    if (end - start >= 2 && bytes[start] == '(' && bytes[end - 1] == ')') {
      negative = true;
      start++;
      end--;
    }
    if (start < end && (bytes[start] == '-' || bytes[start] == '+')) {
      negative ^= bytes[start] == '-';
      start++;
    }
    start += currencySymbol(bytes, start, end);
    if (start < end && !negative && bytes[start] == '-') {
      negative = true;
      start++;
    }
    return digits(bytes, start, end, negative);
  }

  private static long digits(byte[] text, int start, int end, boolean negative) {
    long value = 0;
    int integerDigits = 0;
    int groupDigits = 0;
    boolean grouped = false;
    int i = start;
    for (; i < end; i++) {
      byte c = text[i];
      if (c >= '0' && c <= '9') {
        value = value * 10 + (c - '0');
        integerDigits++;
        groupDigits++;
      } else if (c == ',' && groupDigits > 0 && (grouped ? groupDigits == 3 : groupDigits <= 3)) {
        grouped = true;
        groupDigits = 0;
      } else {
        break;
      }
    }
    if ((grouped && groupDigits != 3) || integerDigits > MAX_INTEGER_DIGITS) {
      return INVALID;
    }
    int decimals = 0;
    if (i < end && text[i] == '.') {
      for (i++; i < end; i++) {
        byte c = text[i];
        if (c < '0' || c > '9' || ++decimals > Money.SCALE) {
          return INVALID;
        }
        value = value * 10 + (c - '0');
      }
    }
    if (i != end || integerDigits + decimals == 0) {
      return INVALID;
    }
    for (int d = decimals; d < Money.SCALE; d++) {
      value *= 10;
    }
    return negative ? -value : value;
  }

  /** Length of the space character (ASCII blanks, no-break space) at {@code i}, or 0. */
  private static int space(byte[] b, int i, int end) {
    if (b[i] >= 0) {
      return isAsciiSpace(b[i]) ? 1 : 0;
    }
    return is(b, i, end, NO_BREAK_SPACE) ? NO_BREAK_SPACE.length : 0;
  }

  /** Length of the space character ending just before {@code end}, or 0. */
  private static int spaceBefore(byte[] b, int start, int end) {
    if (b[end - 1] >= 0) {
      return isAsciiSpace(b[end - 1]) ? 1 : 0;
    }
    int n = NO_BREAK_SPACE.length;
    return end - n >= start && is(b, end - n, end, NO_BREAK_SPACE) ? n : 0;
  }

  private static boolean isAsciiSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /** Length of the currency symbol ($, €, £, ¥) at {@code i}, or 0. */
  private static int currencySymbol(byte[] b, int i, int end) {
    // Every amount passes here: an ASCII byte settles it without comparing the symbols' bytes.
    if (i >= end || b[i] >= 0) {
      return i < end && b[i] == '$' ? 1 : 0;
    }
    for (byte[] symbol : SYMBOLS) {
      if (is(b, i, end, symbol)) {
        return symbol.length;
      }
    }
    return 0;
  }

  private static boolean is(byte[] b, int i, int end, byte[] expected) {
    return end - i >= expected.length
        && Arrays.equals(b, i, i + expected.length, expected, 0, expected.length);
  }
}
