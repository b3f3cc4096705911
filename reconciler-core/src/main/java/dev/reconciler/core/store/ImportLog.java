package dev.reconciler.core.store;

import dev.reconciler.core.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The imports the processor table has had, one row each, written in the import's own transaction
 * (table {@code <processor table>_imports}): so a queued import redelivered after its worker
 * stopped between the commit and the task's success can tell that this very task imported its file,
 * even when the file has been moved on since. A file's name cannot tell that: a new export
 * downloaded under yesterday's name would pass for imported.
 */
public final class ImportLog {
  private ImportLog() {}

  /**
   * One import: the task that ran it (null from the command line), its format, the file's name, the
   * rows it added and when it committed.
   */
  public record Entry(String taskId, String format, String file, long rowsAdded, Instant at) {}

  static String table(String processorTable) {
    return processorTable + "_imports";
  }

  /**
   * Adds {@code entry} inside the caller's import transaction, making the table when it is the
   * first; {@code quoted} quotes an identifier for the database at hand.
   */
  static void record(Connection c, String quotedTable, String quotedIndex, Entry entry)
      throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE IF NOT EXISTS "
              + quotedTable
              + " (task_id TEXT, source_format TEXT NOT NULL, source_file TEXT NOT NULL,"
              + " rows_added BIGINT NOT NULL, imported_at TEXT NOT NULL)");
      st.execute("CREATE INDEX IF NOT EXISTS " + quotedIndex + " ON " + quotedTable + " (task_id)");
    }
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO "
                + quotedTable
                + " (task_id, source_format, source_file, rows_added, imported_at)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      st.setString(1, entry.taskId());
      st.setString(2, entry.format());
      st.setString(3, entry.file());
      st.setLong(4, entry.rowsAdded());
      st.setString(5, entry.at().toString());
      st.executeUpdate();
    }
  }

  /**
   * The import task {@code taskId} committed into the processor table of {@code db} (on PostgreSQL,
   * of [database] url), if any: the first, should an attempt after it have run too.
   */
  public static Optional<Entry> byTask(Settings.Database database, Path db, String taskId) {
    String log = table(database.processorTable());
    if (!database.postgres() && !Files.isRegularFile(db)) {
      // No database, no import: the caller's own check then names what is missing.
      return Optional.empty();
    }
    try (Connection c =
        database.postgres()
            ? Postgres.connect(database)
            : Sqlite.openReadOnly(db, database.busyTimeoutMs())) {
      Set<String> columns =
          database.postgres() ? PgInputSource.columnsOf(c, log) : Sqlite.columns(c, log);
      if (!columns.contains("task_id")) {
        return Optional.empty();
      }
      String quoted = database.postgres() ? Postgres.identifier(log) : "\"" + log + "\"";
      try (PreparedStatement st =
          c.prepareStatement(
              "SELECT task_id, source_format, source_file, rows_added, imported_at FROM "
                  + quoted
                  + " WHERE task_id = ? ORDER BY imported_at LIMIT 1")) {
        st.setString(1, taskId);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next()
              ? Optional.of(
                  new Entry(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getLong(4),
                      Instant.parse(rs.getString(5))))
              : Optional.empty();
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading " + log, e);
    }
  }
}
