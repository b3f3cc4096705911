package dev.reconciler.core.store;

import dev.reconciler.core.imports.ProcessorTable;
import java.sql.SQLException;
import java.sql.Statement;

/** Both sides' tables in the input contract, empty, as the SQLite tests of the input make them. */
public final class InputTables {
  private InputTables() {}

  /** The two tables of today's contract. */
  public static void create(Statement st) throws SQLException {
    create(st, false);
  }

  /** {@code imported}: the processor table with the columns an import adds, too. */
  public static void create(Statement st, boolean imported) throws SQLException {
    st.execute(
        "CREATE TABLE sales(transaction_id TEXT, order_id TEXT, customer_id TEXT, amount,"
            + " currency TEXT, status TEXT, created_at TEXT)");
    st.execute(
        "CREATE TABLE processor_transactions(processor_ref TEXT, transaction_id TEXT, amount,"
            + " currency TEXT, fee, status TEXT, processed_at TEXT)");
    if (imported) {
      for (String column : ProcessorTable.ADDED_COLUMNS) {
        st.execute("ALTER TABLE processor_transactions ADD COLUMN " + column);
      }
    }
  }
}
