package dev.reconciler.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.reconciler.core.config.Settings;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Writes the generator's input tables into PostgreSQL with {@code COPY ... FROM STDIN (FORMAT
 * binary)}, in one transaction: both tables are dropped and created again, every column text (so a
 * dirty value stays as written) and the {@value PgInputSource#LINE} column numbering rows from 1 as
 * SQLite's rowid does, so that the ground truth's lines name the same rows on either database. The
 * primary key on line is added after the rows: building it during the load costs more.
 */
public final class PgInputWriter implements InputRowWriter {
  /** A table's buffered rows are copied when they reach this size. */
  private static final int FLUSH_BYTES = 8 << 20;

  /** The binary COPY header: the signature, no flags, no header extension. */
  private static final byte[] HEADER =
      Arrays.copyOf(Postgres.COPY_SIGNATURE, Postgres.COPY_SIGNATURE.length + 8);

  private static final MathContext SQLITE_DIGITS = new MathContext(15);
  private static final MathContext EXACT_DIGITS = new MathContext(17);

  private final Connection connection;
  private final CopyManager copies;
  private final Table sales;
  private final Table processor;
  private final String shown;
  private boolean committed;

  private PgInputWriter(Connection connection, String shown) throws SQLException {
    this.connection = connection;
    this.shown = shown;
    this.copies = connection.unwrap(PGConnection.class).getCopyAPI();
    this.sales = new Table("sales", String.join(", ", SALES_COLUMNS));
    this.processor = new Table("processor_transactions", String.join(", ", PROCESSOR_COLUMNS));
  }

  /** Drops and creates both input tables in the database of [database] url, in one transaction. */
  public static PgInputWriter create(Settings.Database database) throws IOException {
    // A session of its own: its rows go in by COPY (see PooledConnection).
    Connection connection = Postgres.session(database);
    try {
      connection.setAutoCommit(false);
      try (Statement s = connection.createStatement()) {
        s.execute("DROP TABLE IF EXISTS sales, processor_transactions");
        s.execute(
            "CREATE TABLE sales(line bigint NOT NULL, transaction_id text, order_id text,"
                + " customer_id text, amount text, currency text, status text, created_at text)");
        s.execute(
            "CREATE TABLE processor_transactions(line bigint NOT NULL, processor_ref text,"
                + " transaction_id text, amount text, currency text, fee text, status text,"
                + " processed_at text)");
      }
      return new PgInputWriter(connection, database.shownUrl());
    } catch (SQLException e) {
      try {
        connection.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw failure(database.shownUrl(), e);
    }
  }

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
    return sales.add(transactionId, orderId, customerId, amount, currency, status, createdAt);
  }

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
    return processor.add(processorRef, transactionId, amount, currency, fee, status, processedAt);
  }

  @Override
  public void commit() throws IOException {
    try {
      sales.flush();
      processor.flush();
      try (Statement s = connection.createStatement()) {
        s.execute("ALTER TABLE sales ADD PRIMARY KEY (line)");
        s.execute("ALTER TABLE processor_transactions ADD PRIMARY KEY (line)");
        s.execute("ANALYZE sales");
        s.execute("ANALYZE processor_transactions");
      }
      connection.commit();
      committed = true;
    } catch (SQLException e) {
      throw failure(shown, e);
    }
  }

  @Override
  public void close() throws IOException {
    try (connection) {
      if (!committed) {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw failure(shown, e);
    }
  }

  /**
   * How SQLite spells a REAL as text ({@code %!.15g}, or 17 digits when 15 do not give the double
   * back), for the magnitudes amounts have: a generated amount then reads the same from either
   * database.
   */
  static String sqliteReal(double value) {
    if (value != 0 && (Math.abs(value) < 1e-4 || Math.abs(value) >= 1e15)) {
      return Double.toString(value);
    }
    BigDecimal exact = new BigDecimal(value);
    BigDecimal rounded = exact.round(SQLITE_DIGITS);
    if (rounded.doubleValue() != value) {
      rounded = exact.round(EXACT_DIGITS);
    }
    String text = rounded.stripTrailingZeros().toPlainString();
    return text.indexOf('.') < 0 ? text + ".0" : text;
  }

  private static IOException failure(String shown, SQLException e) {
    return new IOException("cannot write the input tables in " + shown + ": " + e.getMessage(), e);
  }

  /** One table's rows as a binary COPY stream not yet sent. */
  private final class Table {
    private final String copy;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(FLUSH_BYTES + (1 << 16));
    private final DataOutputStream out = new DataOutputStream(bytes);
    private long lines;

    Table(String name, String columns) {
      this.copy = "COPY " + name + " (line, " + columns + ") FROM STDIN (FORMAT binary)";
    }

    long add(Object... values) throws IOException {
      if (bytes.size() == 0) {
        out.write(HEADER);
      }
      out.writeShort(values.length + 1);
      out.writeInt(8);
      out.writeLong(++lines);
      for (Object value : values) {
        if (value == null) {
          out.writeInt(-1);
        } else {
          byte[] text =
              (value instanceof Double d ? sqliteReal(d) : value.toString()).getBytes(UTF_8);
          out.writeInt(text.length);
          out.write(text);
        }
      }
      if (bytes.size() >= FLUSH_BYTES) {
        flush();
      }
      return lines;
    }

    void flush() throws IOException {
      if (bytes.size() == 0) {
        return;
      }
      out.writeShort(-1);
      try {
        CopyIn in = copies.copyIn(copy);
        try {
          in.writeToCopy(bytes.toByteArray(), 0, bytes.size());
          in.endCopy();
        } finally {
          if (in.isActive()) {
            in.cancelCopy();
          }
        }
      } catch (SQLException e) {
        throw failure(shown, e);
      }
      bytes.reset();
    }
  }
}
