package dev.reconciler.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadPathsTest {
  @TempDir Path dir;

  private Settings.Paths paths(String allowedRoots) {
    Map<String, String> env = new HashMap<>();
    env.put("RECONCILER_PATHS_DATA_DIR", dir.resolve("data").toString());
    env.put("RECONCILER_PATHS_DATABASE", dir.resolve("db/in.db").toString());
    env.put("RECONCILER_PATHS_REPORT_DIR", dir.resolve("reports").toString());
    env.put("RECONCILER_PATHS_ALLOWED_ROOTS", allowedRoots);
    return SettingsLoader.load(null, env).paths();
  }

  @Test
  void nullMeansTheConfiguredPath() {
    Settings.Paths paths = paths("");

    assertThat(PayloadPaths.database(null, paths)).isEqualTo(dir.resolve("db/in.db"));
    assertThat(PayloadPaths.reportDir(null, paths)).isEqualTo(dir.resolve("reports"));
  }

  @Test
  void allowsTheConfiguredPathsAndAnythingUnderDataDir() {
    Settings.Paths paths = paths("");

    assertThat(PayloadPaths.database(dir + "/db/./in.db", paths)).isNotNull();
    assertThat(PayloadPaths.database(dir + "/data/other.db", paths))
        .isEqualTo(dir.resolve("data/other.db"));
    assertThat(PayloadPaths.reportDir(dir + "/reports", paths)).isNotNull();
    assertThat(PayloadPaths.reportDir(dir + "/reports/rerun", paths)).isNotNull();
    assertThat(PayloadPaths.reportDir(dir + "/data/reports-2", paths)).isNotNull();
  }

  @Test
  void refusesAnythingElseNamingThePathAndTheAllowedRoots() {
    Settings.Paths paths = paths("");

    assertThatThrownBy(() -> PayloadPaths.database("/etc/passwd", paths))
        .isInstanceOf(BadArguments.class)
        .hasMessageContaining("'/etc/passwd'")
        .hasMessageContaining(dir.resolve("db/in.db").toString())
        .hasMessageContaining("allowed_roots (none)");
    assertThatThrownBy(() -> PayloadPaths.database(dir + "/db/other.db", paths))
        .isInstanceOf(BadArguments.class);
    assertThatThrownBy(() -> PayloadPaths.reportDir(dir.toString(), paths))
        .isInstanceOf(BadArguments.class)
        .hasMessageContaining("report dir");
  }

  @Test
  void allowsPathsUnderTheConfiguredAllowedRoots() throws IOException {
    Path extra = Files.createDirectories(dir.resolve("srv/in"));
    Settings.Paths paths = paths(extra + ", " + dir.resolve("elsewhere"));

    assertThat(paths.allowedRoots()).containsExactly(extra, dir.resolve("elsewhere"));
    assertThat(PayloadPaths.database(extra + "/q4.db", paths)).isEqualTo(extra.resolve("q4.db"));
    assertThat(PayloadPaths.reportDir(dir + "/elsewhere/r", paths)).isNotNull();
    assertThatThrownBy(() -> PayloadPaths.database(dir + "/srv/other.db", paths))
        .hasMessageContaining(extra.toString());
  }

  @Test
  void refusesALinkUnderDataDirThatPointsOutside() throws IOException {
    Path outside = Files.writeString(dir.resolve("secret.db"), "x");
    Path data = Files.createDirectories(dir.resolve("data"));
    Path link = Files.createSymbolicLink(data.resolve("in.db"), outside);
    Path linkedDir = Files.createSymbolicLink(data.resolve("out"), dir);

    assertThatThrownBy(() -> PayloadPaths.database(link.toString(), paths("")))
        .isInstanceOf(BadArguments.class);
    assertThatThrownBy(() -> PayloadPaths.reportDir(linkedDir + "/x", paths("")))
        .isInstanceOf(BadArguments.class);
  }
}
