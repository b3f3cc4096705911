package dev.reconciler.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("worker-" + index + ".log").toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("RECONCILER_"));
    env.put("RECONCILER_REDIS_URL", redisUrl);
    env.put("RECONCILER_TASKS_PING_QUEUE", queue);
    env.put("RECONCILER_LOGGING_LEVEL", "WARN");
    env.put("RECONCILER_LOGGING_FILE", "");
    env.put("RECONCILER_PATHS_DATA_DIR", dir.toString());
    env.put("RECONCILER_PATHS_DATABASE", dir.resolve("reconciler.db").toString());
    env.put("RECONCILER_PATHS_REPORT_DIR", dir.resolve("reports").toString());
    env.put("RECONCILER_PATHS_LOG_DIR", dir.resolve("logs").toString());
    env.put("RECONCILER_PATHS_OUTBOX_DIR", dir.resolve("outbox").toString());
    return pb.start();
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
                + tail(dir.resolve("worker-" + i + ".log")));
      }
    }
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
