package dev.reconciler.core.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A listening address, {@code host:port} or {@code [IPv6]:port}, as [web] bind and --bind take. */
public record Bind(String host, int port) {
  /** What a bind address must look like, for error messages. */
  public static final String EXPECTED =
      "host:port, e.g. 127.0.0.1:8088 or [::1]:8088 (port 0 to 65535)";

  private static final Pattern FORM =
      Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)\\]|([^\\s:\\[\\]]+)):(\\d{1,5})");

  /**
   * Reads {@code host:port}.
   *
   * @throws IllegalArgumentException when it is not one
   */
  public static Bind parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not " + EXPECTED);
    }
    int port = Integer.parseInt(m.group(3));
    if (port > 65_535) {
      throw new IllegalArgumentException("port over 65535");
    }
    return new Bind(m.group(1) != null ? m.group(1) : m.group(2), port);
  }
}
