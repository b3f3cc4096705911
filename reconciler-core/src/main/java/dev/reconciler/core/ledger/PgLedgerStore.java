package dev.reconciler.core.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.store.KeepAlive;
import dev.reconciler.core.store.PgSchema;
import dev.reconciler.core.store.Postgres;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The ledger in the PostgreSQL database of [database] url, its tables made by Flyway ({@code
 * V2__ledger.sql}); a run reads its open items through a cursor and writes the items it opened with
 * a binary COPY, and a write transaction holds a transaction-scoped advisory lock of the ledger's
 * input, as SQLite's {@code BEGIN IMMEDIATE} holds the file.
 */
public final class PgLedgerStore extends JdbcLedgerStore {
  /** A COPY's buffered rows are sent when they reach this size. */
  private static final int COPY_BYTES = 1 << 20;

  private final Settings.Database database;
  private final Duration keepAliveEvery;

  /** The ledger of the input {@link #inputName} names, in the database of {@code database}. */
  public PgLedgerStore(Settings.Database database, String input, Clock clock) {
    this(database, input, clock, KeepAlive.EVERY);
  }

  /** {@link #PgLedgerStore(Settings.Database, String, Clock)}, a prepared record kept alive so. */
  PgLedgerStore(Settings.Database database, String input, Clock clock, Duration keepAliveEvery) {
    super(input, clock);
    this.database = database;
    this.keepAliveEvery = keepAliveEvery;
    PgSchema.migrate(database);
  }

  /**
   * A record waits, written, in an open transaction while its run writes the workbook: a server's
   * idle_in_transaction_session_timeout would end it ({@link KeepAlive}).
   */
  @Override
  Runnable whilePrepared(Connection c) {
    return KeepAlive.start(c, "the ledger's record in " + this, keepAliveEvery)::close;
  }

  /**
   * What names the ledger of the input tables of {@code database}: the database's name and the
   * sales table, as in {@code reconciler/sales}. The rows live in that database, so the name only
   * has to tell apart the inputs that share it (several companies' tables, say); the server's host
   * and port are left out because hosts spell them differently (localhost on the database's own
   * host, a DNS name elsewhere) and one ledger must not become one per spelling, and the user and
   * password because they are not the input's. The advisory lock of a run is keyed by this name,
   * and advisory locks are per database, so every host's runs of one input queue on one lock.
   */
  public static String inputName(Settings.Database database) {
    Properties url = Driver.parseURL(database.postgresUrl(), null);
    // No database in the URL: the driver connects to the one named as the user.
    String name =
        url == null || url.getProperty("PGDBNAME", "").isEmpty()
            ? database.user()
            : url.getProperty("PGDBNAME");
    return name + "/" + database.salesTable();
  }

  @Override
  Connection reader() throws SQLException {
    Connection c = Postgres.connect(database);
    try {
      // A cursor (fetch size) needs a transaction; it is only read in, and rolled back on close.
      c.setAutoCommit(false);
      c.setReadOnly(true);
      return c;
    } catch (SQLException | RuntimeException e) {
      throw failed(c, e, "reading the ledger in " + this);
    }
  }

  /** A session of its own: a record's items go in by COPY (see PooledConnection). */
  @Override
  Connection writer() {
    return Postgres.session(database);
  }

  /** The write lock taken shared, till the reader's transaction ends. */
  @Override
  void awaitWrites(Connection reader) throws SQLException {
    PgLedgerLock.call(reader, "pg_advisory_xact_lock_shared", PgLedgerLock.WRITE, input);
  }

  @Override
  void begin(Connection c) throws SQLException {
    c.setAutoCommit(false);
    PgLedgerLock.call(c, "pg_advisory_xact_lock", PgLedgerLock.WRITE, input);
  }

  @Override
  void end(Connection c, boolean commit) throws SQLException {
    if (commit) {
      c.commit();
    } else {
      c.rollback();
    }
  }

  @Override
  String resolutionId() {
    return "id";
  }

  /**
   * The items open after a date (input, date, date): one read, as PostgreSQL answers the OR from
   * the index of the items still open and that of clearing dates (a bitmap OR, tested), not by a
   * scan of every item the ledger ever held, as SQLite would.
   */
  static final String OPEN_AFTER =
      "input_db = ? AND opened_on <= ? AND (cleared_on IS NULL OR cleared_on > ?)";

  @Override
  void readOpen(Connection c, String previous, OpenRows rows) throws SQLException {
    selectOpen(c, OPEN_AFTER, rows, input, previous, previous);
  }

  @Override
  void insertItems(Connection c, String table, List<OpenItem> items) throws SQLException {
    if (items.isEmpty()) {
      return;
    }
    CopyIn copy =
        c.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn(
                "COPY " + table + " (input_db, " + ITEM_COLUMNS + ") FROM STDIN (FORMAT binary)");
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(COPY_BYTES + (1 << 16));
      DataOutputStream out = new DataOutputStream(bytes);
      // The signature, then no flags and no header extension.
      out.write(Postgres.COPY_SIGNATURE);
      out.writeInt(0);
      out.writeInt(0);
      for (OpenItem item : items) {
        writeRow(out, values(item));
        if (bytes.size() >= COPY_BYTES) {
          copy.writeToCopy(bytes.toByteArray(), 0, bytes.size());
          bytes.reset();
        }
      }
      out.writeShort(-1);
      copy.writeToCopy(bytes.toByteArray(), 0, bytes.size());
      copy.endCopy();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  /**
   * One statement for all the items, their keys sent as three arrays: a backlog that clears at once
   * is as many items as a bad day opened, and a batch is still one update per item.
   */
  @Override
  void markItems(Connection c, String table, String column, String date, List<OpenItem> items)
      throws SQLException {
    if (items.isEmpty()) {
      return;
    }
    String[][] keys = new String[3][items.size()];
    for (int i = 0; i < items.size(); i++) {
      OpenItem item = items.get(i);
      keys[0][i] = item.source().name();
      keys[1][i] = item.transactionId();
      keys[2][i] = item.openedOn().toString();
    }
    try (PreparedStatement st =
        c.prepareStatement(
            "UPDATE "
                + table
                + " i SET "
                + column
                + " = ? FROM unnest(?, ?, ?) AS k (source, transaction_id, opened_on)"
                + " WHERE i.input_db = ? AND i.source = k.source"
                + " AND i.transaction_id = k.transaction_id"
                + " AND i.opened_on = k.opened_on COLLATE \"C\"")) {
      st.setString(1, date);
      for (int k = 0; k < keys.length; k++) {
        st.setArray(k + 2, c.createArrayOf("text", keys[k]));
      }
      st.setString(5, input);
      st.executeUpdate();
    }
  }

  /** One row of a binary COPY: each value's length and bytes, the line as a bigint. */
  private static void writeRow(DataOutputStream out, Object[] values) throws IOException {
    out.writeShort(values.length);
    for (Object value : values) {
      if (value == null) {
        out.writeInt(-1);
      } else if (value instanceof Long line) {
        out.writeInt(Long.BYTES);
        out.writeLong(line);
      } else {
        byte[] text = ((String) value).getBytes(UTF_8);
        out.writeInt(text.length);
        out.write(text);
      }
    }
  }

  @Override
  public String toString() {
    return database.shownUrl();
  }
}
