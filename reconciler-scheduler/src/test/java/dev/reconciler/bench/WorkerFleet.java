package dev.reconciler.bench;

import dev.reconciler.worker.queue.RedisConnector;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Worker processes as real child JVMs running {@code reconciler worker}, as in production. */
final class WorkerFleet implements AutoCloseable {
  private final List<Process> processes = new ArrayList<>();
  private final Path dir;

  private WorkerFleet(Path dir) {
    this.dir = dir;
  }

  /** Starts {@code count} processes of {@code concurrency} workers each on queue {@code queue}. */
  static WorkerFleet start(
      int count,
      int concurrency,
      String queue,
      String redisUrl,
      String appClasspath,
      List<String> jvmOptions)
      throws IOException {
    WorkerFleet fleet = new WorkerFleet(Files.createTempDirectory("reconciler-bench"));
    for (int i = 0; i < count; i++) {
      fleet.processes.add(fleet.launch(i, concurrency, queue, redisUrl, appClasspath, jvmOptions));
    }
    return fleet;
  }

  /**
   * Starts {@code count} processes of {@code launcher worker -c concurrency} (bin/reconciler, so
   * the JVM options are the launcher's unless {@code env} sets RECONCILER_OPTS or RECONCILER_HEAP)
   * in {@code dir}, with no RECONCILER_* variable but those of {@code env}. The launcher execs the
   * JVM, so each process's pid is its worker JVM's.
   */
  static WorkerFleet launch(
      int count, int concurrency, Path launcher, Path dir, Map<String, String> env)
      throws IOException {
    WorkerFleet fleet = new WorkerFleet(dir);
    for (int i = 0; i < count; i++) {
      fleet.processes.add(
          fleet.spawn(
              i, List.of(launcher.toString(), "worker", "-c", String.valueOf(concurrency)), env));
    }
    return fleet;
  }

  private Process launch(
      int index,
      int concurrency,
      String queue,
      String redisUrl,
      String appClasspath,
      List<String> jvmOptions)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-cp",
            appClasspath,
            "dev.reconciler.cli.Main",
            "worker",
            "-Q",
            queue,
            "-c",
            String.valueOf(concurrency)));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("RECONCILER_REDIS_URL", redisUrl);
    env.put("RECONCILER_TASKS_PING_QUEUE", queue);
    env.put("RECONCILER_LOGGING_LEVEL", "WARN");
    env.put("RECONCILER_LOGGING_FILE", "");
    env.put("RECONCILER_PATHS_DATA_DIR", dir.toString());
    env.put("RECONCILER_PATHS_DATABASE", dir.resolve("reconciler.db").toString());
    env.put("RECONCILER_PATHS_REPORT_DIR", dir.resolve("reports").toString());
    env.put("RECONCILER_PATHS_LOG_DIR", dir.resolve("logs").toString());
    env.put("RECONCILER_PATHS_OUTBOX_DIR", dir.resolve("outbox").toString());
    return spawn(index, command, env);
  }

  private Process spawn(int index, List<String> command, Map<String, String> settings)
      throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log(index).toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("RECONCILER_"));
    env.putAll(settings);
    return pb.start();
  }

  int size() {
    return processes.size();
  }

  long pid(int index) {
    return processes.get(index).pid();
  }

  /** Where process {@code index} writes its output (stdout and stderr). */
  Path log(int index) {
    return dir.resolve("worker-" + index + ".log");
  }

  /** Process {@code index}'s command line as the kernel has it (after the launcher's exec). */
  List<String> commandLine(int index) throws IOException {
    byte[] raw = Files.readAllBytes(proc(index, "cmdline"));
    return List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
  }

  /** Process {@code index}'s peak resident set so far (VmHWM), in KiB: start-up included. */
  long peakRssKb(int index) throws IOException {
    for (String line : Files.readAllLines(proc(index, "status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmHWM in " + proc(index, "status"));
  }

  /** CPU time process {@code index} has used so far, user and system, in seconds. */
  double cpuSeconds(int index) {
    return processes.get(index).info().totalCpuDuration().orElseThrow().toMillis() / 1000.0;
  }

  private Path proc(int index, String file) {
    return Path.of("/proc", String.valueOf(pid(index)), file);
  }

  /** Fails fast, with the log, if a worker process died. */
  void checkAlive() {
    for (int i = 0; i < processes.size(); i++) {
      if (!processes.get(i).isAlive()) {
        throw new IllegalStateException(
            "worker process "
                + i
                + " exited with "
                + processes.get(i).exitValue()
                + "; log: "
                + tail(log(i)));
      }
    }
  }

  /** Waits until {@code expected} workers have registered, then lets them reach their wait. */
  void awaitRegistered(RedisConnector redis, String namespace, int expected)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (redis.with(j -> j.scard(namespace + ":workers")) < expected) {
      checkAlive();
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("workers did not register within 60 s; logs in " + dir);
      }
      Thread.sleep(50);
    }
    Thread.sleep(1_000); // let the idle workers reach their blocking wait
  }

  Path dir() {
    return dir;
  }

  /** SIGTERM (warm shutdown), then SIGKILL after 30 s. */
  @Override
  public void close() {
    processes.forEach(Process::destroy);
    for (Process p : processes) {
      try {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String tail(Path log) {
    try {
      String s = Files.readString(log);
      return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String classpathOf(String... entries) {
    return String.join(File.pathSeparator, entries);
  }
}
