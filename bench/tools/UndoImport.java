// Undoes one file's import into PostgreSQL's processor_transactions (bench/pg-day-import.sh): its
// rows and its import-log entry deleted, the table vacuumed. java UndoImport.java JDBC_URL FILE_NAME
import java.sql.*;

public class UndoImport {
  public static void main(String[] a) throws Exception {
    try (Connection c = DriverManager.getConnection(a[0], "postgres", "")) {
      for (String table : new String[] {"processor_transactions", "processor_transactions_imports"}) {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE source_file = ?")) {
          st.setString(1, a[1]);
          st.executeUpdate();
        }
      }
      try (Statement st = c.createStatement()) {
        st.execute("VACUUM ANALYZE processor_transactions");
      }
    }
  }
}
