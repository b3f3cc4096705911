package dev.reconciler.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The class path of the child JVMs ({@link ChildJvms}) and an application class-data archive
 * (AppCDS) of the classes a reconcile loads, made once per test JVM: each child then maps those
 * classes instead of reading, parsing and verifying them from the jars again, about a third of a
 * short command's CPU time (a 1,000-row reconcile: 3.1 s of CPU without, 2.2 s with). The children
 * run the same classes either way; a child started before the archive is ready, or that cannot use
 * it, runs without it, and the JVM says nothing of it (its cds logging is off).
 */
final class ChildClasses {
  private ChildClasses() {}

  /**
   * This JVM's class path with its directories (this module's test classes) after its jars: a JVM
   * archives classes only from a class path with no non-empty directory before the last entry it
   * loads from, and the children load nothing from these directories that a jar also holds.
   */
  static final String CLASS_PATH = jarsFirst(System.getProperty("java.class.path"));

  private static final CompletableFuture<Path> ARCHIVE =
      CompletableFuture.supplyAsync(ChildClasses::dump);

  /** The options a child JVM gets: the archive if it is ready, and no word about CDS either way. */
  static List<String> jvmOptions() {
    List<String> options = new ArrayList<>();
    Path archive = ARCHIVE.getNow(null);
    if (archive != null) {
      options.add("-XX:SharedArchiveFile=" + archive);
    }
    options.add("-Xlog:cds=off");
    options.add("-Xlog:cds+dynamic=off");
    return options;
  }

  private static String jarsFirst(String classPath) {
    List<String> jars = new ArrayList<>();
    List<String> directories = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      (Files.isDirectory(Path.of(entry)) ? directories : jars).add(entry);
    }
    jars.addAll(directories);
    return String.join(File.pathSeparator, jars);
  }

  /**
   * Runs a reconcile of a small generated day in a child JVM that writes the classes it loaded to
   * an archive as it exits; null when that did not happen.
   */
  private static Path dump() {
    try {
      Path dir = Workspace.deletedAtExit("reconciler-child-classes");
      Workspace ws = new Workspace(dir);
      LocalDate day = LocalDate.of(2026, 1, 15);
      ws.generate(day, 1_000);
      Path archive = dir.resolve("children.jsa");
      Files.createDirectories(ws.tmp());
      List<String> command =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-XX:TieredStopAtLevel=1",
              "-Xmx256m",
              "-XX:ArchiveClassesAtExit=" + archive,
              "-Xlog:cds=off",
              "-Xlog:cds+dynamic=off",
              "-Djava.io.tmpdir=" + ws.tmp(),
              "-cp",
              CLASS_PATH,
              "dev.reconciler.cli.Main",
              "reconcile",
              "--date",
              day.toString(),
              "--db",
              ws.database().toString());
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("RECONCILER_"));
      builder.redirectErrorStream(true).redirectOutput(dir.resolve("dump.out").toFile());
      Process process = builder.start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return null;
      }
      return Files.isRegularFile(archive) && Files.size(archive) > 0 ? archive : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
