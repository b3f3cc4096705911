// Appends the sales table of a generated day to the daily database (bench/daily.sh), as a day's
// sales arrive: java bench/tools/AppendSales.java DAILY_DB DAY_DB
import java.sql.*;
public class AppendSales { public static void main(String[] a) throws Exception {
  try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + a[0]); Statement st = c.createStatement()) {
    st.execute("ATTACH DATABASE '" + a[1].replace("'", "''") + "' AS day");
    st.execute("INSERT INTO main.sales SELECT * FROM day.sales");
  }
}}
