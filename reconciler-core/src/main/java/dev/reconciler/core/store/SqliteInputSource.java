package dev.reconciler.core.store;

import dev.reconciler.core.domain.Shard;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.imports.ProcessorTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@link InputSource} of a SQLite database holding both sides as tables: a row's line is its
 * rowid. A processor table with imported rows (it has row_type) is read for its payments only.
 */
public final class SqliteInputSource implements InputSource {
  /**
   * The rows a day reads, for the timestamp column {@code %1$s}: those whose text lies in the
   * window of dates ?2 to ?3 (exclusive), and every row whose timestamp the window cannot place.
   * One that does not even start like a date belongs to no day: it is read to be rejected, or, if
   * the parser reads it after all (blanks in front, a signed year), placed by its instant. SQLite
   * orders every BLOB after every text, so no window holds one, while GLOB reads its bytes as text:
   * a BLOB spelling a date would belong to no day unless read always.
   */
  private static final String DAY = "((%1$s >= ?2 AND %1$s < ?3) OR " + DaySpan.UNDATED + ")";

  /** Rows per packed read: a few hundred kilobytes. */
  private static final int CHUNK = 4096;

  /** SQLite's primary result code for an SQL error, such as a column or table that is not there. */
  private static final int SQLITE_ERROR = 1;

  private final Path db;
  private final InputSchema schema;
  private final Connection connection;
  private final boolean utf8;

  /** " AND " and the condition selecting a processor table's payments, or "" for every row. */
  private final String processorRows;

  public SqliteInputSource(Path db, InputSchema schema, int busyTimeoutMs) {
    this.db = db;
    this.schema = schema;
    this.connection = Sqlite.openReadOnly(db, busyTimeoutMs);
    try {
      this.utf8 = encoding().equals("UTF-8");
      this.processorRows = holdsOtherRowTypes() ? " AND " + ProcessorTable.PAYMENTS : "";
    } catch (RuntimeException e) {
      close(e);
      throw e;
    }
  }

  /**
   * Whether the processor table has the column that tells payments from other rows: then the
   * payments condition compiles. SQLite refuses it with a plain SQL error ("no such column", or "no
   * such table", which {@link #checkSchema} reports); any other failure (a lock, a damaged file)
   * must not pass for a table of payments only.
   */
  private boolean holdsOtherRowTypes() {
    String sql =
        "SELECT 1 FROM "
            + schema.processorTable()
            + " WHERE "
            + ProcessorTable.PAYMENTS
            + " LIMIT 0";
    try {
      connection.prepareStatement(sql).close();
      return true;
    } catch (SQLException e) {
      if ((e.getErrorCode() & 0xff) == SQLITE_ERROR) {
        return false;
      }
      throw new StoreException("reading the columns of " + schema.processorTable(), e);
    }
  }

  private void close(RuntimeException cause) {
    try {
      connection.close();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /** The condition on a side's rows that every read adds (" AND ..."), or "". */
  private String rowsOf(Source source) {
    return source == Source.PROCESSOR ? processorRows : "";
  }

  /** The database's text encoding: packed chunks are read as raw bytes only when it is UTF-8. */
  private String encoding() {
    try (PreparedStatement st = connection.prepareStatement("PRAGMA encoding");
        ResultSet rs = st.executeQuery()) {
      return rs.getString(1);
    } catch (SQLException e) {
      throw new StoreException("reading the encoding of " + db, e);
    }
  }

  /** Fails with a {@link UserError} naming the first missing table or column. */
  @Override
  public void checkSchema() {
    for (Source source : Source.values()) {
      String table = schema.table(source);
      Set<String> present = requireTable(connection, schema, table, db);
      for (String column : schema.requiredColumns(source)) {
        if (!present.contains(column.toLowerCase(Locale.ROOT))) {
          throw InputSchema.noColumn(table, db, column, "");
        }
      }
    }
  }

  /**
   * Fails with a {@link UserError} when {@code table} is not there or is not an ordinary table.
   *
   * @return its lower-cased columns
   */
  static Set<String> requireTable(
      Connection connection, InputSchema schema, String table, Path db) {
    Set<String> present;
    try {
      present = Sqlite.columns(connection, table);
    } catch (SQLException e) {
      throw new StoreException("reading the columns of " + table, e);
    }
    if (present.isEmpty()) {
      throw schema.noTable(table, db);
    }
    InputTable.requireRowidTable(connection, table, db);
    return present;
  }

  @Override
  public String name(Source source) {
    return schema.table(source);
  }

  /**
   * Streams every row whose timestamp may lie in the business day {@code [dayStart, dayEnd)}, plus
   * the undatable rows, in rowid order, in one reused {@link RowFields}; the caller cuts the day
   * exactly, by instant. The rows carry no reference or customer id; {@link #fetch} reads rows
   * whole.
   */
  @Override
  public void readDay(Source source, Instant dayStart, Instant dayEnd, Consumer<RowFields> sink) {
    readDay(source, dayStart, dayEnd, Shard.ALL, sink);
  }

  @Override
  public void readDay(
      Source source, Instant dayStart, Instant dayEnd, Shard shard, Consumer<RowFields> sink) {
    SpelledDates dates = SpelledDates.of(dayStart, dayEnd);
    // Keyset pages of CHUNK rows, within the ranges that hold the day: sparse or huge rowids cost
    // no more than one pass, and a table holding many days no more than the day's own rows.
    try (PackedQuery query =
        new PackedQuery(
            source,
            new SelectedColumns(schema, source, InputField.LOAD),
            dayWhere(source, shard),
            " LIMIT " + CHUNK)) {
      for (DaySpan.Range range : span(source, dates.from(), dates.to())) {
        long after = range.after();
        for (int rows = CHUNK; rows == CHUNK; after = query.last()) {
          long start = after;
          rows =
              query.read(
                  statement -> {
                    statement.setLong(1, start);
                    statement.setString(2, dates.from());
                    statement.setString(3, dates.to());
                    statement.setLong(4, range.last());
                  },
                  after,
                  sink);
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading " + schema.table(source), e);
    }
  }

  private String dayWhere(Source source, Shard shard) {
    return dayRows(source) + inShard(schema, source, shard);
  }

  /** The statement {@link #readDay} pages through a side's rows of a day with, as prepared. */
  String readDaySql(Source source, Shard shard) {
    return packedSql(
        source,
        new PackedChunk(new SelectedColumns(schema, source, InputField.LOAD)),
        dayWhere(source, shard),
        " LIMIT " + CHUNK);
  }

  private String packedSql(Source source, PackedChunk packed, String where, String limit) {
    return "SELECT count(*), group_concat(p, char(29)) FROM (SELECT "
        + packed.rowExpression()
        + " AS p FROM "
        + schema.table(source)
        + " WHERE "
        + where
        + " ORDER BY rowid"
        + limit
        + ")";
  }

  /**
   * " AND" the condition that a row's id falls in {@code shard} (nothing for the whole day). SQLite
   * has no hash function, so the part is picked by the last two characters of the id normalised as
   * the matcher compares it (the expression the import indexes), which spread the usual ids (a
   * sequence number, random letters) evenly; an id shorter than that, blank or NULL counts its
   * missing characters as 0, so every row is in exactly one part.
   */
  static String inShard(InputSchema schema, Source source, Shard shard) {
    if (shard.whole()) {
      return "";
    }
    return " AND " + partOf(schema, source, shard.count()) + " = " + shard.index();
  }

  /**
   * The part of {@code count} a row of a side falls in, 0 to count - 1: spelt exactly as {@link
   * SqlitePartIndex} indexes it, which is what lets SQLite use that index for a part's read.
   */
  static String partOf(InputSchema schema, Source source, int count) {
    return bucket(schema.column(source, InputField.ID)) + " % " + count;
  }

  /**
   * {@link #normalizedBucket} of a column, cheaply for the usual id: where its last two characters
   * are digits or upper-case letters, normalising changes neither (no blank to trim, nothing to
   * upper-case), so they are read as they are. Every part evaluates this on every row of the day,
   * and the full normalisation (a trim over every blank, an upper-case copy, twice) cost 2.4 times
   * as much (see BENCHMARKS.md). The value is the same for every id, which workers of two versions
   * sharing one run rely on.
   */
  static String bucket(String column) {
    return "(CASE WHEN substr("
        + column
        + ", -2) GLOB '[0-9A-Z][0-9A-Z]' THEN unicode(substr("
        + column
        + ", -1)) * 31 + unicode(substr("
        + column
        + ", -2, 1)) ELSE "
        + normalizedBucket(column)
        + " END)";
  }

  /** The last two characters of the normalised id as a number, 0 for each that is missing. */
  static String normalizedBucket(String column) {
    String id = SettlementReader.normalKey(column);
    return "(ifnull(unicode(substr("
        + id
        + ", -1)), 0) * 31 + ifnull(unicode(substr("
        + id
        + ", -2, 1)), 0))";
  }

  /**
   * The rows of a side of rowid in (?1, ?4] whose timestamp may lie in the dates ?2 to ?3
   * (exclusive).
   */
  private String dayRows(Source source) {
    return "rowid > ?1 AND rowid <= ?4 AND "
        + String.format(DAY, schema.column(source, InputField.TIMESTAMP))
        + rowsOf(source);
  }

  /** The rowid ranges that hold a side's rows of the dates [from, to) and its undated rows. */
  private List<DaySpan.Range> span(Source source, String from, String to) throws SQLException {
    return DaySpan.of(
        connection,
        schema.table(source),
        schema.column(source, InputField.TIMESTAMP),
        from,
        to,
        true);
  }

  /**
   * One packed query over the rows of a WHERE clause, run again and again with new parameters: each
   * run's rows arrive as one chunk (see {@link PackedChunk}), read row by row instead when the
   * chunk will not split.
   */
  private final class PackedQuery implements AutoCloseable {
    private final Source source;
    private final SelectedColumns columns;
    private final String where;
    private final boolean limited;
    private final PackedChunk packed;
    private final RowFields fields;
    private final PreparedStatement statement;
    private long last;

    /** {@code limit} is empty or a LIMIT clause for the rows of one run. */
    PackedQuery(Source source, SelectedColumns columns, String where, String limit)
        throws SQLException {
      this.source = source;
      this.columns = columns;
      this.where = where;
      this.limited = !limit.isEmpty();
      this.packed = new PackedChunk(columns);
      this.fields = new RowFields(source);
      // The rowids come inside the rows, so the chunk's last one is read from there: selecting
      // max(rowid) as well made SQLite carry a column and an aggregate more (~30 ms per side).
      this.statement = connection.prepareStatement(packedSql(source, packed, where, limit));
    }

    /**
     * Runs the query with {@code parameters}, hands its rows (all of rowid above {@code after}) to
     * {@code sink} in rowid order, and returns how many there were.
     */
    int read(Parameters parameters, long after, Consumer<RowFields> sink) throws SQLException {
      parameters.bind(statement);
      int rows;
      byte[] chunk;
      try (ResultSet rs = statement.executeQuery()) {
        rows = rs.getInt(1);
        chunk = rs.getBytes(2);
      }
      if (rows > 0) {
        if (utf8 && packed.split(chunk, rows, after)) {
          last = packed.lastLine();
          packed.forEachRow(chunk, fields, sink);
        } else {
          // The same rows again, one by one: same WHERE, same order, as many as there were.
          last =
              readRowByRow(
                  source, columns, where, limited ? " LIMIT " + rows : "", parameters, sink);
        }
      }
      return rows;
    }

    /** The largest rowid the last run read. */
    long last() {
      return last;
    }

    @Override
    public void close() throws SQLException {
      statement.close();
    }
  }

  /** Binds a statement's parameters. */
  @FunctionalInterface
  private interface Parameters {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /**
   * The slow path of the packed reads: one packed string per row, decoded as text, and a row whose
   * values hold a separator read column by column. Returns the rowid of the last row read.
   */
  private long readRowByRow(
      Source source,
      SelectedColumns columns,
      String where,
      String limit,
      Parameters parameters,
      Consumer<RowFields> sink)
      throws SQLException {
    String sql = packedSelect(source, columns) + " WHERE " + where + " ORDER BY rowid" + limit;
    long line = Long.MIN_VALUE;
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      parameters.bind(st);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          line = rs.getLong(1);
          RowFields row = PackedRow.decode(source, line, rs.getString(2), columns);
          sink.accept(row != null ? row : fetchColumnByColumn(source, columns, line));
        }
      }
    }
    return line;
  }

  /**
   * One more than the side's largest rowid minus its smallest (0 when empty): the row count of a
   * table without gaps, read from the rowid order's two ends.
   */
  @Override
  public long sizeHint(Source source) {
    String table = schema.table(source);
    String rows = " FROM " + table + " WHERE 1" + rowsOf(source) + " ORDER BY rowid";
    // Two subqueries, each reading from one end of the rowid order until a row qualifies (at once
    // for a table of payments only): one query for both ends would scan the table.
    try (PreparedStatement st =
            connection.prepareStatement(
                "SELECT ifnull((SELECT rowid"
                    + rows
                    + " DESC LIMIT 1) - (SELECT rowid"
                    + rows
                    + " LIMIT 1) + 1, 0)");
        ResultSet rs = st.executeQuery()) {
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreException("reading the rowid range of " + table, e);
    }
  }

  /**
   * The rows whose timestamp text lies within the date (the load's own condition, on the one date
   * instead of the window around it, which holds three days' rows), and every undatable row.
   */
  @Override
  public long countDay(Source source, LocalDate date) {
    String sql = "SELECT count(*) FROM " + schema.table(source) + " WHERE " + dayRows(source);
    String from = date.toString();
    String to = date.plusDays(1).toString();
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      long count = 0;
      for (DaySpan.Range range : span(source, from, to)) {
        st.setLong(1, range.after());
        st.setString(2, from);
        st.setString(3, to);
        st.setLong(4, range.last());
        try (ResultSet rs = st.executeQuery()) {
          count += rs.getLong(1);
        }
      }
      return count;
    } catch (SQLException e) {
      throw new StoreException("counting the rows of " + schema.table(source), e);
    }
  }

  /**
   * Streams the rows at the given lines (rowids), every column, in one reused {@link RowFields}:
   * packed chunks as {@link #readDay} reads them, in batches of one JSON array parameter each (no
   * limit on bound variables, one statement per batch).
   */
  @Override
  public void fetch(Source source, long[] lines, Consumer<RowFields> sink) {
    try (PackedQuery query =
        new PackedQuery(
            source,
            new SelectedColumns(schema, source, InputField.WHOLE),
            "rowid IN (SELECT value FROM json_each(?1))" + rowsOf(source),
            "")) {
      for (int from = 0; from < lines.length; from += CHUNK) {
        String batch =
            Arrays.toString(Arrays.copyOfRange(lines, from, Math.min(lines.length, from + CHUNK)));
        query.read(statement -> statement.setString(1, batch), Long.MIN_VALUE, sink);
      }
    } catch (SQLException e) {
      throw new StoreException("fetching rows of " + schema.table(source), e);
    }
  }

  /** The slow path for a row whose values contain the packing separators. */
  private RowFields fetchColumnByColumn(Source source, SelectedColumns columns, long line)
      throws SQLException {
    String sql =
        "SELECT "
            + columns.join(", ", column -> column)
            + " FROM "
            + schema.table(source)
            + " WHERE rowid = ?";
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      st.setLong(1, line);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        String[] values = new String[InputField.COUNT];
        for (int i = 0; i < columns.size(); i++) {
          values[columns.field(i).ordinal()] = rs.getString(i + 1);
        }
        return RowFields.of(source, line, values);
      }
    }
  }

  private String packedSelect(Source source, SelectedColumns columns) {
    return "SELECT rowid, " + PackedRow.expression(columns) + " FROM " + schema.table(source);
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("closing " + db, e);
    }
  }
}
