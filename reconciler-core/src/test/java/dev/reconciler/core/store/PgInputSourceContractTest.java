package dev.reconciler.core.store;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.imports.ProcessorTable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract on a real PostgreSQL: text columns and a line column numbering the rows in the order
 * given; a processor table holding typed rows gets the columns an import adds.
 */
class PgInputSourceContractTest extends InputSourceContract {
  private static final InputSchema SCHEMA =
      new InputSchema("sales", "processor_transactions", "transaction_id");

  private static EmbeddedPg pg;
  private static int databases;

  @BeforeAll
  static void startPostgres() throws Exception {
    pg = EmbeddedPg.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    pg.close();
  }

  @Override
  protected InputSource sourceOf(List<Row> sales, List<Row> processor) throws Exception {
    String name = "contract" + ++databases;
    String url = pg.newDatabase(name);
    boolean typed = processor.stream().anyMatch(row -> row.rowType() != null);
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE sales(line bigint PRIMARY KEY, transaction_id text, order_id text,"
              + " customer_id text, amount text, currency text, status text, created_at text)");
      st.execute(
          "CREATE TABLE processor_transactions(line bigint PRIMARY KEY, processor_ref text,"
              + " transaction_id text, amount text, currency text, fee text, status text,"
              + " processed_at text)");
      if (typed) {
        for (String column : ProcessorTable.ADDED_COLUMNS) {
          st.execute("ALTER TABLE processor_transactions ADD COLUMN " + column + " text");
        }
      }
      insert(c, Source.SALES, sales, false);
      insert(c, Source.PROCESSOR, processor, typed);
    }
    return new PgInputSource(pg.settings(name), SCHEMA);
  }

  private static void insert(Connection c, Source side, List<Row> rows, boolean typed)
      throws Exception {
    List<String> columns = new ArrayList<>(SCHEMA.columns(side).values());
    List<InputField> fields = new ArrayList<>(SCHEMA.columns(side).keySet());
    columns.add(0, PgInputSource.LINE);
    if (typed) {
      columns.add("row_type");
    }
    String sql =
        "INSERT INTO "
            + SCHEMA.table(side)
            + " ("
            + String.join(", ", columns)
            + ") VALUES ("
            + String.join(", ", columns.stream().map(column -> "?").toList())
            + ")";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      long line = 0;
      for (Row row : rows) {
        // Lines with gaps, far from 1: nothing may assume a rowid-like numbering.
        line += 7;
        st.setLong(1, 1_000_000 + line);
        Map<InputField, String> values = row.fields();
        for (int i = 0; i < fields.size(); i++) {
          st.setString(i + 2, values.get(fields.get(i)));
        }
        if (typed) {
          st.setString(columns.size(), row.rowType());
        }
        st.executeUpdate();
      }
    }
  }
}
