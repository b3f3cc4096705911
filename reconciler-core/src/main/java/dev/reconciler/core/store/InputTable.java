package dev.reconciler.core.store;

import dev.reconciler.core.domain.UserError;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The input must be an ordinary table: rows are read and reported by their rowid, which a view or a
 * WITHOUT ROWID table does not have (SQLite would only say "no such column: rowid" mid-load).
 */
final class InputTable {
  private InputTable() {}

  /** Fails with a {@link UserError} when {@code table} (known to exist) has no rowid. */
  static void requireRowidTable(Connection connection, String table, Path db) {
    if ("view".equals(kind(connection, table))) {
      throw new UserError(
          "'"
              + table
              + "' in "
              + db
              + " is a view; the input must be a table (rows are read by rowid)");
    }
    // The name passed the config's identifier check, so it can be spliced in.
    try (PreparedStatement st =
        connection.prepareStatement("SELECT rowid FROM \"" + table + "\" LIMIT 0")) {
      st.executeQuery().close();
    } catch (SQLException e) {
      throw new UserError(
          "table '"
              + table
              + "' in "
              + db
              + " has no rowid (WITHOUT ROWID); the input must be an ordinary table",
          e);
    }
  }

  private static String kind(Connection connection, String table) {
    try (PreparedStatement st =
        connection.prepareStatement(
            "SELECT type FROM sqlite_schema WHERE name = ? COLLATE NOCASE"
                + " AND type IN ('table', 'view')")) {
      st.setString(1, table);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new StoreException("reading the kind of " + table, e);
    }
  }
}
