package dev.reconciler.core.imports;

/**
 * The decimal separator an export writes its amounts with, a point or a comma, and the setting that
 * chose it ({@code [import.stripe] decimal_separator}), named when an amount is written the other
 * way; null for a format that fixes the point.
 */
public record DecimalMark(char separator, String setting) {
  /** The point of a format that writes no other (Adyen's amounts). */
  public static final DecimalMark POINT = new DecimalMark('.', null);

  public DecimalMark {
    if (separator != '.' && separator != ',') {
      throw new IllegalArgumentException("a decimal separator is '.' or ',', not " + separator);
    }
  }

  /** What a rejected amount should have looked like, with the setting to change when that helps. */
  String expected(String text) {
    String example = "expected a decimal such as -12" + separator + "34";
    if (setting == null) {
      return example;
    }
    // Only where the other separator is the one mark in the text: "1.234,56" is grouping, which
    // neither setting reads.
    char other = separator == '.' ? ',' : '.';
    return text.indexOf(other) >= 0 && text.indexOf(separator) < 0
        ? example
            + "; a file whose amounts have a decimal '"
            + other
            + "' needs "
            + setting
            + " = "
            + other
        : example;
  }
}
