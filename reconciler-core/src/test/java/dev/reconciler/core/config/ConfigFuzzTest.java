package dev.reconciler.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.fuzz.HostileStrings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile values, keys and variable names through the INI file and the environment: the loader
 * returns settings or a one-line {@link ConfigException} naming where the bad text came from, and a
 * value it accepts is exactly what was written, trimmed.
 */
class ConfigFuzzTest {
  private static final int COUNT = 1_000;

  @TempDir Path dir;

  private Path write(String text) {
    try {
      // Written as bytes: an unpaired surrogate becomes '?', as any editor would save it.
      return Files.write(dir.resolve("config.ini"), text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hasLineBreak(String s) {
    return s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
  }

  private static boolean isText(String s) {
    return s.codePoints()
        .noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE);
  }

  /** Settings, or a ConfigException on one line that names {@code origin}: nothing else. */
  private static Settings loadOrReject(String origin, java.util.function.Supplier<Settings> load) {
    try {
      return load.get();
    } catch (ConfigException e) {
      assertThat(e.getMessage()).contains(origin).doesNotContain("\n").doesNotContain("\r");
      return null;
    }
  }

  private void freeTextValueReadsBackExactly(
      String key, Function<Settings, String> read, long seed) {
    HostileStrings.forEach(
        seed,
        COUNT,
        List.of("a ;b #c", "[Ops] #1 ; urgent", "\"quoted\" \\", "${env:HOME}"),
        value -> {
          Path file = write("[email]\n" + key + " = " + value + "\n");
          String origin = file.toAbsolutePath().toString();
          Settings s = loadOrReject(origin, () -> SettingsLoader.load(file, Map.of()));
          String written =
              new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
          if (!hasLineBreak(value)) {
            if (isText(written.strip())) {
              assertThat(s).isNotNull();
              assertThat(read.apply(s)).isEqualTo(written.strip());
            } else {
              assertThat(s).isNull();
            }
          }
          Settings e =
              loadOrReject(
                  "RECONCILER_EMAIL_" + key.toUpperCase(),
                  () ->
                      SettingsLoader.load(
                          null, Map.of("RECONCILER_EMAIL_" + key.toUpperCase(), value)));
          if (isText(value.strip())) {
            assertThat(e).isNotNull();
            assertThat(read.apply(e)).isEqualTo(value.strip());
          } else {
            assertThat(e).isNull();
          }
        });
  }

  @Test
  void aPasswordIsReadBackAsWrittenOrRejectedWithoutBeingShown() {
    freeTextValueReadsBackExactly("password", s -> s.email().password(), 16);
  }

  @Test
  void aSubjectPrefixIsReadBackAsWrittenOrRejected() {
    freeTextValueReadsBackExactly("subject_prefix", s -> s.email().subjectPrefix(), 17);
  }

  @Test
  void typedValuesAreAcceptedOrRejectedNamingSectionAndKey() {
    Map<String, List<String>> keys =
        Map.of(
            "reconciliation_amount_tolerance", List.of("0.01", "1e309", "0.0001"),
            "reconciliation_timezone", List.of("UTC", "Europe/Berlin", "+14:00"),
            "redis_url", List.of("redis://app:pw@127.0.0.1:6379/0", "rediss://h:6380", "embedded"),
            "email_port", List.of("587", "65535"),
            "paths_database", List.of("data/reconciler.db", "/var/lib/x.db"),
            "schedule_misfire", List.of("skip", "fire_once"),
            "email_attach_report", List.of("true", "off"));
    keys.forEach(
        (variable, examples) -> {
          int split = variable.indexOf('_');
          String section = variable.substring(0, split);
          String key = variable.substring(split + 1);
          HostileStrings.forEach(
              variable.hashCode(),
              COUNT / 4,
              examples,
              value -> {
                Path file = write("[" + section + "]\n" + key + " = " + value + "\n");
                try {
                  SettingsLoader.load(file, Map.of());
                } catch (ConfigException e) {
                  assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r");
                  assertThat(e.getMessage()).contains(file.toAbsolutePath().toString());
                  if (!hasLineBreak(value)) {
                    assertThat(e.getMessage()).contains("[" + section + "] " + key);
                  }
                }
                String name = "RECONCILER_" + variable.toUpperCase();
                try {
                  SettingsLoader.load(null, Map.of(name, value));
                } catch (ConfigException e) {
                  assertThat(e.getMessage())
                      .doesNotContain("\n")
                      .doesNotContain("\r")
                      .contains("environment variable " + name + ": [" + section + "] " + key);
                }
              });
        });
  }

  @Test
  void hostileKeysAndSectionsAreRejectedNamingTheFile() {
    HostileStrings.forEach(
        18,
        COUNT,
        List.of("password", "subject_prefix", "email", "[email]"),
        name -> {
          for (String text :
              List.of("[email]\n" + name + " = x\n", "[" + name + "]\npassword = x\n")) {
            Path file = write(text);
            loadOrReject(
                file.toAbsolutePath().toString(), () -> SettingsLoader.load(file, Map.of()));
          }
        });
  }

  @Test
  void hostileVariableNamesAreIgnoredOrRejectedNamingTheVariable() {
    HostileStrings.forEach(
        19,
        COUNT,
        List.of("EMAIL_PASSWORD", "CDS_DIR", "REDIS_URL"),
        name -> {
          String variable = "RECONCILER_" + name;
          loadOrReject(
              "environment variable " + Masking.printable(variable),
              () -> SettingsLoader.load(null, Map.of(variable, "x")));
        });
  }
}
