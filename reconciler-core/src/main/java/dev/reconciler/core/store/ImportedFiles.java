package dev.reconciler.core.store;

import dev.reconciler.core.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

/** What the processor table holds of an imported file, by the file's name. */
public final class ImportedFiles {
  private ImportedFiles() {}

  /**
   * Rows of {@code format} that an import of a file named {@code fileName} added to the processor
   * table of {@code db} (on PostgreSQL, of [database] url); 0 when the table has none, or has never
   * had an import.
   */
  public static long rows(Settings.Database database, Path db, String format, String fileName) {
    String table = database.processorTable();
    if (!database.postgres() && !Files.isRegularFile(db)) {
      // No database, no import: the caller's own check then names what is missing.
      return 0;
    }
    try (Connection c =
        database.postgres()
            ? Postgres.connect(database)
            : Sqlite.openReadOnly(db, database.busyTimeoutMs())) {
      Set<String> columns =
          database.postgres() ? PgInputSource.columnsOf(c, table) : Sqlite.columns(c, table);
      if (!columns.contains("source_format") || !columns.contains("source_file")) {
        return 0;
      }
      String quoted = database.postgres() ? Postgres.identifier(table) : "\"" + table + "\"";
      try (PreparedStatement st =
          c.prepareStatement(
              "SELECT count(*) FROM " + quoted + " WHERE source_format = ? AND source_file = ?")) {
        st.setString(1, format);
        st.setString(2, fileName);
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    } catch (SQLException e) {
      throw new StoreException("counting the rows of " + fileName + " in " + table, e);
    }
  }
}
