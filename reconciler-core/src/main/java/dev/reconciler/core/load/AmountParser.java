package dev.reconciler.core.load;

import dev.reconciler.core.domain.Money;

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

  private AmountParser() {}

  /** The amount in 1/10,000 units, or {@link #INVALID}. Blank text is invalid. */
  public static long parse(String text) {
    if (text == null) {
      return INVALID;
    }
    int start = 0;
    int end = text.length();
    while (start < end && isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(text.charAt(end - 1))) {
      end--;
    }
    boolean negative = false;
    if (end - start >= 2 && text.charAt(start) == '(' && text.charAt(end - 1) == ')') {
      negative = true;
      start++;
      end--;
    }
    if (start < end && (text.charAt(start) == '-' || text.charAt(start) == '+')) {
      negative ^= text.charAt(start) == '-';
      start++;
    }
    if (start < end && isCurrencySymbol(text.charAt(start))) {
      start++;
    }
    if (start < end && !negative && text.charAt(start) == '-') {
      negative = true;
      start++;
    }
    return digits(text, start, end, negative);
  }

  private static long digits(String text, int start, int end, boolean negative) {
    long value = 0;
    int integerDigits = 0;
    int groupDigits = 0;
    boolean grouped = false;
    int i = start;
    for (; i < end; i++) {
      char c = text.charAt(i);
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
    if (i < end && text.charAt(i) == '.') {
      for (i++; i < end; i++) {
        char c = text.charAt(i);
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

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\u00a0' || c == '\n' || c == '\r';
  }

  private static boolean isCurrencySymbol(char c) {
    return c == '$' || c == '€' || c == '£' || c == '¥';
  }
}
