package dev.reconciler.core.domain;

/**
 * Untrusted text made safe for one line of a log or a terminal: line breaks, other control
 * characters and invisible format characters (bidi overrides, zero-width) are shown as escapes, so
 * data can neither forge a log line nor steer an operator's terminal.
 */
public final class SafeText {
  private SafeText() {}

  /** The text with each unsafe character as an escape: backslash r, n, t, or u and 4 hex digits. */
  public static String line(String s) {
    return line(s, Integer.MAX_VALUE);
  }

  /** As {@link #line(String)}, cut to {@code max} characters with a note of the full length. */
  public static String line(String s, int max) {
    if (s == null) {
      return "null";
    }
    if (s.length() <= max && isSafe(s)) {
      return s;
    }
    int end = Math.min(s.length(), max);
    // A cut between the halves of a surrogate pair would leave half a character behind.
    if (end < s.length() && end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    StringBuilder out = new StringBuilder(end + 16);
    for (int i = 0; i < end; i++) {
      append(out, s.charAt(i));
    }
    if (end < s.length()) {
      out.append("…(").append(s.length()).append(" characters)");
    }
    return out.toString();
  }

  private static boolean isSafe(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (isUnsafe(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a character may not stand as it is on a log or terminal line: a control character, a
   * line or paragraph separator, or an invisible format character (bidi overrides, zero-width).
   */
  public static boolean isUnsafe(char c) {
    return Character.isISOControl(c)
        || c == '\u2028'
        || c == '\u2029'
        || Character.getType(c) == Character.FORMAT;
  }

  private static void append(StringBuilder out, char c) {
    switch (c) {
      case '\r' -> out.append("\\r");
      case '\n' -> out.append("\\n");
      case '\t' -> out.append("\\t");
      default -> {
        if (isUnsafe(c)) {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
    }
  }
}
