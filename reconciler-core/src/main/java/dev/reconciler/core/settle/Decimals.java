package dev.reconciler.core.settle;

import java.math.BigDecimal;

/** Stored amount text read exactly: a plain decimal, or nothing. */
final class Decimals {
  /** Longer text is no amount, and BigDecimal would take its time over it. */
  private static final int MAX_LENGTH = 40;

  private Decimals() {}

  /** The plain decimal ("-20.00", "7.5", "1500"), or null for anything else (blank, 1e3, 1,0). */
  static BigDecimal parse(String text) {
    if (text == null) {
      return null;
    }
    String s = text.strip();
    if (s.isEmpty() || s.length() > MAX_LENGTH) {
      return null;
    }
    int digits = 0;
    int dots = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.') {
        dots++;
      } else if (c != '-' || i != 0) {
        return null;
      }
    }
    return digits == 0 || dots > 1 ? null : new BigDecimal(s);
  }

  /** A null amount as zero. */
  static BigDecimal orZero(BigDecimal value) {
    return value == null ? BigDecimal.ZERO : value;
  }
}
