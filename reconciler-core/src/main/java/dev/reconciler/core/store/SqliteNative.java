package dev.reconciler.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Has sqlite-jdbc load its native library from a copy kept in the directory named by {@value
 * #DIRECTORY_PROPERTY} (the launcher passes its class-data archive directory), made there once per
 * driver version. By default the driver extracts the library to the temp directory at every start
 * and compares it byte by byte with the one in the jar, which every short command paid on its
 * critical path (see BENCHMARKS.md). Without the property, or when the directory cannot be written,
 * the driver's default stands.
 */
final class SqliteNative {
  /** The system property naming the directory where the library is kept. */
  static final String DIRECTORY_PROPERTY = "reconciler.native.dir";

  private SqliteNative() {}

  /** Points the driver at the kept copy, making it first when missing; false: default stands. */
  static boolean useKeptCopy() {
    String directory = System.getProperty(DIRECTORY_PROPERTY);
    if (directory == null
        || directory.isBlank()
        || System.getProperty("org.sqlite.lib.path") != null) {
      return false;
    }
    String libName = LibraryLoaderUtil.getNativeLibName();
    String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + libName;
    // The version in the name: an upgraded driver never loads the library of the one before.
    String name = "sqlite-" + SQLiteJDBCLoader.getVersion() + "-" + libName;
    Path dir = Path.of(directory);
    Path kept = dir.resolve(name);
    try {
      if (!Files.isRegularFile(kept)) {
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
          if (in == null) {
            return false;
          }
          Files.createDirectories(dir);
          // A temp name and a rename, so a process starting meanwhile never loads half a file.
          Path partial = Files.createTempFile(dir, name, ".tmp");
          try {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, kept, StandardCopyOption.ATOMIC_MOVE);
          } finally {
            Files.deleteIfExists(partial);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
    System.setProperty("org.sqlite.lib.path", dir.toAbsolutePath().toString());
    System.setProperty("org.sqlite.lib.name", name);
    return true;
  }
}
