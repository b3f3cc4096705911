package dev.reconciler.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

class SqliteNativeTest {
  @TempDir Path dir;

  @AfterEach
  void restoreTheDriversDefault() {
    System.clearProperty(SqliteNative.DIRECTORY_PROPERTY);
    System.clearProperty("org.sqlite.lib.path");
    System.clearProperty("org.sqlite.lib.name");
  }

  @Test
  void withoutTheDirectoryTheDriversDefaultStands() {
    assertThat(SqliteNative.useKeptCopy()).isFalse();
    assertThat(System.getProperty("org.sqlite.lib.path")).isNull();
  }

  @Test
  void theLibraryIsCopiedOnceAndTheDriverPointedAtIt() throws Exception {
    Path kept = dir.resolve("cds");
    System.setProperty(SqliteNative.DIRECTORY_PROPERTY, kept.toString());

    assertThat(SqliteNative.useKeptCopy()).isTrue();

    String name = System.getProperty("org.sqlite.lib.name");
    assertThat(name).contains(SQLiteJDBCLoader.getVersion());
    assertThat(System.getProperty("org.sqlite.lib.path")).isEqualTo(kept.toString());
    Path library = kept.resolve(name);
    try (InputStream in =
        SQLiteJDBCLoader.class.getResourceAsStream(
            LibraryLoaderUtil.getNativeLibResourcePath()
                + "/"
                + LibraryLoaderUtil.getNativeLibName())) {
      assertThat(Files.readAllBytes(library)).isEqualTo(in.readAllBytes());
    }
    try (Stream<Path> files = Files.list(kept)) {
      assertThat(files).as("no temp file left behind").containsExactly(library);
    }

    // A second start finds the copy and leaves it as it is.
    FileTime old = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(library, old);
    System.clearProperty("org.sqlite.lib.path");
    assertThat(SqliteNative.useKeptCopy()).isTrue();
    assertThat(Files.getLastModifiedTime(library)).isEqualTo(old);
  }

  @Test
  void aDirectoryThatCannotBeMadeLeavesTheDefault() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
    System.setProperty(SqliteNative.DIRECTORY_PROPERTY, file.resolve("cds").toString());

    assertThat(SqliteNative.useKeptCopy()).isFalse();
    assertThat(System.getProperty("org.sqlite.lib.path")).isNull();
  }
}
