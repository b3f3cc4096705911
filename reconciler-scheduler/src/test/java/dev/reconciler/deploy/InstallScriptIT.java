package dev.reconciler.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/install.sh staged into a temporary DESTDIR, from this build's own jars (Failsafe runs
 * after package). In DESTDIR mode the script creates no user, changes no owner, runs no systemctl.
 */
class InstallScriptIT {
  /** Maven runs tests in the module directory. */
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private static final Path TARGET = REPO.resolve("reconciler-scheduler/target");

  @TempDir Path dest;

  @Test
  void stagesLauncherJarsConfigSecretsFileAndUnits() throws Exception {
    Set<String> built = builtJars();

    String output = install();

    assertThat(output).contains("DESTDIR set: not creating user", "systemctl not run");
    Path launcher = dest.resolve("opt/reconciler/bin/reconciler");
    assertThat(launcher).isRegularFile().isExecutable();
    assertThat(names(dest.resolve("opt/reconciler/lib"))).isEqualTo(built);
    assertThat(dest.resolve("etc/reconciler/config.ini"))
        .hasSameTextualContentAs(REPO.resolve("config.ini"));
    Path env = dest.resolve("etc/reconciler/reconciler.env");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env)))
        .isEqualTo("rw-------");
    for (String unit : List.of("reconciler-worker@.service", "reconciler-scheduler.service")) {
      assertThat(dest.resolve("etc/systemd/system").resolve(unit))
          .hasSameTextualContentAs(REPO.resolve("deploy/systemd").resolve(unit));
    }
    assertThat(dest.resolve("var/lib/reconciler")).isDirectory();
    assertThat(dest.resolve("var/log/reconciler")).isDirectory();
  }

  @Test
  void installedLauncherRunsFromLib() throws Exception {
    builtJars();
    install();

    assertThat(run(List.of(dest.resolve("opt/reconciler/bin/reconciler").toString(), "--version")))
        .contains("reconciler 0.1.0");
  }

  @Test
  void secondRunKeepsEditedConfigAndDropsStaleJars() throws Exception {
    builtJars();
    install();
    Path config = dest.resolve("etc/reconciler/config.ini");
    Files.writeString(config, "[redis]\nurl = redis://redis.internal:6379/0\n");
    Path stale =
        Files.writeString(dest.resolve("opt/reconciler/lib/old-dependency-0.9.jar"), "stale");

    String output = install();

    assertThat(output)
        .contains(
            "kept existing /etc/reconciler/config.ini",
            "kept existing /etc/reconciler/reconciler.env");
    assertThat(config).hasContent("[redis]\nurl = redis://redis.internal:6379/0\n");
    assertThat(stale).doesNotExist();
  }

  /** The packaged layout the script installs from; absent means the build did not package. */
  private static Set<String> builtJars() throws IOException {
    assertThat(TARGET.resolve("lib")).as("run after mvn package (Failsafe does)").isDirectory();
    Set<String> jars = new TreeSet<>(names(TARGET.resolve("lib")));
    try (Stream<Path> files = Files.list(TARGET)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(name -> name.startsWith("reconciler-scheduler-") && name.endsWith(".jar"))
          .forEach(jars::add);
    }
    assertThat(jars)
        .anyMatch(name -> name.startsWith("reconciler-scheduler-"))
        .hasSizeGreaterThan(1);
    return jars;
  }

  private String install() throws Exception {
    return run(List.of("bash", REPO.resolve("deploy/install.sh").toString()));
  }

  private String run(List<String> command) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true);
    builder
        .environment()
        .keySet()
        .removeIf(name -> name.equals("PREFIX") || name.equals("SERVICE_USER"));
    builder.environment().put("DESTDIR", dest.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished: %s", command).isTrue();
    assertThat(process.exitValue()).as("exit code of %s; output:%n%s", command, output).isZero();
    return output;
  }

  private static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .collect(TreeSet::new, Set::add, Set::addAll);
    }
  }
}
