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

/**
 * The CLI in child JVMs run as other OS users. Root ignores file modes and owns what others cannot
 * touch, so tests run as root run the CLI as user nobody, from a copy of this build's jars
 * (Failsafe runs after package) where nobody can read them, with java.io.tmpdir in a shared sticky
 * directory like /tmp, inside the test's own directory.
 */
final class ProcessCli {
  static final int NOBODY = 65534;

  /** Maven runs tests in the module directory. */
  private static final Path TARGET = Path.of("target").toAbsolutePath();

  private final Path dir;
  private final Path lib;
  private final Path tmp;

  record Result(int code, String err) {}

  /** Copies the build into {@code dir}, which it opens to every user. */
  ProcessCli(Path dir) throws Exception {
    this.dir = dir;
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    this.lib = copyOfTheBuild(dir);
    this.tmp = Files.createDirectory(dir.resolve("tmp"));
    // rwxrwxrwt, as /tmp: anyone may create entries; no user may remove or rename another's.
    Files.setAttribute(tmp, "unix:mode", 01777);
  }

  /** The java.io.tmpdir every child shares. */
  Path tmp() {
    return tmp;
  }

  boolean isRoot() throws Exception {
    return uid() == 0;
  }

  /** The user this JVM runs as. */
  long uid() throws Exception {
    return ((Number) Files.getAttribute(dir, "unix:uid")).longValue();
  }

  /** The user {@link #asOtherUser} runs as: nobody when root, else this same user. */
  long otherUid() throws Exception {
    return isRoot() ? NOBODY : uid();
  }

  /** {@code reconciler <args>} as this JVM's user. */
  Result asThisUser(String... args) throws Exception {
    return run(false, "-Xmx256m", args);
  }

  /** {@code reconciler <args>} as this JVM's user, with a heap of at most {@code maxHeap}. */
  Result asThisUserWithHeap(String maxHeap, String... args) throws Exception {
    return run(false, "-Xmx" + maxHeap, args);
  }

  /** {@code reconciler <args>} as user nobody when the tests run as root, else as this user. */
  Result asOtherUser(String... args) throws Exception {
    return run(isRoot(), "-Xmx256m", args);
  }

  private Result run(boolean asNobody, String maxHeap, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    if (asNobody) {
      command.addAll(
          List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
    }
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            // C1 only, as bin/reconciler runs its batch commands (see ChildJvms).
            "-XX:TieredStopAtLevel=1",
            maxHeap,
            "-Djava.io.tmpdir=" + tmp,
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
  private static Path copyOfTheBuild(Path dir) throws Exception {
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

  /** A database in the input contract's shape with one sale on 2026-11-24. */
  static Path contractDatabase(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      contractTables(c, "");
    }
    return db;
  }

  /**
   * The input contract's tables with one sale on 2026-11-24, in SQLite or PostgreSQL: typed TEXT,
   * which both read the same (an exact amount, as a contract table may keep it), with {@code
   * numbering} first in each (PostgreSQL's row numbering column and a comma, or "").
   */
  static void contractTables(Connection c, String numbering) throws Exception {
    try (Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE sales ("
              + numbering
              + "transaction_id TEXT, order_id TEXT, customer_id TEXT, amount TEXT,"
              + " currency TEXT, status TEXT, created_at TEXT)");
      st.execute(
          "CREATE TABLE processor_transactions ("
              + numbering
              + "processor_ref TEXT, transaction_id TEXT, amount TEXT, currency TEXT, fee TEXT,"
              + " status TEXT, processed_at TEXT)");
      st.execute(
          "INSERT INTO sales (transaction_id, order_id, customer_id, amount, currency, status,"
              + " created_at) VALUES ('T-1','O-1','C-1','10.00','USD','paid','2026-11-24T09:00:00Z')");
    }
  }
}
