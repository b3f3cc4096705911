package dev.reconciler.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Inserts rows of one table with multi-row {@code INSERT ... VALUES (..),(..)} statements: in
 * sqlite-jdbc that is several times faster than {@code addBatch}, which still steps the statement
 * once per row.
 */
final class BatchedInsert implements AutoCloseable {
  private final Connection connection;
  private final String table;
  private final String[] columns;
  private final int batchRows;
  private final String onConflict;
  private final PreparedStatement full;

  BatchedInsert(Connection connection, String table, String[] columns, int batchRows)
      throws SQLException {
    this(connection, table, columns, batchRows, "");
  }

  /**
   * @param onConflict an upsert clause ("ON CONFLICT(a, b) DO NOTHING" skips the rows that one
   *     unique index already holds, while any other constraint still fails the statement), or ""
   */
  BatchedInsert(
      Connection connection, String table, String[] columns, int batchRows, String onConflict)
      throws SQLException {
    this.connection = connection;
    this.table = table;
    this.columns = columns;
    this.batchRows = batchRows;
    this.onConflict = onConflict;
    this.full = connection.prepareStatement(sql(batchRows));
  }

  int columns() {
    return columns.length;
  }

  int batchRows() {
    return batchRows;
  }

  /** Inserts the first {@code rows} rows of {@code values} (row-major, column order). */
  void insert(Object[] values, int rows) throws SQLException {
    if (rows == batchRows) {
      execute(full, values, rows);
    } else if (rows > 0) {
      try (PreparedStatement partial = connection.prepareStatement(sql(rows))) {
        execute(partial, values, rows);
      }
    }
  }

  private void execute(PreparedStatement statement, Object[] values, int rows) throws SQLException {
    int n = rows * columns.length;
    for (int i = 0; i < n; i++) {
      bind(statement, i + 1, values[i]);
    }
    statement.executeUpdate();
  }

  /** Binds by Java type so numbers stay REAL and text stays TEXT in the untyped columns. */
  private static void bind(PreparedStatement statement, int index, Object value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.NULL);
    } else if (value instanceof String s) {
      statement.setString(index, s);
    } else if (value instanceof Double d) {
      statement.setDouble(index, d);
    } else if (value instanceof Long l) {
      statement.setLong(index, l);
    } else {
      statement.setObject(index, value);
    }
  }

  private String sql(int rows) {
    String row = "(" + "?,".repeat(columns.length - 1) + "?)";
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append('(');
    sql.append(String.join(",", columns)).append(") VALUES ");
    for (int r = 0; r < rows; r++) {
      sql.append(r == 0 ? "" : ",").append(row);
    }
    return sql.append(onConflict.isEmpty() ? "" : " ").append(onConflict).toString();
  }

  @Override
  public void close() throws SQLException {
    full.close();
  }
}
