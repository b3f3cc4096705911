package dev.reconciler.core.store;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.UserError;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Reads the input tables of one database: schema check, a day's rows, and rows by line. */
public final class InputReader implements AutoCloseable {
  /** Rows whose timestamp does not even start like a date belong to no day: read them to reject. */
  private static final String UNDATABLE =
      " IS NULL OR %s NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'";

  /** Rows per packed read: a few hundred kilobytes. */
  private static final int CHUNK = 4096;

  private final Path db;
  private final InputSchema schema;
  private final Connection connection;
  private final boolean utf8;

  public InputReader(Path db, InputSchema schema, int busyTimeoutMs) {
    this.db = db;
    this.schema = schema;
    this.connection = Sqlite.openReadOnly(db, busyTimeoutMs);
    this.utf8 = encoding().equals("UTF-8");
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
  public void checkSchema() {
    for (Source source : Source.values()) {
      String table = schema.table(source);
      Set<String> present = columnsOf(table);
      if (present.isEmpty()) {
        throw new UserError(
            "table '"
                + table
                + "' not found in "
                + db
                + " (the input contract needs tables "
                + schema.salesTable()
                + " and "
                + schema.processorTable()
                + ")");
      }
      for (String column : schema.columns(source)) {
        if (!column.equals("NULL") && !present.contains(column.toLowerCase(Locale.ROOT))) {
          throw new UserError("table '" + table + "' in " + db + " has no column '" + column + "'");
        }
      }
    }
  }

  private Set<String> columnsOf(String table) {
    Set<String> columns = new HashSet<>();
    try (PreparedStatement st =
        connection.prepareStatement("SELECT name FROM pragma_table_info(?)")) {
      st.setString(1, table);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          columns.add(rs.getString(1).toLowerCase(Locale.ROOT));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading the columns of " + table, e);
    }
    return columns;
  }

  /**
   * Streams the rows whose timestamp text lies within a day either side of {@code date} (the caller
   * applies the exact zone-aware cut), plus undatable rows, in rowid order, in one reused {@link
   * RowFields}. The rows carry no reference or customer id ({@link InputSchema#loadColumns});
   * {@link #fetch} reads rows whole.
   */
  public void readDay(Source source, LocalDate date, Consumer<RowFields> sink) {
    String ts = schema.timestampColumn(source);
    String day =
        "((" + ts + " >= ?2 AND " + ts + " < ?3) OR " + ts + String.format(UNDATABLE, ts) + ")";
    PackedChunk packed = new PackedChunk(schema.loadColumns(source));
    // Keyset pages of CHUNK rows, each packed into one string: sparse or huge rowids and tables
    // holding many days cost no more than one pass.
    String sql =
        "SELECT max(r), count(*), group_concat(p, char(29)) FROM (SELECT rowid AS r, "
            + packed.rowExpression()
            + " AS p FROM "
            + schema.table(source)
            + " WHERE rowid > ?1 AND "
            + day
            + " ORDER BY rowid LIMIT "
            + CHUNK
            + ")";
    String from = date.minusDays(1).toString();
    String to = date.plusDays(2).toString();
    RowFields fields = new RowFields(source);
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      st.setString(2, from);
      st.setString(3, to);
      long after = Long.MIN_VALUE;
      int rows = CHUNK;
      while (rows == CHUNK) {
        st.setLong(1, after);
        long last;
        byte[] chunk;
        try (ResultSet rs = st.executeQuery()) {
          last = rs.getLong(1);
          rows = rs.getInt(2);
          chunk = rs.getBytes(3);
        }
        if (rows == 0) {
          break;
        }
        if (utf8 && packed.split(chunk, rows, after)) {
          packed.forEachRow(chunk, fields, sink);
        } else {
          long first = after;
          long end = last;
          readRowByRow(
              source,
              schema.loadColumns(source),
              day + " AND rowid > ?1 AND rowid <= ?4",
              row -> {
                row.setLong(1, first);
                row.setString(2, from);
                row.setString(3, to);
                row.setLong(4, end);
              },
              sink);
        }
        after = last;
      }
    } catch (SQLException e) {
      throw new StoreException("reading " + schema.table(source), e);
    }
  }

  /** Binds a statement's parameters. */
  @FunctionalInterface
  private interface Parameters {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /**
   * The slow path of the packed reads: one packed string per row, decoded as text, and a row whose
   * values hold a separator read column by column.
   */
  private void readRowByRow(
      Source source,
      List<String> columns,
      String where,
      Parameters parameters,
      Consumer<RowFields> sink)
      throws SQLException {
    String sql = packedSelect(source, columns) + " WHERE " + where + " ORDER BY rowid";
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      parameters.bind(st);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          long line = rs.getLong(1);
          RawRow row = PackedRow.decode(source, line, rs.getString(2), columns.size());
          sink.accept(RowFields.of(row != null ? row : fetchColumnByColumn(source, columns, line)));
        }
      }
    }
  }

  /**
   * One more than the table's largest rowid minus its smallest (0 when empty): the row count of a
   * table without gaps, read from the rowid index's two ends.
   */
  public long rowidSpan(Source source) {
    String table = schema.table(source);
    // Two subqueries: SQLite answers a lone min() or max() from the index, both at once by a scan.
    try (PreparedStatement st =
            connection.prepareStatement(
                "SELECT ifnull((SELECT max(rowid) FROM "
                    + table
                    + ") - (SELECT min(rowid) FROM "
                    + table
                    + ") + 1, 0)");
        ResultSet rs = st.executeQuery()) {
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreException("reading the rowid range of " + table, e);
    }
  }

  /** The rows at the given lines (rowids), keyed by line. */
  public Map<Long, RawRow> fetch(Source source, long[] lines) {
    Map<Long, RawRow> rows = new HashMap<>(lines.length * 2);
    fetch(source, lines, fields -> rows.put(fields.line(), fields.toRawRow()));
    return rows;
  }

  /**
   * Streams the rows at the given lines (rowids), every column, in one reused {@link RowFields}:
   * packed chunks as {@link #readDay} reads them, in batches of one JSON array parameter each (no
   * limit on bound variables, one statement per batch).
   */
  public void fetch(Source source, long[] lines, Consumer<RowFields> sink) {
    List<String> columns = schema.columns(source);
    PackedChunk packed = new PackedChunk(columns);
    String where = "rowid IN (SELECT value FROM json_each(?1))";
    String sql =
        "SELECT count(*), group_concat(p, char(29)) FROM (SELECT rowid AS r, "
            + packed.rowExpression()
            + " AS p FROM "
            + schema.table(source)
            + " WHERE "
            + where
            + " ORDER BY rowid)";
    RowFields fields = new RowFields(source);
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      for (int from = 0; from < lines.length; from += CHUNK) {
        String batch =
            Arrays.toString(Arrays.copyOfRange(lines, from, Math.min(lines.length, from + CHUNK)));
        st.setString(1, batch);
        int rows;
        byte[] chunk;
        try (ResultSet rs = st.executeQuery()) {
          rows = rs.getInt(1);
          chunk = rs.getBytes(2);
        }
        if (rows == 0) {
          continue;
        }
        if (utf8 && packed.split(chunk, rows, Long.MIN_VALUE)) {
          packed.forEachRow(chunk, fields, sink);
        } else {
          readRowByRow(source, columns, where, row -> row.setString(1, batch), sink);
        }
      }
    } catch (SQLException e) {
      throw new StoreException("fetching rows of " + schema.table(source), e);
    }
  }

  /** The slow path for a row whose values contain the packing separators. */
  private RawRow fetchColumnByColumn(Source source, List<String> columns, long line)
      throws SQLException {
    List<String> select = new ArrayList<>();
    select.add("rowid");
    select.addAll(columns);
    String sql =
        "SELECT "
            + String.join(", ", select)
            + " FROM "
            + schema.table(source)
            + " WHERE rowid = ?";
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      st.setLong(1, line);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return new RawRow(
            source,
            rs.getLong(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getString(6),
            rs.getString(7),
            rs.getString(8),
            rs.getString(9));
      }
    }
  }

  private String packedSelect(Source source, List<String> columns) {
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
