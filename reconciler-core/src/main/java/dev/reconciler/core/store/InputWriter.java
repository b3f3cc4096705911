package dev.reconciler.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Writes a fresh input database in the upstream contract's shape: {@code sales} and {@code
 * processor_transactions}, all rows in one transaction. Used by the synthetic-data generator.
 *
 * <p>{@code amount} and {@code fee} are declared without a type, so each value keeps the storage
 * class it is bound with: a {@link Double} is stored as REAL, a {@link String} stays TEXT exactly
 * as given (dirty upstream data such as {@code " $12.00 "}).
 */
public final class InputWriter implements InputRowWriter {
  /** Rows per INSERT statement; about 100 is the measured sweet spot for sqlite-jdbc. */
  private static final int BATCH_ROWS = 100;

  private final Path db;
  private final Connection connection;
  private final InsertThread inserts;
  private final Table sales;
  private final Table processor;
  private boolean committed;

  private InputWriter(Path db, Connection connection) throws SQLException {
    this.db = db;
    this.connection = connection;
    this.sales =
        new Table(
            new BatchedInsert(
                connection, "sales", SALES_COLUMNS.toArray(String[]::new), BATCH_ROWS));
    this.processor =
        new Table(
            new BatchedInsert(
                connection,
                "processor_transactions",
                PROCESSOR_COLUMNS.toArray(String[]::new),
                BATCH_ROWS));
    // Started last, so a failure to prepare the statements cannot leave a thread behind.
    this.inserts = new InsertThread();
  }

  /**
   * Deletes {@code db} (and any journal left beside it), creates both tables and opens the one
   * write transaction.
   */
  public static InputWriter create(Path db) throws IOException {
    deleteWithSidecars(db);
    Path parent = db.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Connection connection = null;
    try {
      connection = Sqlite.create("jdbc:sqlite:" + db);
      createTables(connection);
      connection.setAutoCommit(false);
      return new InputWriter(db, connection);
    } catch (SQLException e) {
      closeQuietly(connection);
      throw failure(db, e);
    }
  }

  /** Appends a sales row; its line is its rowid. */
  @Override
  public long sale(
      String transactionId,
      String orderId,
      String customerId,
      Object amount,
      String currency,
      String status,
      String createdAt)
      throws IOException {
    try {
      return sales.add(transactionId, orderId, customerId, amount, currency, status, createdAt);
    } catch (SQLException e) {
      throw failure(db, e);
    }
  }

  /** Appends a processor row; its line is its rowid. */
  @Override
  public long processorTransaction(
      String processorRef,
      String transactionId,
      Object amount,
      String currency,
      Object fee,
      String status,
      String processedAt)
      throws IOException {
    try {
      return processor.add(processorRef, transactionId, amount, currency, fee, status, processedAt);
    } catch (SQLException e) {
      throw failure(db, e);
    }
  }

  @Override
  public void commit() throws IOException {
    try {
      sales.flush();
      processor.flush();
      inserts.finish();
      connection.commit();
      committed = true;
    } catch (SQLException e) {
      throw failure(db, e);
    }
  }

  @Override
  public void close() throws IOException {
    try (connection) {
      inserts.finish();
      sales.insert.close();
      processor.insert.close();
      if (!committed) {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw failure(db, e);
    }
  }

  /** One table's rows not yet handed to the insert thread. */
  private final class Table {
    final BatchedInsert insert;
    private Object[] buffer;
    private int buffered;
    private long rows;

    Table(BatchedInsert insert) {
      this.insert = insert;
      this.buffer = new Object[insert.batchRows() * insert.columns()];
    }

    long add(Object... values) throws IOException, SQLException {
      System.arraycopy(values, 0, buffer, buffered * values.length, values.length);
      buffered++;
      rows++;
      if (buffered == insert.batchRows()) {
        flush();
      }
      return rows;
    }

    /** A full buffer is handed over whole, so a new one is needed rather than a reset. */
    void flush() throws IOException, SQLException {
      if (buffered > 0) {
        inserts.submit(insert, buffer, buffered);
        buffer = new Object[buffer.length];
        buffered = 0;
      }
    }
  }

  private static void createTables(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      // Safe only because the file is new and is simply regenerated if the process dies.
      s.execute("PRAGMA journal_mode=OFF");
      s.execute("PRAGMA synchronous=OFF");
      s.execute("PRAGMA locking_mode=EXCLUSIVE");
      s.execute(
          "CREATE TABLE sales(transaction_id TEXT, order_id TEXT, customer_id TEXT, amount,"
              + " currency TEXT, status TEXT, created_at TEXT)");
      s.execute(
          "CREATE TABLE processor_transactions(processor_ref TEXT, transaction_id TEXT, amount,"
              + " currency TEXT, fee, status TEXT, processed_at TEXT)");
    }
  }

  /** A stale -wal or -journal beside a new file would be replayed into it by SQLite. */
  private static void deleteWithSidecars(Path db) throws IOException {
    Files.deleteIfExists(db);
    for (String suffix : new String[] {"-journal", "-wal", "-shm"}) {
      Files.deleteIfExists(db.resolveSibling(db.getFileName() + suffix));
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // The original failure is the one worth reporting.
      }
    }
  }

  private static IOException failure(Path db, SQLException e) {
    return new IOException("cannot write input database " + db + ": " + e.getMessage(), e);
  }
}
