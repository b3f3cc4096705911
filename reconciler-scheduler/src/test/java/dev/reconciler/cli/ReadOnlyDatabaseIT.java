package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database the operating system lets the user only read, the usual way a database is read-only
 * (file mode, a read-only directory or mount). SQLite then opens it read-only yet still grants the
 * write lock, so only a write shows it. Root ignores file modes: run as root, the CLI runs as user
 * nobody, from a copy of this build's jars (Failsafe runs after package) that nobody can read.
 */
class ReadOnlyDatabaseIT {
  /** Maven runs tests in the module directory. */
  private static final Path TARGET = Path.of("target").toAbsolutePath();

  private static final int NOBODY = 65534;

  @TempDir Path dir;

  @Test
  void aDatabaseWhoseFileTheUserMayOnlyReadFailsBeforeAnyWorkWithExit2() throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path lib = copyOfTheBuild();
    Path db = contractDatabase();
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--r--r--"));
    Path ini = Files.writeString(dir.resolve("config.ini"), "[logging]\nfile =\n");
    Path out = Files.createDirectory(dir.resolve("out"));
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));

    Result r =
        run(
            lib,
            "reconcile",
            "--config",
            ini.toString(),
            "--db",
            db.toString(),
            "--date",
            "2026-11-24",
            "--out",
            out.toString());

    assertThat(r.code()).as(r.err()).isEqualTo(Main.USER_ERROR);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err())
        .startsWith("reconciler: error: ")
        .contains("upstream.db is read-only")
        .doesNotContain("Exception");
    assertThat(out).isEmptyDirectory();
  }

  private record Result(int code, String err) {}

  private Result run(Path lib, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    if (isRoot()) {
      command.addAll(
          List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
    }
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-cp",
            lib + "/*",
            "dev.reconciler.cli.Main"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("RECONCILER_"));
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), err);
  }

  /** The CLI's jars where any user can read them (a build under /root is not). */
  private Path copyOfTheBuild() throws Exception {
    Path lib = Files.createDirectory(dir.resolve("lib"));
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(TARGET.resolve("lib"), "*.jar")) {
      for (Path jar : jars) {
        Files.copy(jar, lib.resolve(jar.getFileName()));
      }
    }
    try (DirectoryStream<Path> jars =
        Files.newDirectoryStream(TARGET, "reconciler-scheduler-*.jar")) {
      for (Path jar : jars) {
        Files.copy(jar, lib.resolve(jar.getFileName()));
      }
    }
    return lib;
  }

  private boolean isRoot() throws Exception {
    return (Integer) Files.getAttribute(dir, "unix:uid") == 0;
  }

  private Path contractDatabase() throws Exception {
    Path db = dir.resolve("upstream.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE sales (transaction_id TEXT, order_id TEXT, customer_id TEXT, amount,"
              + " currency TEXT, status TEXT, created_at TEXT)");
      st.execute(
          "CREATE TABLE processor_transactions (processor_ref TEXT, transaction_id TEXT, amount,"
              + " currency TEXT, fee, status TEXT, processed_at TEXT)");
      st.execute(
          "INSERT INTO sales VALUES ('T-1','O-1','C-1','10.00','USD','paid','2026-11-24T09:00:00Z')");
    }
    return db;
  }
}
