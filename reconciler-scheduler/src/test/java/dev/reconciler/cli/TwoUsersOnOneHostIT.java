package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two OS users reconciling on one host share its /tmp, where POI's own temp directory belonged to
 * the first and shut the second out. Run as root, the second user is nobody ({@link ProcessCli});
 * run as anyone else, both runs can only be that one user.
 */
class TwoUsersOnOneHostIT {
  @TempDir Path dir;

  @Test
  void aSecondUserReconcilesAfterTheFirstOnTheSameHost() throws Exception {
    ProcessCli cli = new ProcessCli(dir);
    Path ini = Files.writeString(dir.resolve("config.ini"), "[logging]\nfile =\n");

    ProcessCli.Result first = reconcile(cli, ini, workspace("first"), false);
    ProcessCli.Result second = reconcile(cli, ini, workspace("second"), true);

    assertThat(first.code()).as(first.err()).isZero();
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(dir.resolve("first/out/reconciliation_2026-11-24.xlsx")).isNotEmptyFile();
    assertThat(dir.resolve("second/out/reconciliation_2026-11-24.xlsx")).isNotEmptyFile();
    for (long uid : new long[] {cli.uid(), cli.otherUid()}) {
      Path poi = cli.tmp().resolve("reconciler-poi-" + uid);
      assertThat(Files.getAttribute(poi, "unix:uid", LinkOption.NOFOLLOW_LINKS))
          .isEqualTo((int) uid);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(poi)))
          .isEqualTo("rwx------");
    }
  }

  /** A database and report directory the other user may write, as its own would be. */
  private Path workspace(String name) throws Exception {
    Path ws = Files.createDirectory(dir.resolve(name));
    Path db = ProcessCli.contractDatabase(ws.resolve("upstream.db"));
    Path out = Files.createDirectory(ws.resolve("out"));
    for (Path p : new Path[] {ws, out}) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
    }
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-rw-rw-"));
    return ws;
  }

  private static ProcessCli.Result reconcile(ProcessCli cli, Path ini, Path ws, boolean asOtherUser)
      throws Exception {
    String[] args = {
      "reconcile",
      "--config",
      ini.toString(),
      "--db",
      ws.resolve("upstream.db").toString(),
      "--date",
      "2026-11-24",
      "--out",
      ws.resolve("out").toString()
    };
    return asOtherUser ? cli.asOtherUser(args) : cli.asThisUser(args);
  }
}
