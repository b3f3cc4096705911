package dev.reconciler.core.store;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** Real SQLite files in the states the tests need. */
public final class SqliteFiles {
  /** Offset of the file format's write version in the database header. */
  private static final int WRITE_VERSION_OFFSET = 18;

  private SqliteFiles() {}

  /**
   * Makes the database read-only for every SQLite client, whoever runs the test: a write version
   * above 2 in its header tells SQLite to open it read-only. File permissions would not do, since
   * root (as in a container build) may write any file.
   */
  public static Path readOnly(Path db) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(db.toFile(), "rw")) {
      file.seek(WRITE_VERSION_OFFSET);
      file.write(3);
    }
    return db;
  }
}
