package dev.reconciler.core.load;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A column of a few distinct texts (currency codes) by position, held as 2-byte codes into a table
 * of the distinct values: a day repeats a handful of codes a million times, and a reference each
 * cost twice as much. Values keep their instances, so what is read back is what was set.
 */
final class Codes {
  /** Distinct values a lookup scans before it keeps a map: a day usually has fewer. */
  private static final int SCANNED = 16;

  private char[] codes;
  private String[] values = new String[8];
  private int distinct;
  private Map<String, Character> byValue;
  private String last;
  private char lastCode;

  Codes(int capacity) {
    codes = new char[capacity];
  }

  void set(int position, String value) {
    codes[position] = value == last && distinct > 0 ? lastCode : code(value);
  }

  String get(int position) {
    return values[codes[position]];
  }

  /** The code at {@code position}: an index below {@link #distinct} into {@link #value}. */
  int code(int position) {
    return codes[position];
  }

  int distinct() {
    return distinct;
  }

  String value(int code) {
    return values[code];
  }

  void grow(int capacity) {
    codes = Arrays.copyOf(codes, capacity);
  }

  private char code(String value) {
    char code = byValue != null ? byValue.getOrDefault(value, Character.MAX_VALUE) : scan(value);
    if (code == Character.MAX_VALUE) {
      code = add(value);
    }
    last = value;
    lastCode = code;
    return code;
  }

  private char scan(String value) {
    for (int k = 0; k < distinct; k++) {
      if (values[k] == value || (values[k] != null && values[k].equals(value))) {
        return (char) k;
      }
    }
    return Character.MAX_VALUE;
  }

  private char add(String value) {
    if (distinct == Character.MAX_VALUE) {
      throw new IllegalStateException("more than " + (int) Character.MAX_VALUE + " distinct codes");
    }
    if (distinct == values.length) {
      values = Arrays.copyOf(values, distinct * 2);
    }
    values[distinct] = value;
    char code = (char) distinct++;
    if (byValue == null && distinct > SCANNED) {
      byValue = new HashMap<>();
      for (int k = 0; k < distinct; k++) {
        byValue.put(values[k], (char) k);
      }
    } else if (byValue != null) {
      byValue.put(value, code);
    }
    return code;
  }
}
