package dev.reconciler.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds {@link Settings}: the packaged defaults (the repository's config.ini), then the given
 * file, then RECONCILER_SECTION_KEY environment variables. Unknown sections and keys are errors, so
 * a typo never silently falls back to a default.
 */
public final class SettingsLoader {
  /**
   * The variables bin/reconciler reads (which config file, the JVM's options, the heap, the java
   * binary, the class-data archive directory, where it reads /proc and /sys): they share the prefix
   * but are not config keys, so the override scan skips them. Every other RECONCILER_* variable
   * must name a key. A test keeps this list equal to the launcher's.
   */
  public static final Set<String> LAUNCHER_VARIABLES =
      Set.of(
          "RECONCILER_CONFIG",
          "RECONCILER_OPTS",
          "RECONCILER_HEAP",
          "RECONCILER_JAVA",
          "RECONCILER_CDS_DIR",
          "RECONCILER_SYSTEM_ROOT");

  private static final String PREFIX = "RECONCILER_";

  private SettingsLoader() {}

  /** Defaults only: what a fresh clone runs with. */
  public static Settings defaults() {
    return new SettingsBuilder(readDefaults()).build();
  }

  /**
   * Defaults overlaid by {@code file} (when not null; it must exist) and by {@code env}.
   *
   * @throws ConfigException naming file, section and key of the first bad value
   */
  public static Settings load(Path file, Map<String, String> env) {
    RawConfig merged = readDefaults();
    if (file != null) {
      overlay(merged, readFile(file));
    }
    overlayEnvironment(merged, env);
    return new SettingsBuilder(merged).build();
  }

  private static RawConfig readDefaults() {
    try (InputStream in = SettingsLoader.class.getResourceAsStream("config.ini")) {
      if (in == null) {
        throw new IllegalStateException("packaged config.ini missing from the classpath");
      }
      return RawConfig.parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in config.ini");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read packaged config.ini", e);
    }
  }

  private static RawConfig readFile(Path file) {
    String origin = file.toAbsolutePath().normalize().toString();
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(origin + ": config file not found");
    }
    try {
      return RawConfig.parse(Files.readString(file, StandardCharsets.UTF_8), origin);
    } catch (CharacterCodingException e) {
      // Java says only "Input length = 1".
      throw new ConfigException(origin + ": cannot read: not UTF-8 text (save it as UTF-8)", e);
    } catch (IOException e) {
      throw new ConfigException(origin + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static void overlay(RawConfig base, RawConfig over) {
    over.sections()
        .forEach(
            (section, keys) -> {
              if (!base.sections().containsKey(section)) {
                throw new ConfigException(
                    over.origin(section)
                        + ": unknown section ["
                        + Masking.printable(section)
                        + "]");
              }
              keys.forEach(
                  (key, value) -> {
                    if (!base.has(section, key)) {
                      throw new ConfigException(
                          value.origin()
                              + ": unknown key ["
                              + section
                              + "] "
                              + Masking.printable(key));
                    }
                    base.put(section, key, value.text(), value.origin());
                  });
            });
  }

  /**
   * A section's part of an environment variable's name: a dot, which a variable name cannot hold,
   * becomes an underscore ([import.csv] is RECONCILER_IMPORT_CSV_KEY).
   */
  static String envName(String section) {
    return section.replace('.', '_');
  }

  private static void overlayEnvironment(RawConfig base, Map<String, String> env) {
    env.forEach(
        (name, value) -> {
          if (!name.startsWith(PREFIX) || LAUNCHER_VARIABLES.contains(name)) {
            return;
          }
          String rest = name.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
          String section = sectionOf(base, name, rest);
          base.put(section, keyOf(section, rest), value.strip(), "environment variable " + name);
        });
  }

  /**
   * The one section whose key {@code rest} ("section_key", lower case) names. Sections are matched
   * by their name's prefix and then by the key, so [import.csv] row_key_column and a key
   * "csv_row_key_column" of an [import] section would be reported as ambiguous, not guessed.
   */
  private static String sectionOf(RawConfig base, String name, String rest) {
    String shown = Masking.printable(name);
    List<String> prefixed =
        base.sections().keySet().stream().filter(s -> rest.startsWith(envName(s) + "_")).toList();
    if (prefixed.isEmpty()) {
      throw new ConfigException(
          "environment variable "
              + shown
              + " names no config section (expected RECONCILER_<SECTION>_<KEY>;"
              + " the launcher's own are "
              + String.join(", ", new TreeSet<>(LAUNCHER_VARIABLES))
              + ")");
    }
    List<String> named = prefixed.stream().filter(s -> base.has(s, keyOf(s, rest))).toList();
    if (named.size() > 1) {
      throw new ConfigException(
          "environment variable " + shown + " is ambiguous: it names a key of each of " + named);
    }
    if (named.isEmpty()) {
      String longest = prefixed.stream().max(Comparator.comparingInt(String::length)).orElseThrow();
      throw new ConfigException(
          "environment variable "
              + shown
              + ": unknown key ["
              + longest
              + "] "
              + Masking.printable(keyOf(longest, rest)));
    }
    return named.get(0);
  }

  private static String keyOf(String section, String rest) {
    return rest.substring(envName(section).length() + 1);
  }
}
