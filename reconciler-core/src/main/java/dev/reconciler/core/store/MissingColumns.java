package dev.reconciler.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;

/** Completes an older layout of one of our tables in place, on either database. */
public final class MissingColumns {
  private MissingColumns() {}

  /**
   * Adds to {@code table} each column of {@code types} (name to declared type, added in that order)
   * that is not in {@code present} (its columns, lower case), inside the caller's transaction.
   * Names and types are our own constants.
   */
  public static void add(
      Connection connection, String table, Set<String> present, Map<String, String> types)
      throws SQLException {
    try (Statement st = connection.createStatement()) {
      for (Map.Entry<String, String> column : types.entrySet()) {
        if (!present.contains(column.getKey())) {
          st.execute(
              "ALTER TABLE " + table + " ADD COLUMN " + column.getKey() + " " + column.getValue());
        }
      }
    }
  }
}
