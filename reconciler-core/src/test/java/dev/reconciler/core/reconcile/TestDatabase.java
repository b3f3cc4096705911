package dev.reconciler.core.reconcile;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A hand-made input database following the contract, with an extra column upstream might add: a
 * SQLite file, or the tables of a PostgreSQL {@link Backend.Store} (with the line column its input
 * tables need, numbered in insert order).
 */
final class TestDatabase {
  private final Path file;
  private final Backend.Store store;

  TestDatabase(Path file) throws SQLException {
    this(file, null);
  }

  TestDatabase(Backend.Store store) throws SQLException {
    this(store.input(), store.database() == null ? null : store);
  }

  private TestDatabase(Path file, Backend.Store store) throws SQLException {
    this.file = file;
    this.store = store;
    // SQLite keeps an amount as upstream stored it (number or text); PostgreSQL gets its text.
    String number = store == null ? "" : " TEXT";
    String line = store == null ? "" : "line BIGSERIAL, ";
    exec(
        "CREATE TABLE sales ("
            + line
            + "transaction_id TEXT, order_id TEXT, customer_id TEXT, amount"
            + number
            + ", currency TEXT, status TEXT, created_at TEXT, channel TEXT)");
    exec(
        "CREATE TABLE processor_transactions ("
            + line
            + "processor_ref TEXT, transaction_id TEXT, amount"
            + number
            + ", currency TEXT, fee"
            + number
            + ", status TEXT, processed_at TEXT, batch_no INTEGER)");
  }

  /** The SQLite path requests name (unused on PostgreSQL). */
  Path file() {
    return file;
  }

  TestDatabase sale(String id, Object amount, String currency, String status, String createdAt)
      throws SQLException {
    return insert(
        "INSERT INTO sales (transaction_id, order_id, customer_id, amount, currency, status, created_at, "
            + "channel) VALUES (?, 'ORD-' || ?, 'CUST-1', ?, ?, ?, ?, 'web')",
        id,
        id,
        amount,
        currency,
        status,
        createdAt);
  }

  TestDatabase payment(String id, Object amount, String currency, String status, String processedAt)
      throws SQLException {
    return insert(
        "INSERT INTO processor_transactions (processor_ref, transaction_id, amount, currency, fee, status, "
            + "processed_at, batch_no) VALUES ('PR-' || ?, ?, ?, ?, 0.30, ?, ?, 7)",
        id,
        id,
        amount,
        currency,
        status,
        processedAt);
  }

  /** A matched pair on the same day. */
  TestDatabase pair(String id, Object amount, String currency) throws SQLException {
    return sale(id, amount, currency, "completed", "2026-11-24T10:00:00Z")
        .payment(id, amount, currency, "settled", "2026-11-24T10:00:05Z");
  }

  void exec(String sql) throws SQLException {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private TestDatabase insert(String sql, Object... values) throws SQLException {
    try (Connection c = connect();
        PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        st.setObject(i + 1, store == null || values[i] == null ? values[i] : values[i].toString());
      }
      st.executeUpdate();
    }
    return this;
  }

  private Connection connect() throws SQLException {
    return store == null
        ? DriverManager.getConnection("jdbc:sqlite:" + file)
        : DriverManager.getConnection(store.pg().url(store.database()), "postgres", "");
  }
}
