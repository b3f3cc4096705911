package dev.reconciler.core.store;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.imports.ImportSummary;
import dev.reconciler.core.imports.ImportSummary.Rejection;
import dev.reconciler.core.imports.ProcessorImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The imports the processor table has had, one row each, written in the import's own transaction
 * (table {@code <processor table>_imports}): so a queued import redelivered after its worker
 * stopped between the commit and the task's success can tell that this very task imported its file,
 * even when the file has been moved on since. A file's name cannot tell that: a new export
 * downloaded under yesterday's name would pass for imported.
 *
 * <p>Each import also keeps the rows it rejected ({@code <processor table>_import_rejects}: the
 * first {@link ProcessorImporter#REJECTS_KEPT} with line, reason and time where it could be read,
 * and how many in all) and the times its rows span, so that the reconcile of a day those rows reach
 * lists the rows its file lost on that day: the accountant, not only whoever ran the import, sees
 * them.
 */
public final class ImportLog {
  private ImportLog() {}

  /**
   * One import: the task that ran it (null from the command line), its format, the file's name, the
   * rows it added and rejected (null in an entry of a log's earlier version) and when it committed.
   */
  public record Entry(
      String taskId, String format, String file, long rowsAdded, Long rowsRejected, Instant at) {}

  /**
   * What an import found in its file beside the rows it offered the table: the rows it rejected,
   * the commit's refusals among them (those of the lowest lines, and how many in all), and the
   * first and last of its rows' times: the offered rows' and the rejected ones' whose time could be
   * read (null when there were none), and what the parser told of the file as a whole, each note on
   * one line.
   */
  public record Parsed(
      List<Rejection> rejected,
      long rejectedTotal,
      Instant firstRow,
      Instant lastRow,
      List<String> notes) {
    public Parsed {
      rejected = List.copyOf(rejected);
      notes = List.copyOf(notes);
    }
  }

  /**
   * The rejections kept of the latest import of one file whose rows reach a day.
   *
   * @param rejectedTotal rows rejected in all, on any day
   * @param keptRows rows the import's kept rejections stand for, on any day: those beyond were not
   *     kept, so no day can tell which are its
   * @param listed the kept rejections of the day's rows, and those whose time could not be read
   */
  public record FileRejections(
      String format,
      String file,
      Instant importedAt,
      long rejectedTotal,
      long keptRows,
      List<Rejection> listed) {
    public FileRejections {
      listed = List.copyOf(listed);
    }

    /** The rows rejected beyond those the import kept. */
    public long notKept() {
      return rejectedTotal - keptRows;
    }
  }

  /** The columns an import log of an earlier version lacks, added by the next import. */
  private static final Map<String, String> LATER_COLUMNS =
      Map.of(
          "rows_rejected",
          "BIGINT",
          "first_row_ms",
          "BIGINT",
          "last_row_ms",
          "BIGINT",
          "notes",
          "TEXT");

  /** The columns the rejections of an earlier version lack, added by the next import. */
  private static final Map<String, String> LATER_REJECT_COLUMNS =
      Map.of("raw_id", "TEXT", "at_ms", "BIGINT");

  /**
   * Commit times as text of one width, nine fraction digits: the log is ordered by this text, and
   * {@link Instant#toString} drops trailing groups of zeros, which put 10:00:01.100Z after
   * 10:00:01.100100Z and a whole second after every fraction of it.
   */
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** {@code at} as the log writes it: text order is time order. */
  static String stamp(Instant at) {
    return STAMP.format(at);
  }

  static String table(String processorTable) {
    return processorTable + "_imports";
  }

  private static String rejectsTable(String processorTable) {
    return processorTable + "_import_rejects";
  }

  /**
   * Logs the import of {@code file} that {@code prepared} describes, committing {@code at}, with
   * what {@code parsed} says of it, inside the caller's import transaction.
   */
  static void record(
      Connection c,
      boolean postgres,
      String processorTable,
      String taskId,
      Instant at,
      String format,
      String file,
      ProcessorImport.Committed prepared,
      Parsed parsed)
      throws SQLException {
    record(
        c,
        postgres,
        processorTable,
        new Entry(
            taskId,
            format,
            file,
            ImportSummary.total(prepared.added()),
            parsed.rejectedTotal(),
            at),
        parsed);
  }

  /**
   * Adds {@code entry} and what {@code parsed} says of its file inside the caller's import
   * transaction, making the tables when it is the first (or adding the columns a log of an earlier
   * version lacks).
   */
  private static void record(
      Connection c, boolean postgres, String processorTable, Entry entry, Parsed parsed)
      throws SQLException {
    String log = table(processorTable);
    String rejects = rejectsTable(processorTable);
    Set<String> columns = columns(c, postgres, log);
    Set<String> rejectColumns = columns(c, postgres, rejects);
    try (Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE IF NOT EXISTS "
              + quoted(log, postgres)
              + " (task_id TEXT, source_format TEXT NOT NULL, source_file TEXT NOT NULL,"
              + " rows_added BIGINT NOT NULL, imported_at TEXT NOT NULL, rows_rejected BIGINT,"
              + " first_row_ms BIGINT, last_row_ms BIGINT, notes TEXT)");
      st.execute(
          "CREATE INDEX IF NOT EXISTS "
              + quoted(log + "_task", postgres)
              + " ON "
              + quoted(log, postgres)
              + " (task_id)");
      addMissing(st, quoted(log, postgres), columns, LATER_COLUMNS);
      st.execute(
          "CREATE TABLE IF NOT EXISTS "
              + quoted(rejects, postgres)
              + " (source_format TEXT NOT NULL, source_file TEXT NOT NULL,"
              + " imported_at TEXT NOT NULL, line BIGINT NOT NULL, last_line BIGINT NOT NULL,"
              + " reason TEXT NOT NULL, raw_id TEXT, at_ms BIGINT)");
      addMissing(st, quoted(rejects, postgres), rejectColumns, LATER_REJECT_COLUMNS);
      st.execute(
          "CREATE INDEX IF NOT EXISTS "
              + quoted(rejects + "_file", postgres)
              + " ON "
              + quoted(rejects, postgres)
              + " (source_file, imported_at)");
    }
    String at = stamp(entry.at());
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO "
                + quoted(log, postgres)
                + " (task_id, source_format, source_file, rows_added, imported_at, rows_rejected,"
                + " first_row_ms, last_row_ms, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      st.setString(1, entry.taskId());
      st.setString(2, entry.format());
      st.setString(3, entry.file());
      st.setLong(4, entry.rowsAdded());
      st.setString(5, at);
      st.setLong(6, entry.rowsRejected());
      setMillis(st, 7, parsed.firstRow());
      setMillis(st, 8, parsed.lastRow());
      // Each note is one line (the parser's sink made it so): lines keep them apart.
      st.setString(9, parsed.notes().isEmpty() ? null : String.join("\n", parsed.notes()));
      st.executeUpdate();
    }
    if (parsed.rejected().isEmpty()) {
      return;
    }
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO "
                + quoted(rejects, postgres)
                + " (source_format, source_file, imported_at, line, last_line, reason, raw_id,"
                + " at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Rejection r : parsed.rejected()) {
        st.setString(1, entry.format());
        st.setString(2, entry.file());
        st.setString(3, at);
        st.setLong(4, r.line());
        st.setLong(5, r.lastLine());
        st.setString(6, r.reason());
        st.setString(7, r.rawId());
        setMillis(st, 8, r.at());
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  /**
   * Adds to an existing {@code table} (quoted) whichever of {@code later} (name to type) its {@code
   * columns} lack; a table just made has them all.
   */
  private static void addMissing(
      Statement st, String table, Set<String> columns, Map<String, String> later)
      throws SQLException {
    if (columns.isEmpty()) {
      return;
    }
    for (Map.Entry<String, String> column : later.entrySet()) {
      if (!columns.contains(column.getKey())) {
        st.execute(
            "ALTER TABLE " + table + " ADD COLUMN " + column.getKey() + " " + column.getValue());
      }
    }
  }

  private static void setMillis(PreparedStatement st, int at, Instant time) throws SQLException {
    if (time == null) {
      st.setNull(at, java.sql.Types.BIGINT);
    } else {
      st.setLong(at, time.toEpochMilli());
    }
  }

  private static String quoted(String name, boolean postgres) {
    return postgres ? Postgres.identifier(name) : "\"" + name + "\"";
  }

  /**
   * The import task {@code taskId} committed into the processor table of {@code db} (on PostgreSQL,
   * of [database] url), if any: the first, should an attempt after it have run too.
   */
  public static Optional<Entry> byTask(Settings.Database database, Path db, String taskId) {
    return read(
        database,
        db,
        Optional.empty(),
        (c, columns) -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT "
                      + entryColumns(columns)
                      + " FROM "
                      + quoted(table(database.processorTable()), database.postgres())
                      + " WHERE task_id = ? ORDER BY imported_at LIMIT 1")) {
            st.setString(1, taskId);
            try (ResultSet rs = st.executeQuery()) {
              return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
            }
          }
        });
  }

  /**
   * One logged import, with the times its rows span (null in an entry of an earlier version, or
   * when it had no row with a time), the first of the rejections it kept, by line, and what its
   * parser told of the file as a whole (none in an entry of an earlier version).
   */
  public record Logged(
      Entry entry,
      Instant firstRow,
      Instant lastRow,
      List<Rejection> rejections,
      List<String> notes) {
    public Logged {
      rejections = List.copyOf(rejections);
      notes = List.copyOf(notes);
    }

    /**
     * The days of {@code zone} its rows fall on, "first" or "first to last"; empty when it does not
     * say (an earlier version's entry, or no row with a time).
     */
    public String days(ZoneId zone) {
      ImportSummary.RowDays days = ImportSummary.RowDays.of(firstRow, lastRow, zone);
      return days == null ? "" : days.toString();
    }

    /** The rows it rejected beyond those of {@link #rejections}. */
    public long notListed() {
      long rejected = entry.rowsRejected() == null ? 0 : entry.rowsRejected();
      return rejected - Rejection.rowsOf(rejections);
    }
  }

  /**
   * The latest {@code limit} imports into the processor table of {@code db} (on PostgreSQL, of
   * [database] url), newest first, each with up to {@code rejectionsEach} of the rejections it
   * kept; none when nothing was ever imported there.
   */
  public static List<Logged> recent(
      Settings.Database database, Path db, int limit, int rejectionsEach) {
    boolean postgres = database.postgres();
    return read(
        database,
        db,
        List.of(),
        (c, columns) -> {
          String span =
              columns.contains("first_row_ms") ? "first_row_ms, last_row_ms" : "NULL, NULL";
          String notes = columns.contains("notes") ? "notes" : "NULL";
          String rejects = rejectsTable(database.processorTable());
          Set<String> rejectColumns = columns(c, postgres, rejects);
          List<Logged> imports = new ArrayList<>();
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT "
                      + entryColumns(columns)
                      + ", "
                      + span
                      + ", "
                      + notes
                      + " FROM "
                      + quoted(table(database.processorTable()), postgres)
                      + " ORDER BY imported_at DESC LIMIT ?")) {
            st.setInt(1, limit);
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                Entry entry = entry(rs);
                Long rows = entry.rowsRejected();
                List<Rejection> kept =
                    rows == null || rows == 0 || rejectColumns.isEmpty()
                        ? List.of()
                        : listed(
                            c,
                            quoted(rejects, postgres),
                            new Latest(entry.format(), entry.file(), rs.getString(5), rows),
                            rejectColumns.contains("at_ms"),
                            rejectionsEach);
                String told = rs.getString(9);
                imports.add(
                    new Logged(
                        entry,
                        millis(rs.getObject(7)),
                        millis(rs.getObject(8)),
                        kept,
                        told == null ? List.of() : told.lines().toList()));
              }
            }
          }
          return imports;
        });
  }

  /**
   * The imports of one format: the latest, and the latest row time any of them brought (null when
   * none said: entries of an earlier version, or no row with a time), which tells how fresh the
   * processor's data is even when the latest import brought only rows already there.
   */
  public record FormatImports(Entry latest, Instant newestRow) {}

  /**
   * The imports of each format into the processor table of {@code db} (on PostgreSQL, of [database]
   * url), by format; none when nothing was ever imported there.
   */
  public static Map<String, FormatImports> byFormat(Settings.Database database, Path db) {
    return read(
        database,
        db,
        Map.of(),
        (c, columns) -> {
          String table = quoted(table(database.processorTable()), database.postgres());
          String newest =
              columns.contains("last_row_ms")
                  ? "(SELECT max(o.last_row_ms) FROM "
                      + table
                      + " AS o WHERE o.source_format = l.source_format)"
                  : "NULL";
          Map<String, FormatImports> latest = new TreeMap<>();
          try (PreparedStatement st =
                  c.prepareStatement(
                      "SELECT "
                          + entryColumns(columns)
                          + ", "
                          + newest
                          + " FROM "
                          + table
                          + " AS l WHERE imported_at IN (SELECT max(imported_at) FROM "
                          + table
                          + " GROUP BY source_format)");
              ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              FormatImports found = new FormatImports(entry(rs), millis(rs.getObject(7)));
              latest.merge(
                  found.latest().format(),
                  found,
                  (a, b) -> a.latest().at().isAfter(b.latest().at()) ? a : b);
            }
          }
          return latest;
        });
  }

  /** The columns {@link #entry} reads, of a log with {@code columns}. */
  private static String entryColumns(Set<String> columns) {
    return "task_id, source_format, source_file, rows_added, imported_at, "
        + (columns.contains("rows_rejected") ? "rows_rejected" : "NULL");
  }

  /** The entry in the first columns of a row selected by {@link #entryColumns}. */
  private static Entry entry(ResultSet rs) throws SQLException {
    return new Entry(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getLong(4),
        rs.getObject(6) == null ? null : rs.getLong(6),
        Instant.parse(rs.getString(5)));
  }

  /** An epoch-milliseconds column read with getObject (see {@link #listed}), or null. */
  private static Instant millis(Object value) {
    return value == null ? null : Instant.ofEpochMilli(((Number) value).longValue());
  }

  /**
   * The rejected rows of the files whose rows reach the instants [from, to): of each file (format
   * and name), its latest such import only, since importing a file again after mending it replaces
   * what the earlier import lost; of those, the rejections of rows in [from, to) and of rows whose
   * time could not be read (which may be any day's). Files with nothing to list on the day are left
   * out; in order of format, file and line.
   */
  public static List<FileRejections> rejectedIn(
      Settings.Database database, Path db, Instant from, Instant to) {
    boolean postgres = database.postgres();
    return read(
        database,
        db,
        List.of(),
        (c, columns) -> {
          if (!columns.contains("first_row_ms")) {
            return List.of();
          }
          Map<List<String>, Latest> latest = new LinkedHashMap<>();
          try (PreparedStatement st =
              c.prepareStatement(
                  "SELECT source_format, source_file, imported_at, rows_rejected FROM "
                      + quoted(table(database.processorTable()), postgres)
                      + " WHERE first_row_ms < ? AND last_row_ms >= ?")) {
            st.setLong(1, to.toEpochMilli());
            st.setLong(2, from.toEpochMilli());
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                Latest found =
                    new Latest(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4));
                latest.merge(
                    List.of(found.format(), found.file()),
                    found,
                    (a, b) -> a.importedAt().isAfter(b.importedAt()) ? a : b);
              }
            }
          }
          String rejects = rejectsTable(database.processorTable());
          boolean timed = columns(c, postgres, rejects).contains("at_ms");
          List<FileRejections> files = new ArrayList<>();
          for (Latest file : latest.values()) {
            if (file.rejected() == 0) {
              continue;
            }
            List<Rejection> kept =
                listed(c, quoted(rejects, postgres), file, timed, Integer.MAX_VALUE);
            long keptRows = Rejection.rowsOf(kept);
            List<Rejection> onDay =
                kept.stream()
                    .filter(r -> r.at() == null || (!r.at().isBefore(from) && r.at().isBefore(to)))
                    .toList();
            if (!onDay.isEmpty() || file.rejected() > keptRows) {
              files.add(
                  new FileRejections(
                      file.format(),
                      file.file(),
                      file.importedAt(),
                      file.rejected(),
                      keptRows,
                      onDay));
            }
          }
          files.sort(
              Comparator.comparing(FileRejections::format).thenComparing(FileRejections::file));
          return files;
        });
  }

  /** A file's import as {@link #rejectedIn} compares them. */
  private record Latest(String format, String file, String at, long rejected) {
    Instant importedAt() {
      return Instant.parse(at);
    }
  }

  /**
   * The first {@code limit} rejections {@code file}'s import kept, by line; without times from a
   * table of none.
   */
  private static List<Rejection> listed(
      Connection c, String rejects, Latest file, boolean timed, int limit) throws SQLException {
    List<Rejection> listed = new ArrayList<>();
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT line, last_line, reason, raw_id, "
                + (timed ? "at_ms" : "NULL")
                + " FROM "
                + rejects
                + " WHERE source_file = ? AND imported_at = ? AND source_format = ?"
                + " ORDER BY line, last_line LIMIT ?")) {
      st.setString(1, file.file());
      st.setString(2, file.at());
      st.setString(3, file.format());
      st.setInt(4, limit);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          // getObject: sqlite-jdbc's wasNull() misses the NULL a table without times selects.
          listed.add(
              new Rejection(
                  rs.getLong(1),
                  rs.getLong(2),
                  rs.getString(3),
                  rs.getString(4),
                  millis(rs.getObject(5))));
        }
      }
    }
    return listed;
  }

  /** What a reader of the log finds on a connection to the input, given the log's columns. */
  @FunctionalInterface
  private interface Reading<T> {
    T read(Connection c, Set<String> columns) throws SQLException;
  }

  /**
   * What {@code reading} finds in the log of the processor table of {@code db} (on PostgreSQL, of
   * [database] url); {@code none} when there is no log (nothing was ever imported there).
   */
  private static <T> T read(Settings.Database database, Path db, T none, Reading<T> reading) {
    String log = table(database.processorTable());
    try (Connection c = open(database, db)) {
      Set<String> columns = c == null ? Set.of() : columns(c, database.postgres(), log);
      return columns.isEmpty() ? none : reading.read(c, columns);
    } catch (SQLException e) {
      throw new StoreException("reading " + log, e);
    }
  }

  /** A read-only connection to the input, or null when the SQLite file does not exist. */
  private static Connection open(Settings.Database database, Path db) {
    if (database.postgres()) {
      return Postgres.connect(database);
    }
    // No database, no import: the caller's own check then names what is missing.
    return Files.isRegularFile(db) ? Sqlite.openReadOnly(db, database.busyTimeoutMs()) : null;
  }

  private static Set<String> columns(Connection c, boolean postgres, String table)
      throws SQLException {
    return postgres ? PgInputSource.columnsOf(c, table) : Sqlite.columns(c, table);
  }
}
