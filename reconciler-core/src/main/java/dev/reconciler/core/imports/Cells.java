package dev.reconciler.core.imports;

import dev.reconciler.core.domain.Money;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.load.AmountParser;
import dev.reconciler.core.load.TimestampParser;
import dev.reconciler.core.load.Utf8;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Locale;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

/**
 * Reading one cell of an export row: text without its surrounding blanks, amounts, times. What a
 * cell cannot be is a {@link RowRejected} whose reason quotes the cell safely.
 */
public final class Cells {
  /** Characters of a cell a reason quotes; the rest is cut, with the full length noted. */
  static final int QUOTED_LENGTH = 60;

  /**
   * Longest cell a parser reads, in chars. Processors' ids and references are tens of characters (a
   * Stripe id about 30, an Adyen PSP reference 16), so this is generous; but a row keeps its ids as
   * text until its batch is written, with up to 64 batches of 400 rows queued, and cells of the
   * megabyte a CSV field may hold ran an import out of a 64 MiB heap with a dozen rows.
   */
  static final int MAX_CELL_CHARS = 1_000;

  /** Digits of a whole number of hundredths that a long holds whatever they are. */
  private static final int MAX_MINOR_UNIT_DIGITS = 18;

  private static final BigDecimal LARGEST = BigDecimal.valueOf(AmountParser.MAX, Money.SCALE);

  /** A number as a spreadsheet writes it in exponent form, as Excel does past 11 digits. */
  private static final Pattern ROUNDED_BY_SPREADSHEET =
      Pattern.compile("-?[0-9](\\.[0-9]+)?[Ee][+-][0-9]+");

  private Cells() {}

  /** File text for a reason: in quotes, on one line, at most {@link #QUOTED_LENGTH} characters. */
  public static String quoted(String text) {
    return "'" + SafeText.line(text, QUOTED_LENGTH) + "'";
  }

  /**
   * Why the cell at {@code index} (of the column named {@code column}) is too long to be read, or
   * null when it is not (or the column is absent); its length is read without making its text.
   */
  static String tooLong(ExportRecord record, int index, String column) {
    if (index < 0 || index >= record.getFieldCount()) {
      return null;
    }
    int length = record.getFieldLength(index);
    if (length <= MAX_CELL_CHARS) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "%s is %,d characters long, more than %,d",
        SafeText.line(column, QUOTED_LENGTH),
        length,
        MAX_CELL_CHARS);
  }

  /** Whether the cell at {@code index} (if there) opens with a blank and then a quote. */
  static boolean quoteAfterBlank(ExportRecord record, int index) {
    return index >= 0 && index < record.getFieldCount() && record.quoteAfterBlank(index);
  }

  /** The cell at {@code index} without the blanks around it; "" when the column is absent (-1). */
  public static String text(ExportRecord record, int index) {
    return index < 0 || index >= record.getFieldCount() ? "" : Utf8.strip(record.getField(index));
  }

  /** As {@link #text}, but null when the cell is empty or the column absent. */
  public static String orNull(ExportRecord record, int index) {
    String text = text(record, index);
    return text.isEmpty() ? null : text;
  }

  /** As {@link #text}; an empty cell is rejected as "missing {@code what}". */
  public static String required(ExportRecord record, int index, String what) {
    String text = text(record, index);
    if (text.isEmpty()) {
      throw new RowRejected("missing " + what);
    }
    return text;
  }

  /**
   * Our transaction id from the cell at {@code index}, or null; a row of a type that needs one
   * ({@link RowType#needsTransactionId}) without it is rejected, naming {@code column}, and so is
   * one a spreadsheet rounded ({@link #unrounded}).
   */
  public static String transactionId(ExportRecord record, int index, RowType type, String column) {
    String id = orNull(record, index);
    if (id == null && type.needsTransactionId()) {
      throw new RowRejected("missing transaction id (" + quoted(column) + ")");
    }
    return unrounded(id, column);
  }

  /**
   * {@code id} (null stays null), rejected when it is a number in a spreadsheet's exponent form
   * ({@code 4.89243E+15}): Excel shows a long numeric id (Adyen's 16-digit references, a numeric
   * order number) so and saves it so, its digits lost. Imported, such a row would get a new key (a
   * re-import of the saved file added it a second time) and could share it with another row.
   */
  public static String unrounded(String id, String what) {
    if (id != null && maybeRounded(id) && ROUNDED_BY_SPREADSHEET.matcher(id).matches()) {
      throw new RowRejected(
          what
              + " "
              + quoted(id)
              + " is a number a spreadsheet rounded, its digits lost: import the file as"
              + " downloaded, or have the spreadsheet keep the column as text");
    }
    return id;
  }

  /**
   * A decimal amount: an optional sign, digits, and optionally a point and more digits (at most
   * {@link Money#SCALE}), nothing else (no exponent, grouping, symbol or NaN), its magnitude at
   * most {@link AmountParser#MAX} so the loader reads it back. Returned at the currency's decimals,
   * or more when the amount has them ({@code 7.5} EUR is 7.50, {@code 0.125} USD stays).
   */
  public static BigDecimal amount(String cell, String what, String currency) {
    return amount(cell, what, currency, DecimalMark.POINT);
  }

  /** As {@link #amount(String, String, String)}, its decimal separator {@code mark}'s. */
  public static BigDecimal amount(String cell, String what, String currency, DecimalMark mark) {
    String text = Utf8.strip(cell);
    if (text.isEmpty()) {
      throw new RowRejected("missing " + what);
    }
    String decimal = mark.plain(text);
    if (decimal == null || !isPlainDecimal(decimal)) {
      throw new RowRejected(
          "unparseable " + what + " " + quoted(text) + " (" + mark.expected(text) + ")");
    }
    long scaled = AmountParser.parse(decimal);
    if (scaled == AmountParser.INVALID) {
      throw new RowRejected(
          AmountParser.isOutOfRange(decimal)
              ? what
                  + " out of range "
                  + quoted(text)
                  + " (largest "
                  + LARGEST.toPlainString()
                  + ")"
              : what + " " + quoted(text) + " has more than " + Money.SCALE + " decimals");
    }
    return atCurrencyScale(scaled, Money.SCALE, currency);
  }

  /** As {@link #amount(String, String, String, DecimalMark)}, an empty cell read as zero. */
  public static BigDecimal amountOrZero(
      String text, String what, String currency, DecimalMark mark) {
    return Utf8.strip(text).isEmpty()
        ? atCurrencyScale(BigDecimal.ZERO, currency)
        : amount(text, what, currency, mark);
  }

  /**
   * Whether {@code id} can be in {@link #ROUNDED_BY_SPREADSHEET}'s form at all: it starts with a
   * digit or '-' and holds an exponent's letter. Nearly no id of a real file does, so the pattern
   * runs for almost none of the million ids of a large file (up to three a row).
   */
  private static boolean maybeRounded(String id) {
    char first = id.isEmpty() ? ' ' : id.charAt(0);
    return ((first >= '0' && first <= '9') || first == '-')
        && (id.indexOf('E') > 0 || id.indexOf('e') > 0);
  }

  /**
   * An unsigned whole number of hundredths of the currency's unit, whatever its decimals: PayPal's
   * amounts ({@code 1234} USD is 12.34, JPY 12.34: "100,00 yen and $100.00 USD are both represented
   * as 10000"), at the currency's decimals or more when the amount has them, at most {@link
   * AmountParser#MAX} in major units.
   */
  public static BigDecimal hundredths(String cell, String what, String currency) {
    String text = Utf8.strip(cell);
    if (text.isEmpty()) {
      throw new RowRejected("missing " + what);
    }
    if (!isDigits(text, 0, text.length())) {
      throw new RowRejected(
          "unparseable "
              + what
              + " "
              + quoted(text)
              + " (expected whole hundredths such as 1234 for 12.34)");
    }
    String digits = stripLeadingZeros(text);
    BigDecimal amount =
        digits.length() > MAX_MINOR_UNIT_DIGITS
            ? null
            : atCurrencyScale(Long.parseLong(digits), 2, currency);
    if (amount == null || amount.compareTo(LARGEST) > 0) {
      throw new RowRejected(
          what + " out of range " + quoted(text) + " (largest " + LARGEST.toPlainString() + ")");
    }
    return amount;
  }

  /**
   * {@code a - b}, rejected as "{@code what} out of range" when beyond what the loader reads back
   * (each may be at the limit).
   */
  public static BigDecimal difference(BigDecimal a, BigDecimal b, String what, String currency) {
    BigDecimal d = a.subtract(b);
    if (d.abs().compareTo(LARGEST) > 0) {
      throw new RowRejected(
          what
              + " out of range "
              + quoted(d.toPlainString())
              + " (largest "
              + LARGEST.toPlainString()
              + ")");
    }
    return atCurrencyScale(d, currency);
  }

  /** A time by {@code parser} (ISO-8601; without an offset in the parser's zone). */
  public static Instant instant(String text, TimestampParser parser, String what) {
    return instant(text, parser, what, null);
  }

  /**
   * A time by {@code parser}, which gives {@link TimestampParser#INVALID} for text that is none; a
   * rejection says {@code expected} after the text, when not null.
   */
  public static Instant instant(
      String text, ToLongFunction<String> parser, String what, String expected) {
    if (Utf8.strip(text).isEmpty()) {
      throw new RowRejected("missing " + what);
    }
    long millis = parser.applyAsLong(text);
    if (millis == TimestampParser.INVALID) {
      throw new RowRejected(
          "unparseable "
              + what
              + " "
              + quoted(text)
              + (expected == null ? "" : " (" + expected + ")"));
    }
    return Instant.ofEpochMilli(millis);
  }

  /**
   * {@link #atCurrencyScale(BigDecimal, String)} of {@code unscaled} at {@code scale}, on the long:
   * every amount of an export goes through here, and the BigDecimal way (strip, then set the scale
   * again) made three numbers of each, a tenth of what an import allocated.
   */
  static BigDecimal atCurrencyScale(long unscaled, int scale, String currency) {
    int digits = Money.fractionDigits(currency);
    if (scale < digits) {
      return atCurrencyScale(BigDecimal.valueOf(unscaled, scale), currency);
    }
    while (scale > digits && unscaled % 10 == 0) {
      unscaled /= 10;
      scale--;
    }
    return BigDecimal.valueOf(unscaled, scale);
  }

  /** The scale a stored amount has: the currency's decimals, or the amount's own when more. */
  static BigDecimal atCurrencyScale(BigDecimal amount, String currency) {
    int scale = Math.max(Money.fractionDigits(currency), amount.stripTrailingZeros().scale());
    return amount.setScale(scale, RoundingMode.UNNECESSARY);
  }

  private static boolean isPlainDecimal(String s) {
    int start = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
    int point = s.indexOf('.', start);
    return point < 0
        ? isDigits(s, start, s.length())
        : isDigits(s, start, point) && isDigits(s, point + 1, s.length());
  }

  /** Whether {@code s[from, to)} is one or more ASCII digits. */
  private static boolean isDigits(String s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static String stripLeadingZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }
}
