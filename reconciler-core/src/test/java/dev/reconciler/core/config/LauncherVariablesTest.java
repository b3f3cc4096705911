package dev.reconciler.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rule that keeps launcher variables out of the config override scan, checked against what the
 * launcher reads and what the documentation tells people to set.
 */
class LauncherVariablesTest {
  /** Maven runs tests in the module directory. */
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private static final Pattern VARIABLE = Pattern.compile("RECONCILER_[A-Z0-9_]+");

  private static Set<String> variablesIn(Path file) throws IOException {
    Set<String> names = new TreeSet<>();
    Matcher m = VARIABLE.matcher(Files.readString(file));
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  @Test
  void everyVariableTheLauncherReadsIsALauncherVariable() throws IOException {
    Set<String> read = variablesIn(REPO.resolve("bin/reconciler"));
    assertThat(read).isNotEmpty();
    assertThat(SettingsLoader.LAUNCHER_VARIABLES).containsAll(read);
  }

  @Test
  void everyVariableTheDocumentationMentionsIsAConfigKeyOrALauncherVariable() throws IOException {
    Set<String> documented = new TreeSet<>();
    try (Stream<Path> deploy = Files.walk(REPO.resolve("deploy"))) {
      for (Path file : (Iterable<Path>) deploy.filter(Files::isRegularFile)::iterator) {
        documented.addAll(variablesIn(file));
      }
    }
    documented.addAll(variablesIn(REPO.resolve("README.md")));
    documented.addAll(variablesIn(REPO.resolve("config.ini")));
    assertThat(documented).contains("RECONCILER_CDS_DIR", "RECONCILER_REDIS_URL");
    for (String name : documented) {
      try {
        SettingsLoader.load(null, Map.of(name, "x"));
      } catch (ConfigException e) {
        // A bad value for a real key is fine here: only the name is checked.
        assertThat(e.getMessage())
            .as(name)
            .doesNotContain("names no config section")
            .doesNotContain("unknown key");
      }
    }
  }
}
