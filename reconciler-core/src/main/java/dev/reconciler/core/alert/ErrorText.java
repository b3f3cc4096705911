package dev.reconciler.core.alert;

/**
 * The error text a failure alert shows. It comes from a queue payload, so it is bounded and keeps
 * only what a body needs: line breaks (as LF) and tabs; other control characters, which could steer
 * a terminal or confuse a mail client, are dropped.
 */
public final class ErrorText {
  /** Longest error text shown; a stack of causes is rarely longer, a payload may be. */
  public static final int MAX_CHARS = 8_000;

  private ErrorText() {}

  /**
   * CR LF and lone CR become LF, line and paragraph separators become LF, tabs stay, every other
   * control character is dropped; longer than {@link #MAX_CHARS}, the text is cut and ends with a
   * note of its full length, the whole staying within the limit. Applying it again changes nothing;
   * null stays null.
   */
  public static String forBody(String text) {
    if (text == null) {
      return null;
    }
    String note = "… (truncated from " + text.length() + " characters)";
    boolean cut = text.length() > MAX_CHARS;
    int end = cut ? MAX_CHARS - note.length() : text.length();
    if (cut && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    StringBuilder out = new StringBuilder(end + (cut ? note.length() : 0));
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        if (i + 1 >= end || text.charAt(i + 1) != '\n') {
          out.append('\n');
        }
      } else if (c == '\n' || c == '\t') {
        out.append(c);
      } else if (c == '\u2028' || c == '\u2029' || c == '\u0085') {
        out.append('\n');
      } else if (!Character.isISOControl(c)) {
        out.append(c);
      }
    }
    return cut ? out.append(note).toString() : out.toString();
  }
}
