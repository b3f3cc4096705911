package dev.reconciler.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.reconciler.core.config.SettingsLoader;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd units in deploy/systemd: what they run, how they stop, and that systemd knows every
 * key.
 */
class SystemdUnitsTest {
  /** Maven runs tests in the module directory; the units live at the repository root. */
  private static final Path UNITS = Path.of("..", "deploy", "systemd");

  private static final Path WORKER = UNITS.resolve("reconciler-worker@.service");
  private static final Path SCHEDULER = UNITS.resolve("reconciler-scheduler.service");
  private static final String LAUNCHER = "/opt/reconciler/bin/reconciler";

  /**
   * After the grace, WorkerProcess.shutdown interrupts running jobs and waits this long for them.
   */
  private static final long INTERRUPT_WAIT_SECONDS = 30;

  /** Every directive the units may use; anything else is a typo systemd would only warn about. */
  private static final Map<String, Set<String>> KNOWN =
      Map.of(
          "Unit", Set.of("Description", "After", "Wants"),
          "Service",
              Set.of(
                  "Type",
                  "User",
                  "Group",
                  "WorkingDirectory",
                  "Environment",
                  "EnvironmentFile",
                  "ExecStart",
                  "Restart",
                  "RestartSec",
                  "RestartPreventExitStatus",
                  "KillSignal",
                  "KillMode",
                  "TimeoutStopSec",
                  "SuccessExitStatus",
                  "NoNewPrivileges",
                  "ProtectSystem",
                  "ReadWritePaths",
                  "PrivateTmp",
                  "ProtectHome"),
          "Install", Set.of("WantedBy"));

  private final UnitFile worker = UnitFile.read(WORKER);
  private final UnitFile scheduler = UnitFile.read(SCHEDULER);

  @Test
  void parserKeepsRepeatedKeysAndSkipsBothCommentStyles() {
    UnitFile unit =
        UnitFile.parse(
            "t.service",
            "# comment\n[Service]\n; comment\nEnvironment=A=1\nEnvironment=\"B=two words\"\n  User = x \n");

    assertThat(unit.values("Service", "Environment")).containsExactly("A=1", "\"B=two words\"");
    assertThat(unit.environment()).containsEntry("A", "1").containsEntry("B", "two words");
    assertThat(unit.value("Service", "User")).isEqualTo("x");
    assertThatThrownBy(() -> UnitFile.parse("t.service", "User=x\n"))
        .hasMessageContaining("t.service:1");
  }

  @Test
  void bothUnitsHaveUnitServiceAndInstallSections() {
    for (UnitFile unit : List.of(worker, scheduler)) {
      assertThat(unit.sections()).as(unit.name()).containsOnlyKeys("Unit", "Service", "Install");
      assertThat(unit.value("Install", "WantedBy")).as(unit.name()).isEqualTo("multi-user.target");
      assertThat(unit.values("Unit", "After")).as(unit.name()).contains("network-online.target");
      assertThat(unit.values("Unit", "Wants")).as(unit.name()).contains("network-online.target");
    }
  }

  @Test
  void everyDirectiveIsOneWeKnow() {
    for (UnitFile unit : List.of(worker, scheduler)) {
      unit.sections()
          .forEach(
              (section, directives) ->
                  directives.forEach(
                      d ->
                          assertThat(KNOWN.get(section))
                              .as("%s:%d: [%s] %s", unit.name(), d.line(), section, d.key())
                              .contains(d.key())));
    }
  }

  @Test
  void execStartRunsTheInstalledLauncherWithTheRightCommand() {
    assertThat(worker.value("Service", "ExecStart")).isEqualTo(LAUNCHER + " worker");
    assertThat(scheduler.value("Service", "ExecStart")).isEqualTo(LAUNCHER + " scheduler");
  }

  @Test
  void bothRestartAlwaysAndStopWithSigterm() {
    for (UnitFile unit : List.of(worker, scheduler)) {
      assertThat(unit.value("Service", "Restart")).as(unit.name()).isEqualTo("always");
      assertThat(unit.value("Service", "RestartPreventExitStatus")).as(unit.name()).isEqualTo("2");
      assertThat(unit.value("Service", "KillSignal")).as(unit.name()).isEqualTo("SIGTERM");
      assertThat(unit.value("Service", "KillMode")).as(unit.name()).isEqualTo("mixed");
      assertThat(unit.value("Service", "SuccessExitStatus").split("\\s+"))
          .as(unit.name())
          .contains("143");
      assertThat(seconds(unit, "TimeoutStopSec")).as(unit.name()).isPositive();
    }
  }

  @Test
  void workerStopTimeoutOutlastsGraceAndInterruptWait() {
    long grace =
        SettingsLoader.load(Path.of("..", "config.ini"), Map.of())
            .worker()
            .shutdownGrace()
            .toSeconds();

    assertThat(seconds(worker, "TimeoutStopSec")).isGreaterThan(grace + INTERRUPT_WAIT_SECONDS);
  }

  @Test
  void bothRunAsAnUnprivilegedUserWithConfigAndSecretsFromEtc() {
    for (UnitFile unit : List.of(worker, scheduler)) {
      assertThat(unit.value("Service", "User")).as(unit.name()).isNotBlank().isNotIn("root", "0");
      assertThat(unit.value("Service", "Group")).as(unit.name()).isNotBlank().isNotIn("root", "0");
      assertThat(unit.value("Service", "EnvironmentFile"))
          .as(unit.name())
          .isEqualTo("-/etc/reconciler/reconciler.env");
      assertThat(unit.environment())
          .as(unit.name())
          .containsEntry("RECONCILER_CONFIG", "/etc/reconciler/config.ini");
    }
    assertThat(scheduler.environment())
        .containsEntry("RECONCILER_OPTS", "-Xmx256m -XX:+UseSerialGC");
  }

  @Test
  void workerLeavesItsHeapToTheLauncherWhichSizesItFromTheHost() {
    assertThat(worker.environment()).doesNotContainKeys("RECONCILER_OPTS", "RECONCILER_HEAP");
  }

  @Test
  void workingDirectoryStaysWritableUnderProtectSystemStrict() {
    for (UnitFile unit : List.of(worker, scheduler)) {
      assertThat(unit.value("Service", "ProtectSystem")).as(unit.name()).isEqualTo("strict");
      List<String> writable =
          unit.values("Service", "ReadWritePaths").stream()
              .flatMap(v -> Arrays.stream(v.split("\\s+")))
              .toList();
      assertThat(writable)
          .as(unit.name())
          .contains(unit.value("Service", "WorkingDirectory"), "/var/log/reconciler");
      assertThat(unit.value("Service", "NoNewPrivileges")).as(unit.name()).isEqualTo("yes");
    }
  }

  /** Optional extra: systemd's own check, where systemd-analyze is installed. */
  @Test
  void systemdAnalyzeVerifyFindsNothingToSay(@TempDir Path dir) throws Exception {
    Optional<Path> analyze = onPath("systemd-analyze");
    assumeTrue(analyze.isPresent(), "systemd-analyze not installed");
    // verify insists that ExecStart exists: point the copies at a stand-in for the launcher.
    Path launcher = Files.writeString(dir.resolve("reconciler"), "#!/bin/sh\n");
    launcher.toFile().setExecutable(true);
    List<String> command = new ArrayList<>(List.of(analyze.get().toString(), "verify", "--man=no"));
    for (Path unit : List.of(WORKER, SCHEDULER)) {
      Path copy = dir.resolve(unit.getFileName());
      Files.writeString(copy, Files.readString(unit).replace(LAUNCHER, launcher.toString()));
      command.add(copy.toString());
    }

    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("systemd-analyze finished").isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    // Unknown keys are only warnings (exit 0), so the output must be empty too.
    assertThat(output).isEmpty();
    assertThat(process.exitValue()).isZero();
  }

  private static long seconds(UnitFile unit, String key) {
    String value = unit.value("Service", key);
    assertThat(value).as("%s: %s in plain seconds", unit.name(), key).matches("\\d+");
    return Long.parseLong(value);
  }

  private static Optional<Path> onPath(String program) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
