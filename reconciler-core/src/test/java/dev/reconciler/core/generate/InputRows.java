package dev.reconciler.core.generate;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads a generated table back with plain JDBC: each row as rowid followed by its columns. */
final class InputRows {
  static final String SALES = "sales";
  static final String PROCESSOR = "processor_transactions";

  private InputRows() {}

  static List<List<Object>> read(Path db, String table) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT rowid, * FROM " + table + " ORDER BY rowid")) {
      ResultSetMetaData meta = rs.getMetaData();
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }
}
