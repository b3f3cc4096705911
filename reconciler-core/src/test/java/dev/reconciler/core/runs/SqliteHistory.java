package dev.reconciler.core.runs;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What Flyway's history in a SQLite file says, for tests. */
final class SqliteHistory {
  private SqliteHistory() {}

  /** The versions applied successfully, in the order they were (the baseline's "0" first). */
  static List<String> applied(Path db) throws Exception {
    List<String> versions = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT version FROM "
                    + SqliteSchema.HISTORY.table()
                    + " WHERE success ORDER BY installed_rank")) {
      while (rs.next()) {
        versions.add(rs.getString(1));
      }
    }
    return versions;
  }
}
