package dev.reconciler.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How bin/reconciler sizes the heap from the machine: run as an install (the launcher beside a
 * lib/) with a stand-in for java that prints the options it was given, and /proc and /sys read from
 * a made-up tree (RECONCILER_SYSTEM_ROOT).
 */
class LauncherHeapTest {
  /** Maven runs tests in the module directory. */
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private static final long GIB_KB = 1024 * 1024;

  private static final String HUGE_PAGES = "-XX:+UseTransparentHugePages";

  @TempDir Path dir;

  private Path launcher;
  private Path fakeJava;
  private Path system;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void install() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("install/bin"));
    Files.createDirectories(dir.resolve("install/lib"));
    Files.writeString(dir.resolve("install/lib/reconciler.jar"), "");
    launcher = Files.copy(REPO.resolve("bin/reconciler"), bin.resolve("reconciler"));
    fakeJava = Files.writeString(dir.resolve("java"), "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
    fakeJava.toFile().setExecutable(true);
    system = Files.createDirectories(dir.resolve("system"));
    Files.createDirectories(system.resolve("proc/self"));
    Files.writeString(system.resolve("proc/self/cgroup"), "0::/\n");
  }

  @Test
  void aBatchCommandTakesHalfTheMachineAndAWorkerAFifth() throws Exception {
    memTotal(16 * GIB_KB);

    assertThat(options("reconcile")).contains("-Xmx8192m", "-Xms1024m", "-Xmn128m");
    assertThat(options("worker")).contains("-Xmx3276m").doesNotContain("-Xms1024m");
  }

  @Test
  void aCgroupV2LimitOnTheUnitOrAnAncestorBindsBelowTheMachine() throws Exception {
    memTotal(16 * GIB_KB);
    Files.writeString(system.resolve("proc/self/cgroup"), "0::/system.slice/worker.service\n");
    limit("sys/fs/cgroup/system.slice/worker.service/memory.max", "max");
    limit("sys/fs/cgroup/system.slice/memory.max", String.valueOf(8L << 30));

    assertThat(options("reconcile")).contains("-Xmx4096m");
  }

  @Test
  void aCgroupV1LimitBindsAndItsUnlimitedValueDoesNot() throws Exception {
    memTotal(16 * GIB_KB);
    Files.writeString(
        system.resolve("proc/self/cgroup"), "5:cpu,cpuacct:/\n4:memory:/docker/abc\n0::/\n");
    limit("sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes", "9223372036854771712");
    limit("sys/fs/cgroup/memory/memory.limit_in_bytes", String.valueOf(4L << 30));

    assertThat(options("reconcile")).contains("-Xmx2048m");
  }

  @Test
  void neverBelowOneGigabyteWhereTheMachineHasRoomAndNeverAboveCompressedPointers()
      throws Exception {
    memTotal(2 * GIB_KB);
    assertThat(options("worker")).contains("-Xmx1024m");

    memTotal(GIB_KB);
    assertThat(options("reconcile")).as("three quarters of 1 GB").contains("-Xmx768m", "-Xms768m");

    memTotal(256 * GIB_KB);
    assertThat(options("reconcile")).contains("-Xmx31744m");
  }

  @Test
  void reconcilerHeapTakesASizeOrAShareOfMemory() throws Exception {
    memTotal(16 * GIB_KB);

    env.put("RECONCILER_HEAP", "6g");
    assertThat(options("worker")).contains("-Xmx6144m");
    env.put("RECONCILER_HEAP", "60%");
    assertThat(options("reconcile")).contains("-Xmx9830m");
    env.put("RECONCILER_HEAP", "08%");
    assertThat(options("reconcile")).as("not octal").contains("-Xmx1310m");
    env.put("RECONCILER_HEAP", "512m");
    assertThat(options("reconcile")).as("a size is taken as asked").contains("-Xmx512m");
  }

  @Test
  void aSmallHeapGetsAQuarterOfItAsYoungGeneration() throws Exception {
    env.put("RECONCILER_HEAP", "256m");

    assertThat(options("reconcile")).contains("-Xmx256m", "-Xms256m", "-Xmn64m");
  }

  @Test
  void aBadReconcilerHeapStopsTheLauncherWithOneLine() throws Exception {
    for (String bad : List.of("lots", "0g", "0%", "101%", "4 g", "4gb")) {
      env.put("RECONCILER_HEAP", bad);

      Run run = launch("reconcile");

      assertThat(run.code()).as(bad).isEqualTo(2);
      assertThat(run.output())
          .isEqualTo(
              "reconciler: RECONCILER_HEAP="
                  + bad
                  + ": expected a size such as 4g or 4096m, or a share of memory such as 60%\n");
    }
  }

  @Test
  void reconcilerOptsStillReplacesEveryDefault() throws Exception {
    memTotal(16 * GIB_KB);
    env.put("RECONCILER_HEAP", "6g");
    env.put("RECONCILER_OPTS", "-Xmx300m -XX:+UseSerialGC");
    limit("sys/kernel/mm/transparent_hugepage/enabled", "always [madvise] never");

    assertThat(options("worker"))
        .startsWith(
            "-Xmx300m", "-XX:+UseSerialGC", "-Dreconciler.native.dir=" + dir.resolve("cds"), "-cp")
        .doesNotContain("-Xmx6144m", "-Xmn128m", HUGE_PAGES);
  }

  @Test
  void aHelpRunWritesNoClassArchiveForTheRealRunsToCome() throws Exception {
    assertThat(options("reconcile", "--help"))
        .noneMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit"))
        .noneMatch(o -> o.startsWith("-XX:SharedArchiveFile"));
    assertThat(options("reconcile", "--version"))
        .noneMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit"));
    assertThat(options("reconcile", "--date", "2026-11-24"))
        .anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit"));
  }

  @Test
  void theHeapTakesHugePagesOnlyWhereTheKernelGivesThemOnRequestOrAlways() throws Exception {
    assertThat(options("reconcile")).as("unknown").doesNotContain(HUGE_PAGES);
    for (String mode : List.of("always [madvise] never", "[always] madvise never")) {
      limit("sys/kernel/mm/transparent_hugepage/enabled", mode);
      assertThat(options("reconcile")).as(mode).contains(HUGE_PAGES);
      assertThat(options("worker")).as(mode).contains(HUGE_PAGES);
    }
    limit("sys/kernel/mm/transparent_hugepage/enabled", "always madvise [never]");
    assertThat(options("reconcile")).as("off").doesNotContain(HUGE_PAGES);
  }

  @Test
  void anUnreadableMachineKeepsTheOldFixedHeap() throws Exception {
    assertThat(options("worker")).contains("-Xmx1024m");
  }

  private void memTotal(long kb) throws IOException {
    Files.writeString(
        system.resolve("proc/meminfo"),
        "MemFree:         1000 kB\nMemTotal:       " + kb + " kB\nSwapTotal: 0 kB\n");
  }

  private void limit(String path, String value) throws IOException {
    Path file = system.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, value + "\n");
  }

  /** The options the launcher gave java (and the command line after them). */
  private List<String> options(String... command) throws Exception {
    Run run = launch(command);
    assertThat(run.code()).as(run.output()).isZero();
    return run.output().lines().toList();
  }

  private record Run(int code, String output) {}

  private Run launch(String... command) throws Exception {
    List<String> line = new java.util.ArrayList<>(List.of(launcher.toString()));
    line.addAll(List.of(command));
    ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("RECONCILER_"));
    builder.environment().put("RECONCILER_JAVA", fakeJava.toString());
    builder.environment().put("RECONCILER_CDS_DIR", dir.resolve("cds").toString());
    builder.environment().put("RECONCILER_SYSTEM_ROOT", system.toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }
}
