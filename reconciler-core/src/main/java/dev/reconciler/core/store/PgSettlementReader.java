package dev.reconciler.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.imports.ProcessorTable;
import dev.reconciler.core.load.Utf8;
import dev.reconciler.core.store.SettlementReader.LinkedLine;
import dev.reconciler.core.store.SettlementReader.PaymentChunks;
import dev.reconciler.core.store.SettlementReader.Sale;
import dev.reconciler.core.store.SettlementReader.Stored;
import dev.reconciler.core.store.SettlementReader.Window;
import java.io.ByteArrayOutputStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The settlement rules' reads ({@link SettlementSource}) from an imported processor table in
 * PostgreSQL, by the same conditions as {@link SettlementReader}'s in SQLite, in PostgreSQL's
 * words: a row's line for its rowid, {@code = ANY(array)} for json_each, IS DISTINCT FROM for IS
 * NOT, and day windows compared as "C" text (a locale's collation may not order ISO instants as
 * text). Rows are read plainly, streamed with a cursor; only the Fees pass gets its chunks packed,
 * by this class rather than the server, as {@link PaymentChunks} describes.
 */
public final class PgSettlementReader implements SettlementSource {
  /** Rows per fetch of a streamed read, and per packed payment chunk. */
  private static final int FETCH = 10_000;

  private static final String DAY = SettlementReader.day("(processed_at COLLATE \"C\")");

  private static final String PAYOUT_KEY = "payout_id || chr(28) || source_format";

  /** {@link SettlementReader#OWN_LINK} in PostgreSQL: also the WHERE of the index on it. */
  static final String OWN_LINK =
      "original_ref IS NOT NULL AND original_ref IS DISTINCT FROM processor_ref";

  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";

  private final String shown;
  private final Connection connection;
  private final String table;
  private final String salesTable;
  private final String key;
  private final String stored;

  public PgSettlementReader(Settings.Database database, String matchKey) {
    this.shown = database.shownUrl();
    this.table = Postgres.folded(database.processorTable());
    this.salesTable = Postgres.folded(database.salesTable());
    this.key = Postgres.identifier(matchKey);
    this.stored = SettlementReader.storedColumns(key, PAYOUT_KEY);
    this.connection = Postgres.connect(database);
    try {
      // A cursor (rows fetched FETCH at a time) needs a transaction; nothing is written.
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
    } catch (SQLException e) {
      close();
      throw new StoreException("reading " + table + " in " + shown, e);
    }
  }

  /**
   * The match key as the matcher compares it: blanks trimmed, ASCII letters upper case. Not
   * upper(), which under a locale upper-cases other letters too (SQLite's is ASCII only). The
   * import indexes this very expression. Of the column as text, whatever its type: upstream's
   * tables may keep ids as numbers, which SQLite compares as their text and btrim would refuse; a
   * text column's cast is no cast, so the index on it is the same.
   */
  public static String normalKey(String column) {
    return asciiUpper(trimmed(column + "::text"));
  }

  /** {@code text} without the blanks the matcher trims, at both ends. */
  static String trimmed(String text) {
    return "btrim(" + text + ", '" + Utf8.blanks() + "')";
  }

  /** {@code text} with its ASCII letters upper-cased, and no other character changed. */
  static String asciiUpper(String text) {
    return "translate(" + text + ", '" + LOWER + "', '" + LOWER.toUpperCase(Locale.ROOT) + "')";
  }

  @Override
  public Set<String> columns() {
    return PgInputSource.columnsOf(connection, table);
  }

  @Override
  public long rowCount() {
    long[] count = {0};
    read("SELECT count(*) FROM " + quoted(), rs -> count[0] = rs.getLong(1));
    return count[0];
  }

  @Override
  public String table() {
    return table;
  }

  @Override
  public void nonPayments(Window day, Consumer<Stored> sink) {
    query(SettlementReader.NON_PAYMENTS + " AND " + DAY, sink, window(day));
  }

  @Override
  public void linked(
      Collection<String> types,
      Collection<String> ids,
      Collection<String> refs,
      Consumer<Stored> sink) {
    query(
        "row_type = ANY(?) AND line = ANY(" + linkedLines() + ")",
        sink,
        texts(types),
        texts(ids),
        texts(refs),
        texts(refs));
  }

  /** Null: {@link #linked} reads the rows whole; the packing it saves SQLite is not done here. */
  @Override
  public List<LinkedLine> linkedLines(
      Collection<String> types, Collection<String> ids, Collection<String> refs) {
    return null;
  }

  @Override
  public long[] linkedRowids(Collection<String> ids, Collection<String> refs) {
    List<Long> lines = new ArrayList<>();
    read(
        "SELECT line FROM " + quoted() + " WHERE line = ANY(" + linkedLines() + ") ORDER BY line",
        rs -> lines.add(rs.getLong(1)),
        texts(ids),
        texts(refs),
        texts(refs));
    return lines.stream().mapToLong(Long::longValue).toArray();
  }

  /** The three lookups of {@link #linked}: ids, then refs twice. */
  private String linkedLines() {
    return linkedLines(quoted(), key);
  }

  /**
   * The lines of {@link #linked}'s three lookups (ids, then refs twice) in {@code table} with the
   * id column {@code key}, as an array: public for the test of its query plan. Each looks its keys
   * up one by one through its index, as SQLite does. Not {@code = ANY(?)} terms ORed in one WHERE:
   * for thousands of keys PostgreSQL priced that above a scan of the whole table, which works out
   * the id expression of every row, many times slower (see BENCHMARKS.md). A lateral subquery
   * cannot be merged into a join, so the planner has only the per-key lookup to price.
   */
  public static String linkedLines(String table, String key) {
    return "ARRAY("
        + eachKey(table, normalKey(key), "")
        + " UNION "
        + eachKey(table, "original_ref", " AND " + OWN_LINK)
        + " UNION "
        + eachKey(table, "processor_ref", "")
        + ")";
  }

  /** The lines of {@code table} whose {@code expression} equals one of the keys bound here. */
  private static String eachKey(String table, String expression, String and) {
    return "SELECT s.line FROM unnest(?::text[]) AS k(v) CROSS JOIN LATERAL (SELECT line FROM "
        + table
        + " WHERE "
        + expression
        + " = k.v"
        + and
        + " OFFSET 0) AS s";
  }

  @Override
  public void rowsAt(long[] lines, Consumer<Stored> sink) {
    query("line = ANY(?)", sink, lines);
  }

  @Override
  public Map<String, Sale> sales(Collection<String> ids) {
    Map<String, Sale> sales = new LinkedHashMap<>();
    String id = normalKey(key);
    read(
        "SELECT "
            + id
            + ", amount, currency, status FROM \""
            + salesTable
            + "\" WHERE "
            + id
            + " = ANY(?) ORDER BY line",
        rs ->
            sales.putIfAbsent(
                rs.getString(1),
                new Sale(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))),
        texts(ids));
    return sales;
  }

  @Override
  public void payments(Window day, PaymentChunks sink) {
    String sql =
        "SELECT line, amount, fee, net, currency, processed_at, "
            + PAYOUT_KEY
            + ", account FROM "
            + quoted()
            + " WHERE "
            + ProcessorTable.PAYMENTS
            + " AND "
            + DAY
            + " ORDER BY line";
    PackedChunk chunk = new PackedChunk(sink);
    read(sql, chunk::add, window(day));
    chunk.hand();
  }

  @Override
  public void payments(Window day, long[] lines, Consumer<Stored> sink) {
    query(
        "line = ANY(?) AND " + ProcessorTable.PAYMENTS + " AND " + DAY,
        sink,
        around(day, new Object[] {lines}, new Object[0]));
  }

  @Override
  public void payments(Window day, long after, long last, Consumer<Stored> sink) {
    query(
        ProcessorTable.PAYMENTS + " AND line > ? AND line <= ? AND " + DAY,
        sink,
        around(day, new Object[] {after, last}, new Object[0]));
  }

  @Override
  public void payoutRowsElsewhere(Window day, Collection<String> payoutIds, Consumer<Stored> sink) {
    query(
        "(" + DAY + ") IS NOT TRUE AND payout_id = ANY(?)",
        sink,
        around(day, new Object[0], new Object[] {texts(payoutIds)}));
  }

  @Override
  public void close() {
    try (connection) {
      connection.rollback();
    } catch (SQLException e) {
      throw new StoreException("closing " + shown, e);
    }
  }

  /** A day's rows are packed as SQLite's concat_ws packs them (see {@link PaymentChunks}). */
  private static final class PackedChunk {
    private final PaymentChunks sink;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
    private int rows;
    private long after = Long.MIN_VALUE;
    private long last;

    PackedChunk(PaymentChunks sink) {
      this.sink = sink;
    }

    void add(ResultSet rs) throws SQLException {
      if (rows > 0) {
        bytes.write(PackedPages.ROW_SEPARATOR);
      }
      last = rs.getLong(1);
      String[] values = {
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        optional(rs.getString(5)),
        Long.toString(last),
        rs.getString(6),
        optional(rs.getString(7)),
        optional(rs.getString(8))
      };
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          bytes.write(PackedPages.FIELD_SEPARATOR);
        }
        if (values[i] != null) {
          bytes.writeBytes(values[i].getBytes(UTF_8));
        }
      }
      if (++rows == FETCH) {
        hand();
      }
    }

    /** "v" and the value, or null for NULL: {@link PackedPages#optional}. */
    private static String optional(String value) {
      return value == null ? null : "v" + value;
    }

    void hand() {
      if (rows > 0) {
        sink.accept(bytes.toByteArray(), rows, after, last);
        after = last;
        rows = 0;
        bytes.reset();
      }
    }
  }

  /** Every row of a WHERE clause, as stored, in line order. */
  private void query(String where, Consumer<Stored> sink, Object... parameters) {
    read(
        "SELECT line, " + stored + " FROM " + quoted() + " WHERE " + where + " ORDER BY line",
        rs -> sink.accept(SettlementReader.stored(rs)),
        parameters);
  }

  /** One row of a result. */
  @FunctionalInterface
  private interface RowReader {
    void row(ResultSet rs) throws SQLException;
  }

  /** Runs {@code sql} with {@code parameters}, streaming its rows to {@code rows}. */
  private void read(String sql, RowReader rows, Object... parameters) {
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      st.setFetchSize(FETCH);
      for (int i = 0; i < parameters.length; i++) {
        bind(st, i + 1, parameters[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          rows.row(rs);
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading the settlement rules' rows in " + shown, e);
    }
  }

  private void bind(PreparedStatement st, int index, Object value) throws SQLException {
    if (value instanceof String[] texts) {
      Array array = connection.createArrayOf("text", texts);
      st.setArray(index, array);
    } else if (value instanceof long[] longs) {
      Long[] boxed = new Long[longs.length];
      for (int i = 0; i < longs.length; i++) {
        boxed[i] = longs[i];
      }
      st.setArray(index, connection.createArrayOf("bigint", boxed));
    } else if (value instanceof Long n) {
      st.setLong(index, n);
    } else {
      st.setString(index, (String) value);
    }
  }

  /** An array parameter; typed Object so that a lone one is not taken for the varargs array. */
  private static Object texts(Collection<String> values) {
    return values.toArray(String[]::new);
  }

  private static Object[] window(Window day) {
    return day.parameters();
  }

  /** {@code before}, the day's window parameters, then {@code after}: as the SQL names them. */
  private static Object[] around(Window day, Object[] before, Object[] after) {
    Object[] window = window(day);
    Object[] all = Arrays.copyOf(before, before.length + window.length + after.length);
    System.arraycopy(window, 0, all, before.length, window.length);
    System.arraycopy(after, 0, all, before.length + window.length, after.length);
    return all;
  }

  private String quoted() {
    return Postgres.identifier(table);
  }
}
