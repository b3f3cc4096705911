package dev.reconciler.core.store;

/**
 * Money stored as REAL, read exactly or marked. A double holds every decimal of up to 15
 * significant digits exactly, but not more: SQLite spells a double that 15 digits cannot spell with
 * 17 (a REAL 12345678901234.56 reads back as "12345678901234.561"), an amount nobody wrote. Such a
 * value reaches the cleaner marked ({@link #INEXACT} before SQLite's spelling), to be rejected as
 * inexact instead of read to a wrong fraction of a cent.
 */
final class RealAmounts {
  /**
   * Marks an inexact REAL. A text value that itself starts with it (it is no blank and no part of
   * an amount, so such a text is rejected either way) reads as inexact too.
   */
  static final byte INEXACT = 0x01;

  private RealAmounts() {}

  /**
   * The SQL reading a money column: its value, or an inexact REAL marked. Only between 10^11 and
   * 10^14 can a 17-digit spelling read as an amount: below, it has five decimals or more, which no
   * amount has; above, it is out of range. Comparing first keeps the check off every ordinary row
   * (printf on every row slowed the packed read by more than half); a text value, which sorts above
   * every number, fails the comparisons too.
   */
  static String select(String column) {
    String c = column;
    return "CASE WHEN ("
        + (c + " >= 1e11 AND " + c + " < 1e14 OR " + c + " <= -1e11 AND " + c + " > -1e14")
        + ") AND typeof("
        + c
        + ") = 'real' AND CAST(printf('%!.15g', "
        + c
        + ") AS REAL) <> "
        + c
        + " THEN char("
        + INEXACT
        + ") || "
        + c
        + " ELSE "
        + c
        + " END";
  }
}
