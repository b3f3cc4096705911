// Creates a PostgreSQL database (bench/pg-reimport.sh): java bench/tools/CreateDb.java JDBC_URL NAME
import java.sql.*;
public class CreateDb { public static void main(String[] a) throws Exception {
  try (Connection c = DriverManager.getConnection(a[0], "postgres", ""); Statement st = c.createStatement()) {
    st.execute("CREATE DATABASE " + a[1]);
  }
}}
