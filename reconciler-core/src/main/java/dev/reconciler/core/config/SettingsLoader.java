package dev.reconciler.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
   * The variables bin/reconciler reads (which config file, the JVM's options, the java binary, the
   * class-data archive directory): they share the prefix but are not config keys, so the override
   * scan skips them. Every other RECONCILER_* variable must name a key. A test keeps this list
   * equal to the launcher's.
   */
  public static final Set<String> LAUNCHER_VARIABLES =
      Set.of("RECONCILER_CONFIG", "RECONCILER_OPTS", "RECONCILER_JAVA", "RECONCILER_CDS_DIR");

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

  private static void overlayEnvironment(RawConfig base, Map<String, String> env) {
    env.forEach(
        (name, value) -> {
          if (!name.startsWith(PREFIX) || LAUNCHER_VARIABLES.contains(name)) {
            return;
          }
          String shown = Masking.printable(name);
          String rest = name.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
          String section =
              base.sections().keySet().stream()
                  .filter(s -> rest.startsWith(s + "_"))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new ConfigException(
                              "environment variable "
                                  + shown
                                  + " names no config section (expected RECONCILER_<SECTION>_<KEY>;"
                                  + " the launcher's own are "
                                  + String.join(", ", new TreeSet<>(LAUNCHER_VARIABLES))
                                  + ")"));
          String key = rest.substring(section.length() + 1);
          if (!base.has(section, key)) {
            throw new ConfigException(
                "environment variable "
                    + shown
                    + ": unknown key ["
                    + section
                    + "] "
                    + Masking.printable(key));
          }
          base.put(section, key, value.strip(), "environment variable " + name);
        });
  }
}
