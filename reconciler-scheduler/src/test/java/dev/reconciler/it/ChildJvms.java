package dev.reconciler.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real child JVMs running {@code dev.reconciler.cli.Main} on this JVM's class path, each with its
 * stdout and stderr in files. As a registered extension it prints every child's output when a test
 * failed, and kills every child and its descendants (the demo's redis-server) right after each
 * test, before its {@code @AfterEach} methods stop Redis, so nothing outlives it.
 */
final class ChildJvms implements AfterTestExecutionCallback {
  private static final String MAX_HEAP = "-Xmx256m";

  private final List<Child> children = new ArrayList<>();

  /** A running child process and the files its output goes to. */
  record Child(String label, Process process, Path stdout, Path stderr) {
    long pid() {
      return process.pid();
    }

    boolean isAlive() {
      return process.isAlive();
    }

    /** Both output files, for assertions on log lines. */
    String output() {
      return read(stdout) + read(stderr);
    }

    String stdoutText() {
      return read(stdout);
    }

    /** SIGKILL on Linux: no shutdown hook, no signal handler, nothing finishes. */
    void kill() throws InterruptedException {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM on Linux: the worker's warm shutdown. */
    void terminate() {
      process.destroy();
    }
  }

  /**
   * Starts {@code reconciler <args>} as worker/command child with the given RECONCILER_* settings.
   */
  Child start(String label, Path workDir, Path tmpDir, Map<String, String> settings, String... args)
      throws IOException {
    return startWithHeap(MAX_HEAP, label, workDir, tmpDir, settings, args);
  }

  /** As {@link #start}, with this -Xmx option: for tests of what a command holds in memory. */
  Child startWithHeap(
      String maxHeap,
      String label,
      Path workDir,
      Path tmpDir,
      Map<String, String> settings,
      String... args)
      throws IOException {
    return startWithJvmOptions(List.of(maxHeap), label, workDir, tmpDir, settings, args);
  }

  /** As {@link #start}, with these JVM options (e.g. -Xmx, a -D system property). */
  Child startWithJvmOptions(
      List<String> jvmOptions,
      String label,
      Path workDir,
      Path tmpDir,
      Map<String, String> settings,
      String... args)
      throws IOException {
    Files.createDirectories(workDir);
    Files.createDirectories(tmpDir);
    Path logs = Files.createDirectories(workDir.resolve("child-output"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // C1 only, as bin/reconciler runs its batch commands: a child lives for seconds, and C2's
    // compiling would compete with the test and the other children for the machine's two cores.
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(ChildClasses.jvmOptions());
    command.addAll(jvmOptions);
    command.add("-Djava.io.tmpdir=" + tmpDir);
    command.add("-cp");
    command.add(ChildClasses.CLASS_PATH);
    command.add("dev.reconciler.cli.Main");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    // Only what the test says: no RECONCILER_* (or RECONCILER_CONFIG) leaks in from the build.
    builder.environment().keySet().removeIf(name -> name.startsWith("RECONCILER_"));
    builder.environment().putAll(settings);
    Path out = logs.resolve(label + ".out");
    Path err = logs.resolve(label + ".err");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Child child = new Child(label, builder.start(), out, err);
    children.add(child);
    return child;
  }

  /** {@code reconciler worker -Q <queues> -c 1}. */
  Child worker(String label, Workspace ws, Map<String, String> settings, String queues)
      throws IOException {
    return workerWithHeap(MAX_HEAP, label, ws, settings, queues);
  }

  /** As {@link #worker}, with this -Xmx option: for tests of what a task holds in memory. */
  Child workerWithHeap(
      String maxHeap, String label, Workspace ws, Map<String, String> settings, String queues)
      throws IOException {
    return startWithHeap(
        maxHeap, label, ws.root(), ws.tmp(), settings, "worker", "-Q", queues, "-c", "1");
  }

  @Override
  public void afterTestExecution(ExtensionContext context) throws Exception {
    if (context.getExecutionException().isPresent()) {
      children.forEach(ChildJvms::print);
    }
    for (Child child : children) {
      child.kill();
    }
    children.clear();
  }

  private static void print(Child child) {
    System.err.printf(
        "%n===== child %s (pid %d) stdout =====%n%s%n===== child %s stderr =====%n%s%n",
        child.label(), child.pid(), read(child.stdout()), child.label(), read(child.stderr()));
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
