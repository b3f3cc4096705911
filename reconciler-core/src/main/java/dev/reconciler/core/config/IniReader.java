package dev.reconciler.core.config;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Reads config.ini's plain INI dialect: {@code [section]} lines, {@code key = value} lines, and
 * comment lines whose first non-blank character is ; or #. There are no inline comments, quotes,
 * escapes or continuation lines: everything after the first = is the value, with surrounding white
 * space trimmed, so a password such as {@code a ;b #c} is read exactly as written.
 *
 * <p>commons-configuration2's INIConfiguration was dropped for this: it ends a value at " ;" or "
 * #" (its one switch for that also turns off comment lines), strips quotes, joins lines ending in a
 * backslash and interpolates ${...}, each of which silently changes a value.
 */
final class IniReader {
  private static final char BYTE_ORDER_MARK = '\ufeff';

  private final String origin;
  private final RawConfig into;
  private final Map<String, Integer> firstLine = new HashMap<>();
  private String section;
  private int lineNumber;

  private IniReader(String origin, RawConfig into) {
    this.origin = origin;
    this.into = into;
  }

  /** Parses INI text; errors name {@code origin} and the line. */
  static RawConfig parse(String text, String origin) {
    RawConfig raw = new RawConfig();
    IniReader reader = new IniReader(origin, raw);
    String body = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    for (Iterator<String> lines = body.lines().iterator(); lines.hasNext(); ) {
      reader.line(lines.next().strip());
    }
    return raw;
  }

  private void line(String line) {
    lineNumber++;
    if (line.isEmpty() || line.charAt(0) == ';' || line.charAt(0) == '#') {
      return;
    }
    if (line.charAt(0) == '[') {
      section(line);
      return;
    }
    int equals = line.indexOf('=');
    if (equals < 0) {
      throw error("expected [section], key = value, or a comment line starting with ; or #");
    }
    String key = line.substring(0, equals).strip().toLowerCase(Locale.ROOT);
    if (key.isEmpty()) {
      throw error("no key before '='");
    }
    if (section == null) {
      throw error("key '" + Masking.printable(key) + "' is outside any [section]");
    }
    Integer previous = firstLine.putIfAbsent(section + "\n" + key, lineNumber);
    if (previous != null) {
      throw error(
          "["
              + Masking.printable(section)
              + "] "
              + Masking.printable(key)
              + " is set twice (also on line "
              + previous
              + ")");
    }
    into.put(section, key, line.substring(equals + 1).strip(), origin);
  }

  private void section(String line) {
    String name = line.endsWith("]") ? line.substring(1, line.length() - 1).strip() : "";
    if (name.isEmpty()) {
      throw error("expected a section header such as [redis] (nothing may follow the ])");
    }
    section = name.toLowerCase(Locale.ROOT);
    into.declare(section, origin);
  }

  private ConfigException error(String what) {
    return new ConfigException(origin + ": line " + lineNumber + ": " + what);
  }
}
