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
 * A real input database, SQLite or PostgreSQL, whose processor table an import has written: today's
 * contract plus {@link ProcessorTable#ADDED_COLUMNS}, each row stored as the contract says (amounts
 * as plain decimal text, processed_at as ISO-8601 UTC, status "settled"). On PostgreSQL each table
 * also has the line column, numbering rows as SQLite's rowid does.
 */
public final class ImportedDatabase {
  private final Path file;
  private final String url;
  private long line = 1;
  private long saleLine = 1;
  private Connection connection;

  public ImportedDatabase(Path file) throws SQLException {
    this(file, true);
  }

  /** {@code imported} false: a table in today's contract only, without row_type. */
  public ImportedDatabase(Path file, boolean imported) throws SQLException {
    this(file, null, imported);
  }

  /**
   * In the empty PostgreSQL database at {@code url} (logged in as postgres); {@code file} is only
   * the path the rules are handed, which they must not read.
   */
  public static ImportedDatabase postgres(String url, Path file, boolean imported)
      throws SQLException {
    return new ImportedDatabase(file, url, imported);
  }

  private ImportedDatabase(Path file, String url, boolean imported) throws SQLException {
    this.file = file;
    this.url = url;
    String text = type("text");
    exec(
        ("CREATE TABLE sales (%stransaction_id TEXT, order_id TEXT, customer_id TEXT, amount%s,"
                + " currency TEXT, status TEXT, created_at TEXT)")
            .formatted(lineColumn(), text));
    exec(
        ("CREATE TABLE processor_transactions (%stransaction_id TEXT, amount%s, currency TEXT,"
                + " status TEXT, processed_at TEXT, processor_ref TEXT, fee%s)")
            .formatted(lineColumn(), text, text));
    if (imported) {
      for (String column : ProcessorTable.ADDED_COLUMNS) {
        exec(
            "ALTER TABLE processor_transactions ADD COLUMN "
                + column
                + type(column.equals("source_line") ? "bigint" : "text"));
      }
      exec(
          "CREATE UNIQUE INDEX processor_row_key ON processor_transactions (source_format, row_key)");
    }
  }

  /** Where the tables are, as the rules' messages name it. */
  public String shown() {
    return url == null ? file.toString() : url;
  }

  /** The column numbering rows in insertion order. */
  private String numbering() {
    return url == null ? "rowid" : "line";
  }

  /** A column declaration's type: none in SQLite (values keep their own), else {@code type}. */
  private String type(String type) {
    return url == null ? "" : " " + type;
  }

  private String lineColumn() {
    return url == null ? "" : "line bigint, ";
  }

  public Path file() {
    return file;
  }

  public ImportedDatabase sale(String id, String amount, String currency, String status)
      throws SQLException {
    insert(
        "INSERT INTO sales VALUES ("
            + (url == null ? "" : saleLine++ + ", ")
            + "?, 'ORD-' || ?, 'CUST-1', ?, ?, ?, '2026-11-24T09:00:00Z')",
        id,
        id,
        amount,
        currency,
        status);
    return this;
  }

  /**
   * A settled payment in today's contract's columns only, as a table no import wrote holds it (made
   * with {@code imported} false).
   */
  public ImportedDatabase contractPayment(
      String id, String amount, String currency, String at, String ref, String fee)
      throws SQLException {
    insert(
        "INSERT INTO processor_transactions ("
            + (url == null ? "" : "line, ")
            + "transaction_id, amount, currency, status, processed_at, processor_ref, fee) VALUES ("
            + (url == null ? "" : line + ", ")
            + "?, ?, ?, 'settled', ?, ?, ?)",
        id,
        amount,
        currency,
        at,
        ref,
        fee);
    line++;
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
            + (url == null ? "" : "line, ")
            + String.join(", ", columns)
            + ") VALUES ("
            + (url == null ? "" : line + ", ")
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
            + " = ? WHERE "
            + numbering()
            + " = (SELECT max("
            + numbering()
            + ") FROM processor_transactions)",
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
    if (connection == null && url != null) {
      connection = DriverManager.getConnection(url, "postgres", "");
    } else if (connection == null) {
      connection = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement st = connection.createStatement()) {
        st.execute("PRAGMA synchronous = OFF");
      }
    }
    return connection;
  }
}
