package dev.reconciler.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.util.TempFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where POI's temp files go: a directory only this OS user can use, never a shared one. */
class PrivateTempFilesTest {
  private static final int NOBODY = 65534;

  @TempDir Path dir;

  private long me() throws Exception {
    return ((Number) Files.getAttribute(dir, "unix:uid")).longValue();
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void aWorkbookPutsPoisTempFilesInThisUsersOwnerOnlyDirectory() throws Exception {
    Path expected = Path.of(System.getProperty("java.io.tmpdir"), "reconciler-poi-" + me());
    try (StreamingWorkbook workbook = new StreamingWorkbook()) {
      workbook.createSheet("rows");
      try (Stream<Path> files = Files.list(expected)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .anyMatch(name -> name.startsWith("poi-sxssf-sheet"));
      }
    }
    Path probe = TempFile.createTempFile("probe", ".tmp").toPath();
    Files.delete(probe);
    assertThat(probe.getParent()).isEqualTo(expected);
    assertThat(mode(expected)).isEqualTo("rwx------");
    assertThat(((Number) Files.getAttribute(expected, "unix:uid")).longValue()).isEqualTo(me());
  }

  @Test
  void makesTheUserDirectoryNamedByUidWithOwnerOnlyPermissionsAndKeepsUsingIt() throws Exception {
    Path chosen = PrivateTempFiles.choose(dir, me());

    assertThat(chosen).isEqualTo(dir.resolve("reconciler-poi-" + me()));
    assertThat(mode(chosen)).isEqualTo("rwx------");
    assertThat(PrivateTempFiles.choose(dir, me())).isEqualTo(chosen);
  }

  /** A directory by the user's name that someone else owns; and the uid it was meant for. */
  private record Squatted(Path dir, long uid) {}

  private Squatted ownedBySomeoneElse() throws Exception {
    if (me() == 0) {
      Path squatted = Files.createDirectory(dir.resolve("reconciler-poi-0"));
      Files.setPosixFilePermissions(squatted, PosixFilePermissions.fromString("rwx------"));
      Files.setAttribute(squatted, "unix:uid", NOBODY);
      return new Squatted(squatted, 0);
    }
    // Not root, so unable to give a directory away: it is this user's, named for another uid.
    long other = me() + 1;
    Path squatted = Files.createDirectory(dir.resolve("reconciler-poi-" + other));
    Files.setPosixFilePermissions(squatted, PosixFilePermissions.fromString("rwx------"));
    return new Squatted(squatted, other);
  }

  @Test
  void neverUsesADirectoryByItsNameThatAnotherUserOwns() throws Exception {
    Squatted squatted = ownedBySomeoneElse();

    Path chosen = PrivateTempFiles.choose(dir, squatted.uid());

    assertThat(chosen).isNotEqualTo(squatted.dir());
    assertThat(chosen.getParent()).isEqualTo(dir);
    assertThat(chosen.getFileName().toString())
        .startsWith("reconciler-poi-" + squatted.uid() + "-");
    assertThat(mode(chosen)).isEqualTo("rwx------");
    assertThat(squatted.dir()).isEmptyDirectory();
  }

  @Test
  void neverUsesItsOwnDirectoryOnceGroupOrOthersMayEnterIt() throws Exception {
    for (String mode : List.of("rwxrwxrwx", "rwx-w----", "rwx-----x", "rwxr-xr-x")) {
      Path userDir = dir.resolve("reconciler-poi-" + me());
      Files.createDirectories(userDir);
      Files.setPosixFilePermissions(userDir, PosixFilePermissions.fromString(mode));

      Path chosen = PrivateTempFiles.choose(dir, me());

      assertThat(chosen).as(mode).isNotEqualTo(userDir);
      assertThat(mode(chosen)).as(mode).isEqualTo("rwx------");
      assertThat(mode(userDir)).as("left as it was").isEqualTo(mode);
    }
  }

  @Test
  void neverFollowsALinkByItsName() throws Exception {
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwx------"));
    Path link = Files.createSymbolicLink(dir.resolve("reconciler-poi-" + me()), elsewhere);

    Path chosen = PrivateTempFiles.choose(dir, me());

    assertThat(chosen).isNotEqualTo(link);
    assertThat(Files.isSymbolicLink(chosen)).isFalse();
    assertThat(elsewhere).isEmptyDirectory();
  }

  @Test
  void movesPoiOffItsDirectoryWhenItIsReplacedWhileTheProcessRuns() throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    try {
      Path first = PrivateTempFiles.install(tmp, me());
      Files.delete(first);
      Files.createDirectory(first);
      Files.setPosixFilePermissions(first, PosixFilePermissions.fromString("rwxrwxrwx"));

      Path second = PrivateTempFiles.install(tmp, me());
      Path probe = TempFile.createTempFile("probe", ".tmp").toPath();
      Files.delete(probe);

      assertThat(second).isNotEqualTo(first);
      assertThat(probe.getParent()).isEqualTo(second);
    } finally {
      PrivateTempFiles.install();
    }
  }
}
