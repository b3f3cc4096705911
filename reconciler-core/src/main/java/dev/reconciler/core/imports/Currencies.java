package dev.reconciler.core.imports;

import dev.reconciler.core.load.Cleaner;
import dev.reconciler.core.load.Utf8;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Currency cells to ISO-4217 codes: three ASCII letters in any case, known to java.util.Currency
 * and, when [reconciliation] currencies lists any, one of them. Not thread-safe (one per parse).
 */
public final class Currencies {
  /** Spellings remembered; a file varying the blanks around a code cannot grow the map past it. */
  private static final int MAX_REMEMBERED = 64;

  private final Set<String> allowed;

  /** Cell text already accepted, to its code: a file repeats a handful of spellings. */
  private final Map<String, String> accepted = new HashMap<>();

  /**
   * @param allowed upper-case codes, or empty for every code Java knows
   */
  public Currencies(Set<String> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  /**
   * The upper-case code of a currency cell.
   *
   * @throws RowRejected "missing currency", "unknown currency 'X'", or that X is not listed in
   *     [reconciliation] currencies
   */
  public String code(String cell) {
    String known = accepted.get(cell);
    if (known != null) {
      return known;
    }
    String text = Utf8.strip(cell);
    if (text.isEmpty()) {
      throw new RowRejected("missing currency");
    }
    String code = upperCaseLetters(text);
    if (code == null || !Cleaner.isIsoCode(code)) {
      throw new RowRejected("unknown currency " + Cells.quoted(text));
    }
    if (!allowed.isEmpty() && !allowed.contains(code)) {
      throw new RowRejected("currency " + Cells.quoted(text) + Cleaner.NOT_LISTED);
    }
    if (accepted.size() < MAX_REMEMBERED) {
      accepted.put(cell, code);
    }
    return code;
  }

  /** The text in upper case when it is three ASCII letters, else null. */
  private static String upperCaseLetters(String text) {
    if (text.length() != 3) {
      return null;
    }
    char[] out = new char[3];
    for (int i = 0; i < 3; i++) {
      char c = text.charAt(i);
      if (c >= 'a' && c <= 'z') {
        c = (char) (c - 'a' + 'A');
      } else if (c < 'A' || c > 'Z') {
        return null;
      }
      out[i] = c;
    }
    return new String(out);
  }
}
