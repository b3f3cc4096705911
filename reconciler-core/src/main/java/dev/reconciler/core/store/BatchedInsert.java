package dev.reconciler.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;

/**
 * Inserts rows of one table with multi-row {@code INSERT ... VALUES (..),(..)} statements: in
 * sqlite-jdbc that is several times faster than {@code addBatch}, which still steps the statement
 * once per row.
 */
public final class BatchedInsert implements AutoCloseable {
  private final Connection connection;
  private final String table;
  private final String[] columns;
  private final int batchRows;
  private final String onConflict;
  private final String[] sharedColumns;
  private final Object[] sharedValues;
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
    this(connection, table, columns, batchRows, onConflict, Map.of());
  }

  /**
   * @param shared columns with one value for every row (an import's format and file name), each
   *     bound once per statement, as ?1, ?2, ... that every row's tuple repeats, and not once per
   *     row: sqlite-jdbc's cost is per bound value
   */
  public BatchedInsert(
      Connection connection,
      String table,
      String[] columns,
      int batchRows,
      String onConflict,
      Map<String, ?> shared)
      throws SQLException {
    this.connection = connection;
    this.table = table;
    this.columns = columns;
    this.batchRows = batchRows;
    this.onConflict = onConflict;
    this.sharedColumns = shared.keySet().toArray(String[]::new);
    this.sharedValues = new Object[sharedColumns.length];
    for (int i = 0; i < sharedColumns.length; i++) {
      sharedValues[i] = shared.get(sharedColumns[i]);
    }
    this.full = connection.prepareStatement(sql(batchRows));
  }

  int columns() {
    return columns.length;
  }

  int batchRows() {
    return batchRows;
  }

  /**
   * Inserts the first {@code rows} rows of {@code values} (row-major, column order) and returns how
   * many went in (fewer when the upsert clause skipped some).
   */
  public int insert(Object[] values, int rows) throws SQLException {
    if (rows == batchRows) {
      return execute(full, values, rows);
    } else if (rows > 0) {
      try (PreparedStatement partial = connection.prepareStatement(sql(rows))) {
        return execute(partial, values, rows);
      }
    }
    return 0;
  }

  private int execute(PreparedStatement statement, Object[] values, int rows) throws SQLException {
    int k = sharedValues.length;
    for (int i = 0; i < k; i++) {
      bind(statement, i + 1, sharedValues[i]);
    }
    int n = rows * columns.length;
    for (int i = 0; i < n; i++) {
      bind(statement, k + i + 1, values[i]);
    }
    return statement.executeUpdate();
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
    int k = sharedColumns.length;
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append('(');
    sql.append(String.join(",", columns));
    for (String c : sharedColumns) {
      sql.append(',').append(c);
    }
    sql.append(") VALUES ");
    // Numbered throughout: each row's own values follow the shared ones, which every row repeats.
    int next = k + 1;
    for (int r = 0; r < rows; r++) {
      sql.append(r == 0 ? "(" : ",(");
      for (int c = 0; c < columns.length; c++) {
        sql.append(c == 0 ? "?" : ",?").append(next++);
      }
      for (int s = 1; s <= k; s++) {
        sql.append(",?").append(s);
      }
      sql.append(')');
    }
    return sql.append(onConflict.isEmpty() ? "" : " ").append(onConflict).toString();
  }

  @Override
  public void close() throws SQLException {
    full.close();
  }
}
