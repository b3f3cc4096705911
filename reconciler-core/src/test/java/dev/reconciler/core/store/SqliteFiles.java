package dev.reconciler.core.store;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

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

  /** Runs {@code sql}, statement by statement, on {@code db} (made when missing). */
  public static void exec(Path db, String... sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  /** The first column of every row {@code sql} selects from {@code db}, as text. */
  public static List<String> query(Path db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(String.valueOf(rs.getString(1)));
      }
      return values;
    }
  }
}
