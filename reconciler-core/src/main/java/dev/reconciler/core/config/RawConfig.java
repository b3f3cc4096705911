package dev.reconciler.core.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Section → key → value, each value remembering where it came from, so that every error can name
 * the file (or environment variable), the section and the key.
 */
final class RawConfig {
  record Value(String text, String origin) {}

  private final Map<String, Map<String, Value>> sections = new LinkedHashMap<>();
  private final Map<String, String> sectionOrigins = new LinkedHashMap<>();

  /** Parses INI text (see {@link IniReader} for the dialect); every key must sit in a section. */
  static RawConfig parse(String text, String origin) {
    return IniReader.parse(text, origin);
  }

  /** Records a section, so that even one without keys is checked against the known sections. */
  void declare(String section, String origin) {
    sections.computeIfAbsent(section, s -> new LinkedHashMap<>());
    sectionOrigins.putIfAbsent(section, origin);
  }

  /** Where a section was first declared. */
  String origin(String section) {
    return sectionOrigins.getOrDefault(section, "config");
  }

  void put(String section, String key, String text, String origin) {
    sections.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(key, new Value(text, origin));
  }

  boolean has(String section, String key) {
    return sections.containsKey(section) && sections.get(section).containsKey(key);
  }

  Value get(String section, String key) {
    Value v = has(section, key) ? sections.get(section).get(key) : null;
    if (v == null) {
      throw new ConfigException("missing [" + section + "] " + key);
    }
    return v;
  }

  Map<String, Map<String, Value>> sections() {
    return sections;
  }
}
