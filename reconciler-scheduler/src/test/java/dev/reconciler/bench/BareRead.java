package dev.reconciler.bench;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.store.InputSchema;
import dev.reconciler.core.store.SqliteInputSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToLongFunction;

/**
 * The floor under reconcile: both tables read in parallel (as reconcile reads them) and nothing
 * else. "plain" reads the contract's columns one getString each, as any JDBC code would; "reader"
 * is reconcile's own SqliteInputSource (packed chunks of rows) with no cleaning. Usage: BareRead DB
 * DATE plain|reader
 */
public final class BareRead {
  private static final InputSchema SCHEMA =
      new InputSchema("sales", "processor_transactions", "transaction_id");

  private BareRead() {}

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    LocalDate date = LocalDate.parse(args[1]);
    ToLongFunction<Source> read =
        args[2].equals("plain") ? s -> plain(db, s) : s -> reader(db, date, s);
    long start = System.nanoTime();
    CompletableFuture<Long> processor =
        CompletableFuture.supplyAsync(() -> read.applyAsLong(Source.PROCESSOR));
    long rows = read.applyAsLong(Source.SALES) + processor.join();
    System.out.printf(
        "%s: %,d rows in %.2f s (in JVM)%n", args[2], rows, (System.nanoTime() - start) / 1e9);
  }

  private static long plain(Path db, Source source) {
    String columns = String.join(", ", SCHEMA.requiredColumns(source));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT rowid, " + columns + " FROM " + SCHEMA.table(source))) {
      long rows = 0;
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        rs.getLong(1);
        for (int i = 2; i <= n; i++) {
          rs.getString(i);
        }
        rows++;
      }
      return rows;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long reader(Path db, LocalDate date, Source source) {
    long[] rows = {0};
    try (SqliteInputSource reader = new SqliteInputSource(db, SCHEMA, 10_000)) {
      reader.readDay(
          source,
          date.atStartOfDay(ZoneOffset.UTC).toInstant(),
          date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
          row -> rows[0]++);
    }
    return rows[0];
  }
}
