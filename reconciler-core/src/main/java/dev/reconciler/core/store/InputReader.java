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

  private static final int FETCH_BATCH = 10_000;

  private final Path db;
  private final InputSchema schema;
  private final Connection connection;

  public InputReader(Path db, InputSchema schema, int busyTimeoutMs) {
    this.db = db;
    this.schema = schema;
    this.connection = Sqlite.openReadOnly(db, busyTimeoutMs);
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
   * applies the exact zone-aware cut), plus undatable rows, in rowid order. The rows carry no
   * reference or customer id ({@link InputSchema#loadColumns}); {@link #fetch} reads rows whole.
   */
  public void readDay(Source source, LocalDate date, Consumer<RawRow> sink) {
    String ts = schema.timestampColumn(source);
    String sql =
        packedSelect(source, schema.loadColumns(source))
            + " WHERE ("
            + ts
            + " >= ? AND "
            + ts
            + " < ?) OR "
            + ts
            + String.format(UNDATABLE, ts)
            + " ORDER BY rowid";
    int count = schema.columns(source).size();
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      st.setString(1, date.minusDays(1).toString());
      st.setString(2, date.plusDays(2).toString());
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          long line = rs.getLong(1);
          RawRow row = PackedRow.decode(source, line, rs.getString(2), count);
          sink.accept(row != null ? row : fetchColumnByColumn(source, line));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading " + schema.table(source), e);
    }
  }

  /** The rows at the given lines (rowids), keyed by line. */
  public Map<Long, RawRow> fetch(Source source, long[] lines) {
    Map<Long, RawRow> rows = new HashMap<>(lines.length * 2);
    int count = schema.columns(source).size();
    // One JSON array parameter per batch: no limit on bound variables, one statement per batch.
    String sql =
        packedSelect(source, schema.columns(source))
            + " WHERE rowid IN (SELECT value FROM json_each(?))";
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      for (int from = 0; from < lines.length; from += FETCH_BATCH) {
        int to = Math.min(lines.length, from + FETCH_BATCH);
        st.setString(1, Arrays.toString(Arrays.copyOfRange(lines, from, to)));
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            long line = rs.getLong(1);
            RawRow row = PackedRow.decode(source, line, rs.getString(2), count);
            rows.put(line, row != null ? row : fetchColumnByColumn(source, line));
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("fetching rows of " + schema.table(source), e);
    }
    return rows;
  }

  /** The slow path for a row whose values contain the packing separators. */
  private RawRow fetchColumnByColumn(Source source, long line) throws SQLException {
    List<String> columns = new ArrayList<>();
    columns.add("rowid");
    columns.addAll(schema.columns(source));
    String sql =
        "SELECT "
            + String.join(", ", columns)
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
