package dev.reconciler.core.settle;

import dev.reconciler.core.imports.ImportFormat;
import dev.reconciler.core.imports.ProcessorRow;
import dev.reconciler.core.imports.ProcessorTable;
import dev.reconciler.core.imports.RowType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real SQLite input database whose processor table an import has written: today's contract plus
 * {@link ProcessorTable#ADDED_COLUMNS}, each row stored as the contract says (amounts as plain
 * decimal text, processed_at as ISO-8601 UTC, status "settled").
 */
public final class ImportedDatabase {
  private final Path file;
  private long line = 1;
  private Connection connection;

  public ImportedDatabase(Path file) throws SQLException {
    this(file, true);
  }

  /** {@code imported} false: a table in today's contract only, without row_type. */
  public ImportedDatabase(Path file, boolean imported) throws SQLException {
    this.file = file;
    exec(
        "CREATE TABLE sales (transaction_id TEXT, order_id TEXT, customer_id TEXT, amount,"
            + " currency TEXT, status TEXT, created_at TEXT)");
    exec(
        "CREATE TABLE processor_transactions (transaction_id TEXT, amount, currency TEXT,"
            + " status TEXT, processed_at TEXT, processor_ref TEXT, fee)");
    if (imported) {
      for (String column : ProcessorTable.ADDED_COLUMNS) {
        exec("ALTER TABLE processor_transactions ADD COLUMN " + column);
      }
      exec(
          "CREATE UNIQUE INDEX processor_row_key ON processor_transactions (source_format, row_key)");
    }
  }

  public Path file() {
    return file;
  }

  public ImportedDatabase sale(String id, String amount, String currency, String status)
      throws SQLException {
    insert(
        "INSERT INTO sales VALUES (?, 'ORD-' || ?, 'CUST-1', ?, ?, ?, '2026-11-24T09:00:00Z')",
        id,
        id,
        amount,
        currency,
        status);
    return this;
  }

  /** A payment: gross, fee and net as given (the file's own numbers). */
  public ImportedDatabase payment(
      String id, String ref, String gross, String fee, String net, String currency, String at)
      throws SQLException {
    return row(RowType.PAYMENT, "charge", id, gross, fee, net, currency, at, null, ref, ref);
  }

  public ImportedDatabase refund(
      String id, String ref, String originalRef, String gross, String currency, String at)
      throws SQLException {
    return row(
        RowType.REFUND, "refund", id, gross, "0.00", gross, currency, at, null, ref, originalRef);
  }

  /** A row of any type, with payout id, ref and original ref. */
  public ImportedDatabase row(
      RowType type,
      String rawType,
      String id,
      String gross,
      String fee,
      String net,
      String currency,
      String at,
      String payoutId,
      String ref,
      String originalRef)
      throws SQLException {
    return row(
        new ProcessorRow(
            "key-" + line,
            type,
            rawType,
            id,
            decimal(gross),
            decimal(fee),
            decimal(net),
            currency,
            Instant.parse(at),
            payoutId,
            "acct-1",
            ref,
            originalRef,
            "settled",
            "export.csv",
            line + 1));
  }

  /** Stores a row as an import does. */
  public ImportedDatabase row(ProcessorRow r) throws SQLException {
    List<String> columns =
        new ArrayList<>(
            List.of(
                "transaction_id",
                "amount",
                "currency",
                "status",
                "processed_at",
                "processor_ref",
                "fee"));
    columns.addAll(ProcessorTable.ADDED_COLUMNS);
    insert(
        "INSERT INTO processor_transactions ("
            + String.join(", ", columns)
            + ") VALUES ("
            + "?, ".repeat(columns.size() - 1)
            + "?)",
        r.transactionId(),
        plain(r.gross()),
        r.currency(),
        r.status(),
        r.occurredAt().toString(),
        r.processorRef(),
        plain(r.fee()),
        r.type().id(),
        r.rawType(),
        plain(r.net()),
        r.payoutId(),
        r.account(),
        r.originalRef(),
        ImportFormat.STRIPE.id(),
        r.sourceFile(),
        r.sourceLine(),
        r.rowKey());
    line++;
    return this;
  }

  /** Sets a column of the row inserted last to any value, as a hand-edited table might hold it. */
  public ImportedDatabase set(String column, Object value) throws SQLException {
    insert(
        "UPDATE processor_transactions SET "
            + column
            + " = ? WHERE rowid = (SELECT max(rowid) FROM processor_transactions)",
        value);
    return this;
  }

  public void exec(String sql) throws SQLException {
    try (Statement st = connect().createStatement()) {
      st.execute(sql);
    }
  }

  private static BigDecimal decimal(String text) {
    return text == null ? null : new BigDecimal(text);
  }

  private static String plain(BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }

  private void insert(String sql, Object... values) throws SQLException {
    try (PreparedStatement st = connect().prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        st.setObject(i + 1, values[i]);
      }
      st.executeUpdate();
    }
  }

  /**
   * One connection for the test's writes (not synced: a test file needs no durability), so that a
   * test can wrap many rows in BEGIN and COMMIT; it goes with the temp directory.
   */
  private Connection connect() throws SQLException {
    if (connection == null) {
      connection = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement st = connection.createStatement()) {
        st.execute("PRAGMA synchronous = OFF");
      }
    }
    return connection;
  }
}
