package dev.reconciler.core.load;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.reconciler.core.domain.Money;
import java.util.Arrays;

/**
 * Parses upstream amount text into exact scaled longs ({@link Money}). Accepts what upstream
 * systems really send ("1,234.50", " $12.00 ", "-3", "(4.20)") and rejects anything ambiguous
 * ("1,23", "12.3.4", "(-5)", "+-5", more than four decimals) rather than guess. Hand-written
 * because it runs for every input row and BigDecimal parsing would dominate the load.
 *
 * <p>The grammar, after the blanks around the text ({@link Utf8#isBlank(int)}) are dropped:
 *
 * <pre>
 * amount   = [sign] [symbol] number | symbol sign number | "(" [symbol] number ")"
 * sign     = "-" | "+"                  (at most one; parentheses mean negative and take none)
 * symbol   = "$" | "€" | "£" | "¥"
 * number   = integer ["." digit{0,4}] | "." digit{1,4}
 * integer  = digit+ | nonzero digit{0,2} ("," digit{3})+
 * </pre>
 *
 * Nothing else may stand between these parts, blanks included. The magnitude is at most {@link
 * #MAX} (14 integer digits, leading zeros not counted): an amount, and the difference of two, fit a
 * long with no check on the hot path.
 */
public final class AmountParser {
  /** Returned for text that is not an amount. */
  public static final long INVALID = Long.MIN_VALUE;

  /** The largest magnitude accepted, in scaled units: 99,999,999,999,999.9999. */
  public static final long MAX = 100_000_000_000_000L * Money.ONE - 1;

  /** What {@link #scan} returns for an amount of the grammar beyond {@link #MAX}. */
  private static final long TOO_LARGE = Long.MIN_VALUE + 1;

  private static final int MAX_INTEGER_DIGITS = 14;

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
    long value = scan(bytes, from, to);
    return value == TOO_LARGE ? INVALID : value;
  }

  /** Whether the text is an amount of the grammar whose magnitude is beyond {@link #MAX}. */
  public static boolean isOutOfRange(String text) {
    if (text == null) {
      return false;
    }
    byte[] utf8 = text.getBytes(UTF_8);
    return isOutOfRange(utf8, 0, utf8.length);
  }

  /** As {@link #isOutOfRange(String)}, of the UTF-8 text {@code bytes[from, to)}. */
  public static boolean isOutOfRange(byte[] bytes, int from, int to) {
    return scan(bytes, from, to) == TOO_LARGE;
  }

  private static long scan(byte[] bytes, int from, int to) {
    int start = Utf8.stripStart(bytes, from, to);
    int end = Utf8.stripEnd(bytes, start, to);
    boolean negative = false;
    if (end - start >= 2 && bytes[start] == '(' && bytes[end - 1] == ')') {
      negative = true;
      start++;
      end--;
      start += currencySymbol(bytes, start, end);
    } else if (start < end && isSign(bytes[start])) {
      negative = bytes[start++] == '-';
      start += currencySymbol(bytes, start, end);
    } else {
      start += currencySymbol(bytes, start, end);
      if (start < end && isSign(bytes[start])) {
        negative = bytes[start++] == '-';
      }
    }
    return digits(bytes, start, end, negative);
  }

  private static boolean isSign(byte c) {
    return c == '-' || c == '+';
  }

  /** The number at {@code [start, end)}: it must take the whole range. */
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
      } else if (c == ','
          && (grouped ? groupDigits == 3 : isFirstGroup(text, start, groupDigits))) {
        grouped = true;
        groupDigits = 0;
      } else {
        break;
      }
    }
    if (grouped && groupDigits != 3) {
      return INVALID;
    }
    // Past 14 digits the value may have wrapped; leading zeros, which add nothing, are allowed.
    boolean tooLarge =
        integerDigits > MAX_INTEGER_DIGITS
            && integerDigits - leadingZeros(text, start, i) > MAX_INTEGER_DIGITS;
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
    if (tooLarge) {
      return TOO_LARGE;
    }
    for (int d = decimals; d < Money.SCALE; d++) {
      value *= 10;
    }
    return negative ? -value : value;
  }

  /**
   * Whether {@code [start, start + digits)} may be the first group of a grouped number: 1 to 3
   * digits, not starting with 0 (no formatter writes "0,001", which is 0.001 with a decimal comma).
   */
  private static boolean isFirstGroup(byte[] text, int start, int digits) {
    return digits > 0 && digits <= 3 && text[start] != '0';
  }

  /** Number of zero digits before the first other digit of an integer part (commas skipped). */
  private static int leadingZeros(byte[] text, int start, int end) {
    int zeros = 0;
    for (int i = start; i < end && (text[i] == '0' || text[i] == ','); i++) {
      zeros += text[i] == '0' ? 1 : 0;
    }
    return zeros;
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
