package dev.reconciler.core.generate;

import java.io.IOException;
import java.io.Writer;

/**
 * Builds one CSV line at a time into a reused buffer: quotes a field only where RFC 4180 needs it,
 * or always when asked (PayPal quotes every text field), and leaves numbers and dates bare.
 */
final class CsvLine {
  private final Writer out;
  private final String lineEnd;
  private final StringBuilder sb = new StringBuilder(512);
  private boolean first = true;
  private long lines;

  CsvLine(Writer out, String lineEnd) {
    this.out = out;
    this.lineEnd = lineEnd;
  }

  /** A text field, quoted only when it holds a comma, quote or line break; null is empty. */
  CsvLine text(String value) {
    separate();
    if (value != null) {
      if (needsQuotes(value)) {
        quote(value);
      } else {
        sb.append(value);
      }
    }
    return this;
  }

  /** A text field always in double quotes; null is {@code ""}. */
  CsvLine quoted(String value) {
    separate();
    quote(value == null ? "" : value);
    return this;
  }

  /** A number or date, never quoted; null is empty. */
  CsvLine bare(CharSequence value) {
    separate();
    if (value != null) {
      sb.append(value);
    }
    return this;
  }

  CsvLine number(long value) {
    separate();
    sb.append(value);
    return this;
  }

  /**
   * A processor object id, prefix and 16 hex digits, as {@link Ids#stripe} spells it, built in the
   * line's buffer: export rows carry several, and strings per id would dominate the cost.
   */
  CsvLine hexId(String prefix, long value) {
    separate();
    sb.append(prefix);
    for (int shift = 60; shift >= 0; shift -= 4) {
      sb.append(HEX[(int) (value >>> shift) & 0xF]);
    }
    return this;
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Signed major units in the currency's decimals. */
  CsvLine decimal(long minor, CurrencyMix currency) {
    separate();
    Amounts.decimal(sb, minor, currency);
    return this;
  }

  /**
   * The unsigned amount when {@code when} holds, else an empty cell (Adyen's Debit/Credit pairs).
   */
  CsvLine decimalIf(boolean when, long minor, CurrencyMix currency) {
    return when ? decimal(Math.abs(minor), currency) : bare(null);
  }

  /** A trailing separator with nothing after it, as PayPal's RH line has. */
  CsvLine trailingComma() {
    sb.append(',');
    return this;
  }

  void end() throws IOException {
    sb.append(lineEnd);
    out.append(sb);
    sb.setLength(0);
    first = true;
    lines++;
  }

  long lines() {
    return lines;
  }

  private void separate() {
    if (!first) {
      sb.append(',');
    }
    first = false;
  }

  private void quote(String value) {
    sb.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        sb.append('"');
      }
      sb.append(c);
    }
    sb.append('"');
  }

  private static boolean needsQuotes(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }
}
