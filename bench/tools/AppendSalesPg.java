// Appends the sales table of a generated day (SQLite) to the sales table of a PostgreSQL database
// (bench/pg-daily.sh), as a day's sales arrive, numbering its lines after those already there:
// java bench/tools/AppendSalesPg.java PG_URL USER DAY_DB
import java.sql.*;
public class AppendSalesPg { public static void main(String[] a) throws Exception {
  try (Connection pg = DriverManager.getConnection(a[0] + (a[0].contains("?") ? "&" : "?") + "reWriteBatchedInserts=true", a[1], "");
       Connection day = DriverManager.getConnection("jdbc:sqlite:" + a[2]);
       Statement st = pg.createStatement()) {
    st.execute("CREATE TABLE IF NOT EXISTS sales(line bigint NOT NULL, transaction_id text, order_id text,"
        + " customer_id text, amount text, currency text, status text, created_at text)");
    long after;
    try (ResultSet rs = st.executeQuery("SELECT coalesce(max(line), 0) FROM sales")) { rs.next(); after = rs.getLong(1); }
    pg.setAutoCommit(false);
    try (PreparedStatement ins = pg.prepareStatement("INSERT INTO sales VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
         Statement q = day.createStatement();
         ResultSet rs = q.executeQuery("SELECT rowid, transaction_id, order_id, customer_id, amount, currency, status, created_at FROM sales ORDER BY rowid")) {
      int n = 0;
      while (rs.next()) {
        ins.setLong(1, after + rs.getLong(1));
        for (int i = 2; i <= 8; i++) ins.setString(i, rs.getString(i));
        ins.addBatch();
        if (++n % 5000 == 0) ins.executeBatch();
      }
      ins.executeBatch();
    }
    pg.commit();
  }
}}
