package dev.reconciler.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A systemd unit file read just far enough for tests: sections, {@code key=value} lines (a key may
 * repeat, as Environment= does), {@code #} and {@code ;} comments. No line continuations.
 */
record UnitFile(String name, Map<String, List<Directive>> sections) {

  /** One {@code key=value} line, with its line number for messages. */
  record Directive(String key, String value, int line) {}

  static UnitFile read(Path file) {
    try {
      return parse(file.getFileName().toString(), Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static UnitFile parse(String name, String text) {
    Map<String, List<Directive>> sections = new LinkedHashMap<>();
    List<Directive> current = null;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      int number = i + 1;
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        current =
            sections.computeIfAbsent(line.substring(1, line.length() - 1), s -> new ArrayList<>());
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0 || current == null) {
        throw new IllegalArgumentException(
            name + ":" + number + ": expected key=value inside a section: " + line);
      }
      current.add(
          new Directive(line.substring(0, eq).strip(), line.substring(eq + 1).strip(), number));
    }
    return new UnitFile(name, sections);
  }

  List<Directive> directives(String section) {
    return sections.getOrDefault(section, List.of());
  }

  /** Every value of {@code key} in {@code section}, in file order. */
  List<String> values(String section, String key) {
    return directives(section).stream()
        .filter(d -> d.key().equals(key))
        .map(Directive::value)
        .toList();
  }

  /** The value of a key that must appear exactly once. */
  String value(String section, String key) {
    List<String> values = values(section, key);
    if (values.size() != 1) {
      throw new AssertionError(
          name + ": expected one [" + section + "] " + key + "=, found " + values);
    }
    return values.get(0);
  }

  /** Environment= assignments as a map; each line holds one, optionally in double quotes. */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String value : values("Service", "Environment")) {
      String unquoted =
          value.startsWith("\"") && value.endsWith("\"")
              ? value.substring(1, value.length() - 1)
              : value;
      int eq = unquoted.indexOf('=');
      env.put(unquoted.substring(0, eq), unquoted.substring(eq + 1));
    }
    return env;
  }
}
