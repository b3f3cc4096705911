package dev.reconciler.core.store;

import dev.reconciler.core.domain.Shard;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexes that let each part of a day read in {@code count} parts seek its own rows, instead of
 * testing the part condition ({@link SqliteInputSource#inShard}) on every row of the table: one per
 * side on that very expression, so SQLite finds a part's rows in rowid order, as the read pages
 * through them. Made once for a count, the first time a day is read in that many parts, and kept by
 * SQLite as rows are written; those of another count are dropped then, since every later write
 * would pay for them.
 */
public final class SqlitePartIndex {
  private static final Logger log = LoggerFactory.getLogger(SqlitePartIndex.class);

  private SqlitePartIndex() {}

  /** The index of {@code table} for days read in {@code count} parts. */
  static String name(String table, int count) {
    return prefix(table) + count;
  }

  private static String prefix(String table) {
    return table + "_part_of_";
  }

  /** The statement making the index of one side for {@code count} parts. */
  static String createSql(InputSchema schema, Source side, int count) {
    String table = schema.table(side);
    return "CREATE INDEX IF NOT EXISTS \""
        + name(table, count)
        + "\" ON \""
        + table
        + "\"("
        + SqliteInputSource.partOf(schema, side, count)
        + ")";
  }

  /**
   * Makes both sides' indexes for {@code count} parts in {@code db} unless they are there, and
   * drops those of other counts or expressions, a write transaction per table (on a table of
   * millions of rows, seconds, once).
   *
   * @return true when it made them, false when they were there
   * @throws UserError when a table is not there or not an ordinary one, or the database cannot be
   *     written
   */
  public static boolean make(Path db, InputSchema schema, int count, int busyTimeoutMs) {
    if (count < 2 || count > Shard.MAX_COUNT) {
      throw new IllegalArgumentException(
          "parts of a day: 2 to " + Shard.MAX_COUNT + ", not " + count);
    }
    if (present(db, schema, count, busyTimeoutMs)) {
      return false;
    }
    requireTables(db, schema, busyTimeoutMs);
    try {
      // A transaction per table: the write lock, which other writers of the file wait for up to
      // their busy timeout, is held for one table's build at a time (seconds at 10M rows).
      for (Source side : Source.values()) {
        Sqlite.inWriteTransaction(
            db,
            busyTimeoutMs,
            "indexing the parts of a day",
            c -> {
              make(c, schema, side, count);
              return null;
            });
      }
    } catch (UserError e) {
      throw new UserError(
          "cannot index the parts of a day in "
              + db.toAbsolutePath().normalize()
              + ": it is read-only for this user",
          e);
    }
    log.info(
        "Indexed {} and {} in {} for days read in {} parts: each part now reads only its rows",
        schema.salesTable(),
        schema.processorTable(),
        db,
        count);
    return true;
  }

  /**
   * {@link #make} for a run about to read a day in {@code count} parts, which must not fail for it:
   * a database this may not write ({@code mayWrite} false: the input when runs are recorded
   * elsewhere) or cannot write is left as it is, with a warning; its parts then read every row.
   *
   * @return whether both indexes are there now
   */
  public static boolean ensure(
      Path db, InputSchema schema, int count, int busyTimeoutMs, boolean mayWrite) {
    if (count < 2 || !Files.isRegularFile(db)) {
      // A missing file is for the parts' own reads to report.
      return false;
    }
    try {
      if (present(db, schema, count, busyTimeoutMs)) {
        return true;
      }
      if (!mayWrite) {
        warn(db, schema, count, "the input is not written when runs are recorded elsewhere");
        return false;
      }
      make(db, schema, count, busyTimeoutMs);
      return true;
    } catch (RuntimeException e) {
      warn(db, schema, count, e.getMessage());
      return false;
    }
  }

  /**
   * Whether {@code db} holds the indexes for reading a day in {@code count} parts; false too when
   * that cannot be told (no such file, a table missing): the run's own reads report those.
   */
  public static boolean indexedFor(Path db, InputSchema schema, int count, int busyTimeoutMs) {
    return count >= 2 && indexedCount(db, schema, busyTimeoutMs) == count;
  }

  /**
   * The count of parts {@code db}'s two tables are both indexed for, as this version makes their
   * indexes; 0 when they are not (none, another count on each side, another expression) or that
   * cannot be told (no such file, a table missing): the run's own reads report those.
   */
  public static int indexedCount(Path db, InputSchema schema, int busyTimeoutMs) {
    if (!Files.isRegularFile(db)) {
      return 0;
    }
    try (Connection c = Sqlite.openReadOnly(db, busyTimeoutMs)) {
      int count = 0;
      for (Source side : Source.values()) {
        String table = schema.table(side);
        Map<String, String> there = partIndexes(c, table);
        if (there.size() != 1) {
          return 0;
        }
        Map.Entry<String, String> index = there.entrySet().iterator().next();
        int its = Integer.parseInt(index.getKey().substring(prefix(table).length()));
        if (its < 2
            || its > Shard.MAX_COUNT
            || (count != 0 && its != count)
            || !wanted(schema, side, its, index)) {
          return 0;
        }
        count = its;
      }
      return count;
    } catch (SQLException | RuntimeException e) {
      return 0;
    }
  }

  private static void warn(Path db, InputSchema schema, int count, String why) {
    // Not the statements themselves: the id's normalisation spells control characters, which
    // would break the log line.
    log.warn(
        "Each part of a day read in {} parts reads every row of {} and {} in {} ({}): an index"
            + " of each on the part expression would let it read only its own: 'reconciler"
            + " index-parts --shards {}', or the first run in that many parts that may write it",
        count,
        schema.salesTable(),
        schema.processorTable(),
        db,
        why,
        count);
  }

  /**
   * Fails with a {@link UserError} when a side's table is not there (no import yet) or is a view,
   * as a run would: left to CREATE INDEX, the user's to fix read as a database failure (exit 1).
   */
  private static void requireTables(Path db, InputSchema schema, int busyTimeoutMs) {
    try (Connection c = Sqlite.openReadOnly(db, busyTimeoutMs)) {
      for (Source side : Source.values()) {
        SqliteInputSource.requireTable(c, schema, schema.table(side), db);
      }
    } catch (SQLException e) {
      throw new StoreException("reading the tables of " + db, e);
    }
  }

  /**
   * Whether both sides have the index for {@code count}, on the expression this version reads a
   * part by, and no other: one made for another match key, or by a version that spelt the part
   * expression otherwise, has the name but would never be used.
   */
  private static boolean present(Path db, InputSchema schema, int count, int busyTimeoutMs) {
    try (Connection c = Sqlite.openReadOnly(db, busyTimeoutMs)) {
      for (Source side : Source.values()) {
        Map<String, String> there = partIndexes(c, schema.table(side));
        if (there.size() != 1 || !wanted(schema, side, count, there.entrySet().iterator().next())) {
          return false;
        }
      }
      return true;
    } catch (SQLException e) {
      throw new StoreException("reading the indexes of " + db, e);
    }
  }

  /** Whether {@code index} is the index of {@code side} for {@code count}, as this makes it. */
  private static boolean wanted(
      InputSchema schema, Source side, int count, Map.Entry<String, String> index) {
    // SQLite keeps a CREATE INDEX statement as written, less its IF NOT EXISTS.
    String made = createSql(schema, side, count).replace(" IF NOT EXISTS ", " ");
    return index.getKey().equalsIgnoreCase(name(schema.table(side), count))
        && made.equals(index.getValue());
  }

  /** Makes {@code side}'s index for {@code count}, dropping any other part index of its table. */
  private static void make(Connection c, InputSchema schema, Source side, int count)
      throws SQLException {
    try (Statement st = c.createStatement()) {
      for (Map.Entry<String, String> other : partIndexes(c, schema.table(side)).entrySet()) {
        if (!wanted(schema, side, count, other)) {
          st.execute("DROP INDEX IF EXISTS \"" + other.getKey() + "\"");
        }
      }
      st.execute(createSql(schema, side, count));
    }
  }

  /** The names of the part indexes of {@code schema}'s two tables in {@code db}, sorted. */
  public static List<String> in(Path db, InputSchema schema, int busyTimeoutMs) {
    try (Connection c = Sqlite.openReadOnly(db, busyTimeoutMs)) {
      List<String> names = new ArrayList<>();
      for (Source side : Source.values()) {
        names.addAll(partIndexes(c, schema.table(side)).keySet());
      }
      names.sort(null);
      return names;
    } catch (SQLException e) {
      throw new StoreException("reading the indexes of " + db, e);
    }
  }

  /**
   * Drops {@code table}'s part indexes and returns the statements that made them, for a writer that
   * adds many rows to build them again after (faster than adding each row to them).
   */
  static List<String> drop(Connection c, String table) throws SQLException {
    Map<String, String> indexes = partIndexes(c, table);
    try (Statement st = c.createStatement()) {
      for (String name : indexes.keySet()) {
        st.execute("DROP INDEX \"" + name + "\"");
      }
    }
    return List.copyOf(indexes.values());
  }

  /** {@code table}'s part indexes, of any count: each name and the statement that made it. */
  static Map<String, String> partIndexes(Connection c, String table) throws SQLException {
    Map<String, String> indexes = new LinkedHashMap<>();
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                + " AND tbl_name = ? COLLATE NOCASE ORDER BY name")) {
      st.setString(1, table);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          // SQLite's names ignore case, as a table configured in other letters does.
          String name = rs.getString(1);
          String start = prefix(table).toLowerCase(Locale.ROOT);
          if (name.toLowerCase(Locale.ROOT).startsWith(start)
              && name.substring(start.length()).matches("[1-9][0-9]*")) {
            indexes.put(name, rs.getString(2));
          }
        }
      }
    }
    return indexes;
  }
}
