package dev.reconciler.core.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.configuration2.INIConfiguration;
import org.apache.commons.configuration2.SubnodeConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;

/**
 * Section → key → value, each value remembering where it came from, so that every error can name
 * the file (or environment variable), the section and the key.
 */
final class RawConfig {
  record Value(String text, String origin) {}

  private final Map<String, Map<String, Value>> sections = new LinkedHashMap<>();

  /** Parses INI text; every key must sit in a section. */
  static RawConfig parse(String text, String origin) {
    INIConfiguration ini = new INIConfiguration();
    try (Reader reader = new StringReader(text)) {
      ini.read(reader);
    } catch (ConfigurationException | IOException e) {
      throw new ConfigException(origin + ": not a readable INI file: " + e.getMessage(), e);
    }
    RawConfig raw = new RawConfig();
    for (String section : ini.getSections()) {
      SubnodeConfiguration sub = ini.getSection(section);
      for (Iterator<String> keys = sub.getKeys(); keys.hasNext(); ) {
        String key = keys.next();
        if (section == null) {
          throw new ConfigException(origin + ": key '" + key + "' is outside any [section]");
        }
        String value = sub.getString(key, "");
        raw.put(
            section.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT), value.strip(), origin);
      }
    }
    return raw;
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
