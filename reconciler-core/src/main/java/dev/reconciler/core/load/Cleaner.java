package dev.reconciler.core.load;

import static dev.reconciler.core.store.InputField.AMOUNT;
import static dev.reconciler.core.store.InputField.CURRENCY;
import static dev.reconciler.core.store.InputField.CUSTOMER;
import static dev.reconciler.core.store.InputField.FEE;
import static dev.reconciler.core.store.InputField.ID;
import static dev.reconciler.core.store.InputField.REFERENCE;
import static dev.reconciler.core.store.InputField.STATUS;
import static dev.reconciler.core.store.InputField.TIMESTAMP;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Money;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.Status;
import dev.reconciler.core.domain.Txn;
import dev.reconciler.core.store.InputField;
import dev.reconciler.core.store.RawRow;
import dev.reconciler.core.store.RowFields;
import java.util.Currency;
import java.util.Map;
import java.util.Set;

/**
 * The cleaning rules, in one place for both the bulk load and the report's detail rows: ids trimmed
 * and ASCII upper-cased, amounts parsed exactly, statuses and currencies normalised, and a reason
 * for every row that cannot be used. Not thread-safe (it caches what raw statuses and currencies
 * clean to).
 */
public final class Cleaner {
  /** Characters of a rejected value a reason shows. */
  private static final int QUOTED_LENGTH = 60;

  /**
   * The longest transaction id kept, in UTF-8 bytes after trimming: far beyond any processor's or
   * shop's id, and within what a PostgreSQL index entry holds (~2.7 kB), which the ledger's key and
   * the import's indexes are. Longer, a hostile row would fail the ledger's write there, and with
   * it every run of the day, instead of being rejected alone; on both databases alike.
   */
  public static final int LONGEST_ID_BYTES = 1_000;

  private static final String LARGEST_AMOUNT =
      Money.display(Money.toDecimal(AmountParser.MAX), null);

  private final Map<String, Status> statusVocabulary;
  private final Set<String> currencies;
  private final TimestampParser timestamps;
  private final TextCache<Status> statusCodes = new TextCache<>(this::status);
  private final TextCache<String> currencyCodes = new TextCache<>(this::currency);

  public Cleaner(Settings.Reconciliation settings) {
    this.statusVocabulary = settings.statuses();
    this.currencies = settings.currencies();
    this.timestamps = new TimestampParser(settings.timezone());
  }

  /** The zone-aware timestamp parser this cleaner uses. */
  public TimestampParser timestamps() {
    return timestamps;
  }

  /**
   * The text with the ASCII letters from {@code first} to {@code first + 25} moved to the other
   * case, every other character kept: what statuses and currency codes compare by, as ids do, since
   * Unicode case mappings merge different texts ("uſd" upper-cases to "USD").
   */
  private static String asciiCase(String s, char first, char other) {
    char[] chars = s.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= first && chars[i] <= first + 25) {
        chars[i] = (char) (chars[i] - first + other);
      }
    }
    return new String(chars);
  }

  /**
   * The id a typed transaction id matches by (an operator's --id, a resolutions file): the same
   * rule {@link #clean} applies to a row's id, blanks trimmed and ASCII a-z upper-cased; "" when
   * nothing is left.
   */
  public static String transactionId(String raw) {
    return raw == null ? "" : asciiCase(Utf8.strip(raw), 'a', 'A');
  }

  /** Normalised status, or null when not in the vocabulary. */
  public Status status(String raw) {
    if (raw == null) {
      return null;
    }
    return statusVocabulary.get(asciiCase(Utf8.strip(raw), 'A', 'a'));
  }

  /** Upper-case accepted currency code (a shared instance), or null. */
  public String currency(String raw) {
    if (raw == null) {
      return null;
    }
    String code = currencyCode(raw);
    boolean known = currencies.isEmpty() ? isIsoCode(code) : currencies.contains(code);
    return known ? code.intern() : null;
  }

  /** A currency cell as a code: blanks trimmed, ASCII upper case. */
  private static String currencyCode(String raw) {
    return asciiCase(Utf8.strip(raw), 'a', 'A');
  }

  /**
   * The end of the reason a row is refused for a currency ISO 4217 knows but [reconciliation]
   * currencies does not list: the config's to change, not the file's, so not "unknown".
   */
  public static final String NOT_LISTED = " is not listed in [reconciliation] currencies";

  /** Whether ISO 4217 (as java.util.Currency knows it) has this upper-case code. */
  public static boolean isIsoCode(String code) {
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Cleans one row; the result carries either the cleaned values or the first reason to reject. */
  public CleanRow clean(RawRow row) {
    CleanedRow out = new CleanedRow();
    String rejection = clean(RowFields.of(row), out);
    return rejection == null ? out.toCleanRow() : CleanRow.rejected(rejection, out.epochMillis);
  }

  /**
   * Cleans one row into {@code out}: null when it is usable, else the first reason to reject it.
   * The timestamp comes first and is set even on a rejected row (it places the row on its business
   * day), unless it is the reason ({@link TimestampParser#INVALID}).
   */
  String clean(RowFields row, CleanedRow out) {
    byte[] b = row.bytes();
    out.epochMillis =
        row.isNull(TIMESTAMP)
            ? TimestampParser.INVALID
            : timestamps.parse(b, row.start(TIMESTAMP), row.end(TIMESTAMP));
    if (out.epochMillis == TimestampParser.INVALID) {
      return "unparseable timestamp " + quoted(row, TIMESTAMP);
    }
    IdCheck id = normaliseId(row, out);
    if (id == IdCheck.MISSING) {
      return "missing transaction id";
    }
    if (id == IdCheck.CONTROL) {
      return "transaction id holds a control character " + quoted(row, ID);
    }
    if (out.idLength() > LONGEST_ID_BYTES) {
      return "transaction id longer than " + LONGEST_ID_BYTES + " bytes " + quoted(row, ID);
    }
    out.amount =
        row.isNull(AMOUNT)
            ? AmountParser.INVALID
            : AmountParser.parse(b, row.start(AMOUNT), row.end(AMOUNT));
    if (out.amount == AmountParser.INVALID) {
      return isBlank(row, AMOUNT) ? "blank amount" : amountRejection("amount", row, AMOUNT);
    }
    out.currency =
        row.isNull(CURRENCY) ? null : currencyCodes.get(b, row.start(CURRENCY), row.end(CURRENCY));
    if (out.currency == null) {
      String text = row.text(CURRENCY);
      return text != null && isIsoCode(currencyCode(text))
          ? "currency " + quoted(text) + NOT_LISTED
          : "unknown currency " + quoted(text);
    }
    out.status = row.isNull(STATUS) ? null : statusCodes.get(b, row.start(STATUS), row.end(STATUS));
    if (out.status == null) {
      return "unknown status " + quoted(row, STATUS);
    }
    out.fee =
        row.isNull(FEE) ? CleanRow.NO_FEE : AmountParser.parse(b, row.start(FEE), row.end(FEE));
    if (out.fee == AmountParser.INVALID) {
      if (!isBlank(row, FEE)) {
        return amountRejection("fee", row, FEE);
      }
      out.fee = CleanRow.NO_FEE;
    }
    return null;
  }

  /**
   * Why a column that is not blank is no amount: a floating-point number not exact to the digit,
   * too large to hold, or not in the grammar.
   */
  private static String amountRejection(String column, RowFields row, InputField field) {
    if (row.isInexactReal(field)) {
      return "inexact "
          + column
          + " "
          + quoted(row.inexactRealText(field))
          + ": stored as a floating-point number (REAL), which holds at most 15 significant"
          + " digits exactly; store it as text";
    }
    String text = quoted(row, field);
    return AmountParser.isOutOfRange(row.bytes(), row.start(field), row.end(field))
        ? column + " out of range " + text + " (largest " + LARGEST_AMOUNT + ")"
        : "unparseable " + column + " " + text;
  }

  /**
   * A column's text for a rejection reason, in quotes: on one line (what {@link SafeText#isUnsafe}
   * names shown as backslash-u escapes) and, past {@link #QUOTED_LENGTH} characters, cut short with
   * its length, so a hostile value can neither break the line nor blow up the report.
   */
  private static String quoted(RowFields row, InputField field) {
    return quoted(row.text(field));
  }

  private static String quoted(String text) {
    if (text == null) {
      return "'null'";
    }
    StringBuilder out = new StringBuilder("'");
    int shown = Math.min(text.length(), QUOTED_LENGTH);
    if (shown < text.length() && Character.isHighSurrogate(text.charAt(shown - 1))) {
      shown--;
    }
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      if (SafeText.isUnsafe(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append(shown < text.length() ? "…'" : "'");
    return shown < text.length() ? out + " (" + text.length() + " characters)" : out.toString();
  }

  private static boolean isBlank(RowFields row, InputField field) {
    return row.isNull(field) || Utf8.isBlank(row.bytes(), row.start(field), row.end(field));
  }

  /** What {@link #normaliseId} found: an id, none, or one holding a control character. */
  private enum IdCheck {
    ID,
    MISSING,
    CONTROL
  }

  /**
   * Sets the id matched on: the row's id with blanks ({@link Utf8#isBlank(int)}) trimmed from both
   * ends and the ASCII letters a-z upper-cased; every other character is kept as it is, so no
   * locale or Unicode case mapping can make two different ids one ("ß" is not "SS", "ı" is not
   * "I"). MISSING when it is empty; CONTROL when a C0 control or DEL is left inside it: a NUL or a
   * line break in an id is a broken export, not an id the other side will ever send the same way
   * (PostgreSQL cannot even store a NUL).
   */
  private static IdCheck normaliseId(RowFields row, CleanedRow out) {
    if (row.isNull(ID)) {
      return IdCheck.MISSING;
    }
    byte[] b = row.bytes();
    int start = Utf8.stripStart(b, row.start(ID), row.end(ID));
    int end = Utf8.stripEnd(b, start, row.end(ID));
    // Every byte of a multi-byte UTF-8 character is >= 0x80, so upper-casing the ASCII bytes is the
    // rule on any id. One pass tells the common case, nothing to upper-case: read in place.
    boolean lower = false;
    boolean control = false;
    for (int i = start; i < end; i++) {
      byte c = b[i];
      lower |= c >= 'a' && c <= 'z';
      control |= (c >= 0 && c < ' ') || c == 0x7f;
    }
    if (start == end) {
      return IdCheck.MISSING;
    }
    if (control) {
      return IdCheck.CONTROL;
    }
    if (lower) {
      out.setIdAsciiUpperCase(b, start, end);
    } else {
      out.setIdInPlace(b, start, end);
    }
    return IdCheck.ID;
  }

  /** The cleaned row for display; only for rows that {@link #clean} accepts. */
  public Txn toTxn(RawRow row) {
    return toTxn(RowFields.of(row));
  }

  /** The cleaned row for display; only for rows that {@link #clean} accepts. */
  public Txn toTxn(RowFields row) {
    CleanedRow c = new CleanedRow();
    String rejection = clean(row, c);
    if (rejection != null) {
      throw new IllegalArgumentException("row " + row.line() + " is rejected: " + rejection);
    }
    return new Txn(
        row.source(),
        row.line(),
        c.id(),
        Money.toDecimal(c.amount),
        c.currency,
        strip(row.text(STATUS)),
        strip(row.text(TIMESTAMP)),
        strip(row.text(REFERENCE)),
        strip(row.text(CUSTOMER)),
        c.fee == CleanRow.NO_FEE ? null : Money.toDecimal(c.fee));
  }

  /** The text without the blanks around it, as the cleaner reads every column; null stays null. */
  static String strip(String s) {
    return s == null ? null : Utf8.strip(s);
  }
}
