package dev.reconciler.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds {@link Settings}: the packaged defaults (the repository's config.ini), then the given
 * file, then RECONCILER_SECTION_KEY environment variables. Unknown sections and keys are errors, so
 * a typo never silently falls back to a default.
 */
public final class SettingsLoader {
  /** Environment variables with the prefix that configure the launcher, not a setting. */
  private static final Set<String> LAUNCHER_VARIABLES =
      Set.of("RECONCILER_CONFIG", "RECONCILER_HOME", "RECONCILER_OPTS", "RECONCILER_JAVA");

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
    } catch (IOException e) {
      throw new ConfigException(origin + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static void overlay(RawConfig base, RawConfig over) {
    over.sections()
        .forEach(
            (section, keys) ->
                keys.forEach(
                    (key, value) -> {
                      if (!base.sections().containsKey(section)) {
                        throw new ConfigException(
                            value.origin() + ": unknown section [" + section + "]");
                      }
                      if (!base.has(section, key)) {
                        throw new ConfigException(
                            value.origin() + ": unknown key [" + section + "] " + key);
                      }
                      base.put(section, key, value.text(), value.origin());
                    }));
  }

  private static void overlayEnvironment(RawConfig base, Map<String, String> env) {
    env.forEach(
        (name, value) -> {
          if (!name.startsWith(PREFIX) || LAUNCHER_VARIABLES.contains(name)) {
            return;
          }
          String rest = name.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
          String section =
              base.sections().keySet().stream()
                  .filter(s -> rest.startsWith(s + "_"))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new ConfigException(
                              "environment variable "
                                  + name
                                  + " names no config section (expected RECONCILER_<SECTION>_<KEY>)"));
          String key = rest.substring(section.length() + 1);
          if (!base.has(section, key)) {
            throw new ConfigException(
                "environment variable " + name + ": unknown key [" + section + "] " + key);
          }
          base.put(section, key, value.strip(), "environment variable " + name);
        });
  }
}
