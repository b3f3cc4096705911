package dev.reconciler.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/reconciler from this build (Failsafe runs after package) with every variable the README
 * documents for the launcher set: they steer the launcher and are not taken for config overrides.
 */
class LauncherEnvironmentIT {
  /** Maven runs tests in the module directory. */
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void launcherVariablesSteerTheLauncherAndAreNotConfigKeys() throws Exception {
    Path config =
        Files.writeString(dir.resolve("config.ini"), "[paths]\nlog_dir = " + dir.resolve("logs"));
    Path cds = dir.resolve("cds");
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    REPO.resolve("bin/reconciler").toString(),
                    "generate",
                    "-n",
                    "20",
                    "--seed",
                    "1",
                    "--db",
                    dir.resolve("x.db").toString()))
            .directory(dir.toFile())
            .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("RECONCILER_"));
    env.put("RECONCILER_CDS_DIR", cds.toString());
    env.put("RECONCILER_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1");
    env.put("RECONCILER_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    env.put("RECONCILER_CONFIG", config.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(dir.resolve("x.db")).isRegularFile();
    assertThat(cds.resolve("generate.jsa")).as("the archive went to RECONCILER_CDS_DIR").exists();
    try (Stream<Path> kept = Files.list(cds)) {
      assertThat(kept.map(p -> p.getFileName().toString()))
          .as("SQLite's native library is kept beside the archives")
          .anyMatch(name -> name.startsWith("sqlite-") && !name.endsWith(".tmp"));
    }
  }
}
