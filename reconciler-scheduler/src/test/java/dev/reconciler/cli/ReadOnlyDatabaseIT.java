package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database the operating system lets the user only read, the usual way a database is read-only
 * (file mode, a read-only directory or mount). SQLite then opens it read-only yet still grants the
 * write lock, so only a write shows it. Root ignores file modes: run as root, the CLI runs as user
 * nobody ({@link ProcessCli}).
 */
class ReadOnlyDatabaseIT {
  @TempDir Path dir;

  @Test
  void aDatabaseWhoseFileTheUserMayOnlyReadFailsBeforeAnyWorkWithExit2() throws Exception {
    ProcessCli cli = new ProcessCli(dir);
    Path db = ProcessCli.contractDatabase(dir.resolve("upstream.db"));
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--r--r--"));
    Path ini = Files.writeString(dir.resolve("config.ini"), "[logging]\nfile =\n");
    Path out = Files.createDirectory(dir.resolve("out"));
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));

    ProcessCli.Result r =
        cli.asOtherUser(
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
}
