package dev.reconciler.core.reconcile;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** A hand-made input database following the contract, with an extra column upstream might add. */
final class TestDatabase {
  private final Path file;

  TestDatabase(Path file) throws SQLException {
    this.file = file;
    exec(
        "CREATE TABLE sales (transaction_id TEXT, order_id TEXT, customer_id TEXT, amount, currency TEXT, "
            + "status TEXT, created_at TEXT, channel TEXT)");
    exec(
        "CREATE TABLE processor_transactions (processor_ref TEXT, transaction_id TEXT, amount, currency TEXT, "
            + "fee, status TEXT, processed_at TEXT, batch_no INTEGER)");
  }

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
        st.setObject(i + 1, values[i]);
      }
      st.executeUpdate();
    }
    return this;
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file);
  }
}
