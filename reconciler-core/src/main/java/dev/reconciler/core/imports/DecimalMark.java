package dev.reconciler.core.imports;

/**
 * How an export writes its amounts: the decimal separator, a point or a comma; the thousands
 * separator, if any (a point, a comma, an apostrophe or a space); and the settings that chose them,
 * named when an amount is written otherwise (null where the format fixes them: Adyen's point,
 * Stripe's lack of grouping).
 *
 * @param grouping the thousands separator, or {@link #NO_GROUPING}; a space stands for U+0020 and
 *     the no-break spaces U+00A0 and U+202F, which spreadsheets write
 * @param setting the key of the decimal separator ({@code [import.stripe] decimal_separator})
 * @param groupingSetting the key of the thousands separator, where the format has one
 */
public record DecimalMark(char separator, char grouping, String setting, String groupingSetting) {
  /** No thousands separator: a point or comma in the whole part makes the amount unreadable. */
  public static final char NO_GROUPING = 0;

  /** The point of a format that writes no other (Adyen's amounts). */
  public static final DecimalMark POINT = new DecimalMark('.', null);

  public DecimalMark {
    if (separator != '.' && separator != ',') {
      throw new IllegalArgumentException("a decimal separator is '.' or ',', not " + separator);
    }
    if (grouping == separator || (grouping != NO_GROUPING && ".,' ".indexOf(grouping) < 0)) {
      throw new IllegalArgumentException(
          "a thousands separator is '.', ',', ''' or ' ' and not the decimal separator");
    }
  }

  /** A mark of a format whose amounts have no thousands separator. */
  public DecimalMark(char separator, String setting) {
    this(separator, NO_GROUPING, setting, null);
  }

  /**
   * {@code text} as a plain decimal with a point and no grouping, or null when it is not written
   * this way: a decimal separator of the other kind, a thousands separator where none is set, or
   * one that does not stand between groups of three digits of the whole part ({@code 1.23,4}). The
   * result may still be no number ({@code 1e5}): the caller checks its digits.
   */
  String plain(String text) {
    if (grouping == NO_GROUPING) {
      if (separator == '.') {
        return text;
      }
      return text.indexOf('.') >= 0 ? null : text.replace(',', '.');
    }
    int start = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
    int point = text.indexOf(separator, start);
    int end = point < 0 ? text.length() : point;
    StringBuilder plain = new StringBuilder(text.length()).append(text, 0, start);
    int digits = 0;
    boolean grouped = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (isGrouping(c)) {
        // A group's first separator follows 1-3 digits, every later one exactly 3.
        if (digits == 0 || digits > 3 || (grouped && digits != 3)) {
          return null;
        }
        grouped = true;
        digits = 0;
      } else {
        plain.append(c);
        digits++;
      }
    }
    if (grouped && digits != 3) {
      return null;
    }
    if (point >= 0) {
      String fraction = text.substring(point + 1);
      for (int i = 0; i < fraction.length(); i++) {
        if (isGrouping(fraction.charAt(i))) {
          return null;
        }
      }
      plain.append('.').append(fraction);
    }
    return plain.toString();
  }

  /** Whether {@code text} has both separators (1.234,56), or a blank or apostrophe in it. */
  private static boolean looksGrouped(String text) {
    return (text.indexOf('.') >= 0 && text.indexOf(',') >= 0)
        || text.chars().anyMatch(c -> c == '\'' || c == ' ' || c == '\u00a0' || c == '\u202f');
  }

  private boolean isGrouping(char c) {
    return c == grouping || (grouping == ' ' && (c == '\u00a0' || c == '\u202f'));
  }

  /** What a rejected amount should have looked like, with the setting to change when that helps. */
  String expected(String text) {
    String example =
        "expected a decimal such as "
            + (grouping == NO_GROUPING
                ? "-12" + separator + "34"
                : "-1" + grouping + "234" + separator + "56");
    if (setting == null || grouping != NO_GROUPING) {
      return example;
    }
    if (groupingSetting != null && looksGrouped(text)) {
      return example + "; a file whose amounts group thousands needs " + groupingSetting;
    }
    // Only where the other separator is the one mark in the text: "1.234,56" is grouping.
    char other = separator == '.' ? ',' : '.';
    if (text.indexOf(other) < 0 || text.indexOf(separator) >= 0) {
      return example;
    }
    String decimal =
        example
            + "; a file whose amounts have a decimal '"
            + other
            + "' needs "
            + setting
            + " = "
            + other;
    // 1.234 under a decimal comma is a decimal point or a thousands separator: the file knows.
    return groupingSetting != null && groupsOfThree(text, other)
        ? decimal
            + ", or, where '"
            + other
            + "' groups thousands, "
            + groupingSetting
            + " = "
            + other
        : decimal;
  }

  /** Whether {@code text} is 1 to 3 digits, then groups of three each after {@code mark}. */
  private static boolean groupsOfThree(String text, char mark) {
    int start = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
    String[] groups =
        text.substring(start).split(java.util.regex.Pattern.quote(String.valueOf(mark)), -1);
    if (groups.length < 2 || groups[0].isEmpty() || groups[0].length() > 3) {
      return false;
    }
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      if ((i > 0 && g.length() != 3) || !g.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }
}
