package dev.reconciler.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.imports.ProcessorTable;
import dev.reconciler.core.load.Utf8;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads what the settlement rules need from an imported processor table (one with row_type) and the
 * sales table: a day's non-payment rows, the rows linked to given transactions, sales by id, the
 * day's payments packed for the fee pass, and payouts with their rows' nets. Amounts come as the
 * stored text; the rules decide on exact decimals, and cut the day by instant ({@link Window}).
 */
public final class SettlementReader implements SettlementSource {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The rows of a day, for processed_at: canonical instants ("2026-11-24T10:00:00Z", what imports
   * store, which sort as text in time order) inside [?start, ?end), and every other spelling whose
   * date lies in the margin [?fromDate, ?toDate), left to the caller's exact cut. A table holding
   * many days costs a comparison per row of the others.
   */
  private static final String DAY = day("processed_at");

  /** {@link #DAY} of the column expression {@code at}: PostgreSQL's compares it as "C" text. */
  static String day(String at) {
    return ("((@ >= ? AND @ < ?) OR (@ >= ? AND @ < ?"
            + " AND (length(@) <> 20 OR substr(@, 20) <> 'Z' OR substr(@, 11, 1) <> 'T')))")
        .replace("@", at);
  }

  /** Rows per packed chunk of {@link #payments}: a few megabytes. */
  private static final int CHUNK = PackedPages.PAGE_ROWS;

  /**
   * Separates the nets of one payout in its group_concat. No decimal contains it; a hand-edited net
   * that does splits into one net too many, which {@link Payout#members()} reveals.
   */
  public static final byte NET_SEPARATOR = 29;

  private final Path db;
  private final Connection connection;
  private final String table;
  private final String salesTable;
  private final String key;

  public SettlementReader(Path db, Settings.Database database, String matchKey) {
    this.db = db;
    this.connection = Sqlite.openReadOnly(db, database.busyTimeoutMs());
    this.table = database.processorTable();
    this.salesTable = database.salesTable();
    this.key = matchKey;
  }

  /**
   * A business day for SQL: the instants [start, end) as canonical UTC text, and dates that enclose
   * every other spelling of the day's instants.
   */
  public record Window(String start, String end, String fromDate, String toDate) {
    String[] parameters() {
      return new String[] {start, end, fromDate, toDate};
    }
  }

  /**
   * One stored processor row, its values as stored text (null when NULL).
   *
   * @param payoutId the payout key: payout_id, {@link #FORMAT_SEPARATOR}, source_format
   */
  public record Stored(
      long line,
      String rowType,
      String rawType,
      String transactionId,
      String gross,
      String fee,
      String net,
      String currency,
      String processedAt,
      String payoutId,
      String account,
      String processorRef,
      String originalRef) {}

  /** A sale's values as stored; {@code id} as the matcher compares ids (trimmed, upper case). */
  public record Sale(String id, String amount, String currency, String status) {}

  /**
   * One payout (payout id, account and currency) as the table holds it.
   *
   * @param payoutRows rows of type payout (0: its amount is not in the file)
   * @param payoutNets the payout rows' nets, {@link #NET_SEPARATOR} between them
   * @param paidAt the payout row's processed_at (the latest when several)
   * @param lastAt the latest processed_at of all its rows
   * @param memberNets the other rows' nets as UTF-8, {@link #NET_SEPARATOR} between them ("" for a
   *     NULL net)
   */
  public record Payout(
      String payoutId,
      String account,
      String currency,
      long payoutRows,
      String payoutNets,
      String paidAt,
      String lastAt,
      long members,
      byte[] memberNets) {}

  /** The processor table's column names, lower case. */
  @Override
  public Set<String> columns() {
    try {
      return Sqlite.columns(connection, table);
    } catch (SQLException e) {
      throw new StoreException("reading the columns of " + table, e);
    }
  }

  /** The processor table's row count: SQLite counts the entries of its smallest index. */
  @Override
  public long rowCount() {
    try (PreparedStatement st = connection.prepareStatement("SELECT count(*) FROM " + table);
        ResultSet rs = st.executeQuery()) {
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreException("counting the rows of " + table + " in " + db, e);
    }
  }

  /** The processor table's name. */
  @Override
  public String table() {
    return table;
  }

  /** The rows of a table with row_type that are not payments: both databases' words. */
  static final String NON_PAYMENTS = "row_type IS NOT NULL AND row_type <> 'payment'";

  /** Rows other than payments that may lie in the day. */
  @Override
  public void nonPayments(Window day, Consumer<Stored> sink) {
    query(NON_PAYMENTS + " AND " + DAY, span(day), sink, day.parameters());
  }

  /** The window of the last {@link #span}, and its ranges. */
  private Window spanned;

  private List<DaySpan.Range> spanRanges;

  /**
   * The rowid ranges that hold the rows {@link #DAY} can pick: those whose processed_at text lies
   * between the window's lower and upper ends, whichever spelling. Found once per day.
   */
  private List<DaySpan.Range> span(Window day) {
    if (!day.equals(spanned)) {
      String from = day.start().compareTo(day.fromDate()) <= 0 ? day.start() : day.fromDate();
      String to = day.end().compareTo(day.toDate()) >= 0 ? day.end() : day.toDate();
      try {
        spanRanges = DaySpan.of(connection, table, "processed_at", from, to, false);
      } catch (SQLException e) {
        throw new StoreException("finding the rows of the day in " + table + " in " + db, e);
      }
      spanned = day;
    }
    return spanRanges;
  }

  /**
   * Rows of the given types, any date, that belong to one of {@code ids} (compared trimmed and
   * upper case) or whose original_ref or processor_ref is one of {@code refs}. Where the table has
   * the indexes an import makes ({@link ProcessorSchema#indexForReads}), SQLite looks the three up
   * and unions them; row_type (+, no index) only filters what they find, else it would pick an
   * index on row_type, if the table had one, and read every payment.
   */
  @Override
  public void linked(
      Collection<String> types,
      Collection<String> ids,
      Collection<String> refs,
      Consumer<Stored> sink) {
    query(linkedWhere(), sink, json(types), json(ids), json(refs), json(refs));
  }

  /** The WHERE of {@link #linked}: types, then ids, then refs twice. */
  private String linkedWhere() {
    return "+row_type IN (SELECT value FROM json_each(?)) AND (" + linkedKeys() + ")";
  }

  /**
   * The rows whose original_ref links them to another row: the WHERE of the partial index an import
   * builds on original_ref ({@link ProcessorSchema#indexForReads}). A row whose original_ref is its
   * own processor_ref (every Stripe charge) is left out of it, as a lookup by that ref finds the
   * row through processor_ref anyway; without it the index held every payment of every day.
   */
  static final String OWN_LINK = "original_ref IS NOT NULL AND original_ref IS NOT processor_ref";

  /**
   * Ids, then refs twice: the three lookups {@link #linked} unions. The original_ref term repeats
   * {@link #OWN_LINK} word for word, which is how SQLite knows its partial index serves it.
   */
  private String linkedKeys() {
    return linkedKeys(key);
  }

  /** {@link #linkedKeys()} for the id column {@code key}: public for the test of its query plan. */
  public static String linkedKeys(String key) {
    String in = " IN (SELECT value FROM json_each(?))";
    return normalKey(key)
        + in
        + " OR (original_ref"
        + in
        + " AND "
        + OWN_LINK
        + ") OR processor_ref"
        + in;
  }

  /** A row {@link #linkedLines} found: its rowid and type, and the columns that link it. */
  public record LinkedLine(
      long line, String rowType, String transactionId, String processorRef, String originalRef) {}

  /**
   * The rows {@link #linked} finds, each as its rowid, type and linking columns only, in rowid
   * order: most of them the caller holds already (the day's own refund and dispute rows) or needs
   * no more of (payments, which only resolve refs to ids), and packing every column of every row
   * was most of the lookup's cost. Null when a value holds a packing separator: then the caller
   * reads them with {@link #linked}.
   */
  @Override
  public List<LinkedLine> linkedLines(
      Collection<String> types, Collection<String> ids, Collection<String> refs) {
    String packed =
        "concat_ws(char(31), rowid, "
            + String.join(
                ", ",
                PackedPages.optional("row_type"),
                PackedPages.optional(key),
                PackedPages.optional("processor_ref"),
                PackedPages.optional("original_ref"))
            + ")";
    List<LinkedLine> lines = new ArrayList<>();
    boolean[] unsplittable = {false};
    try {
      PackedPages.forEach(
          connection,
          table,
          packed,
          linkedWhere(),
          new String[] {json(types), json(ids), json(refs), json(refs)},
          (page, rows, after, last) -> {
            int[] b = unsplittable[0] ? null : PackedPages.split(page, rows, 5);
            if (b == null) {
              unsplittable[0] = true;
              return;
            }
            for (int row = 0; row < rows; row++) {
              int at = 10 * row;
              lines.add(
                  new LinkedLine(
                      Long.parseLong(PackedPages.text(page, b[at], b[at + 1])),
                      PackedPages.optionalText(page, b[at + 2], b[at + 3]),
                      PackedPages.optionalText(page, b[at + 4], b[at + 5]),
                      PackedPages.optionalText(page, b[at + 6], b[at + 7]),
                      PackedPages.optionalText(page, b[at + 8], b[at + 9])));
            }
          });
    } catch (SQLException e) {
      throw new StoreException("reading " + table + " in " + db, e);
    }
    if (unsplittable[0]) {
      return null;
    }
    lines.sort(Comparator.comparingLong(LinkedLine::line));
    return lines;
  }

  /**
   * The rowids of the rows of any type whose id is one of {@code ids} or whose original_ref or
   * processor_ref is one of {@code refs}, from the three indexes alone (no row is read, so rows the
   * caller holds or does not want cost nothing), ascending.
   */
  @Override
  public long[] linkedRowids(Collection<String> ids, Collection<String> refs) {
    List<Long> rowids = new ArrayList<>();
    try {
      PackedPages.forEach(
          connection,
          table,
          "rowid",
          linkedKeys(),
          new String[] {json(ids), json(refs), json(refs)},
          (page, rows, after, last) -> {
            int[] b = PackedPages.split(page, rows, 1);
            for (int row = 0; row < rows; row++) {
              rowids.add(Long.parseLong(PackedPages.text(page, b[2 * row], b[2 * row + 1])));
            }
          });
    } catch (SQLException e) {
      throw new StoreException("reading " + table + " in " + db, e);
    }
    return rowids.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  /** The rows at the given rowids, as stored, in rowid order. */
  @Override
  public void rowsAt(long[] lines, Consumer<Stored> sink) {
    rowsAt(lines, "1", new String[0], sink);
  }

  /**
   * The rows at the given rowids that also satisfy {@code where} (its parameters {@code
   * parameters}, after the rowids'), as stored, in rowid order; the rowids go in batches of {@link
   * #CHUNK}.
   */
  private void rowsAt(long[] lines, String where, String[] parameters, Consumer<Stored> sink) {
    for (int from = 0; from < lines.length; from += CHUNK) {
      String[] all = new String[parameters.length + 1];
      all[0] =
          Arrays.toString(Arrays.copyOfRange(lines, from, Math.min(lines.length, from + CHUNK)));
      System.arraycopy(parameters, 0, all, 1, parameters.length);
      query("rowid IN (SELECT value FROM json_each(?)) AND (" + where + ")", sink, all);
    }
  }

  /** The first sale (by rowid) of each id, any date; ids compared trimmed and upper case. */
  @Override
  public Map<String, Sale> sales(Collection<String> ids) {
    Map<String, Sale> sales = new LinkedHashMap<>();
    String sql =
        "SELECT "
            + normalKey()
            + ", amount, currency, status FROM "
            + salesTable
            + " WHERE "
            + normalKey()
            + " IN (SELECT value FROM json_each(?)) ORDER BY rowid";
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      st.setString(1, json(ids));
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString(1);
          sales.putIfAbsent(id, new Sale(id, rs.getString(2), rs.getString(3), rs.getString(4)));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading sales from " + salesTable + " in " + db, e);
    }
    return sales;
  }

  /**
   * The match key as the matcher compares it: every blank the loaders strip trimmed (not only the
   * spaces of SQL's one-argument trim), ASCII upper case. The blanks hold no quote.
   */
  private String normalKey() {
    return normalKey(key);
  }

  /**
   * {@link #normalKey()} of a column: the import indexes this very expression, which SQLite uses
   * only when a query spells it the same.
   */
  public static String normalKey(String column) {
    return "upper(trim(" + column + ", '" + Utf8.blanks() + "'))";
  }

  /** A chunk of packed payment rows, see {@link #payments(Window, PaymentChunks)}. */
  public interface PaymentChunks {
    /**
     * {@code rows} rows of rowid above {@code after} up to {@code last}, in rowid order, packed as
     * UTF-8 "gross US fee US net US currency US rowid US processed_at US payout key US account", RS
     * between rows. NULL is empty; currency, payout_id and account, which payouts are grouped by,
     * are "v" and the value when not NULL, so that NULL and '' stay apart.
     */
    void accept(byte[] packed, int rows, long after, long last);
  }

  /**
   * Separates a payout id from its row's source format in the payout key the payment chunks and
   * {@link Stored#payoutId} carry: one table holds several processors, whose payout ids may be
   * equal, so a payout is the rows of one id, account and currency from one format. A row without
   * source format (not written by an import) is in no payout.
   */
  public static final char FORMAT_SEPARATOR = 28;

  private static final String PAYOUT_KEY = "payout_id || char(28) || source_format";

  /** Unit separator between the values of a packed payment row. */
  public static final byte FIELD_SEPARATOR = PackedPages.FIELD_SEPARATOR;

  /** Record separator between packed payment rows. */
  public static final byte ROW_SEPARATOR = PackedPages.ROW_SEPARATOR;

  /**
   * The payment rows that may lie in the day, in chunks of packed text: one SQL pass, in which
   * SQLite joins the values and Java reads them without an object per row (the Fees rule runs over
   * every payment of the day).
   */
  @Override
  public void payments(Window day, PaymentChunks sink) {
    String packed =
        // One concat_ws costs SQLite half what a chain of || does (a string per step).
        "concat_ws(char(31), ifnull(amount, ''), ifnull(fee, ''), ifnull(net, ''),"
            + " ifnull('v' || currency, ''), rowid, ifnull(processed_at, ''),"
            + " ifnull('v' || "
            + PAYOUT_KEY
            + ", ''), ifnull('v' || account, ''))";
    try {
      PackedPages.forEach(
          connection,
          table,
          packed,
          ProcessorTable.PAYMENTS + " AND " + DAY,
          day.parameters(),
          span(day),
          sink::accept);
    } catch (SQLException e) {
      throw new StoreException("reading payments from " + table + " in " + db, e);
    }
  }

  /** The payment rows at the given rowids that may lie in the day, as stored. */
  @Override
  public void payments(Window day, long[] lines, Consumer<Stored> sink) {
    rowsAt(lines, ProcessorTable.PAYMENTS + " AND " + DAY, day.parameters(), sink);
  }

  /** The payment rows of rowid in (after, last] that may lie in the day, as stored. */
  @Override
  public void payments(Window day, long after, long last, Consumer<Stored> sink) {
    String[] window = day.parameters();
    query(
        ProcessorTable.PAYMENTS + " AND rowid > ? AND rowid <= ? AND " + DAY,
        sink,
        String.valueOf(after),
        String.valueOf(last),
        window[0],
        window[1],
        window[2],
        window[3]);
  }

  /**
   * The rows of the given payouts that the day's reads ({@link #payments(Window, PaymentChunks)},
   * {@link #nonPayments}) do not hold: those whose processed_at lies outside the day's window. One
   * scan that tests the window first; payout_id (+, no index) only on the rows outside it.
   */
  @Override
  public void payoutRowsElsewhere(Window day, Collection<String> payoutIds, Consumer<Stored> sink) {
    String[] window = day.parameters();
    String ids = json(payoutIds);
    String elsewhere = "(" + DAY + ") IS NOT 1 AND +payout_id IN (SELECT value FROM json_each(?))";
    String[] parameters = {window[0], window[1], window[2], window[3], ids};
    List<DaySpan.Range> span = span(day);
    if (span == DaySpan.WHOLE || !payoutsIndexed()) {
      query(elsewhere, sink, parameters);
      return;
    }
    // No row outside the day's span is the day's: there the payouts' rows come through the index
    // by payout, and only the span's rows are tested against the day. Parts in rowid order.
    long after = Long.MIN_VALUE;
    for (DaySpan.Range range : span) {
      byPayout(after, range.after(), ids, sink);
      query(elsewhere, List.of(range), sink, parameters);
      after = range.last();
    }
    byPayout(after, Long.MAX_VALUE, ids, sink);
  }

  /** The rows of rowid in (after, last] of the payouts {@code ids}, found by the payout index. */
  private void byPayout(long after, long last, String ids, Consumer<Stored> sink) {
    if (after < last) {
      query(
          table + " INDEXED BY \"" + payoutIndexName(table) + "\"",
          "payout_id IN (SELECT value FROM json_each(?))",
          List.of(new DaySpan.Range(after, last)),
          sink,
          ids);
    }
  }

  /** Whether the table has the payout index as {@link #payoutIndexSql} makes it. */
  private boolean payoutsIndexed() {
    try {
      return Sqlite.hasIndexes(connection, List.of(payoutIndexSql(table)));
    } catch (SQLException e) {
      throw new StoreException("reading the indexes of " + table + " in " + db, e);
    }
  }

  private static String payoutIndexName(String table) {
    return table + "_payout_rows";
  }

  /**
   * The index the Payouts rule finds a payout's rows of other days by, which imports make with the
   * day indexes ({@link DaySpan}): a day's rows carry a few payout ids, so SQLite adds them at a
   * few places of it, and an import keeps it in place.
   */
  static String payoutIndexSql(String table) {
    return "CREATE INDEX IF NOT EXISTS \""
        + payoutIndexName(table)
        + "\" ON \""
        + table
        + "\"(payout_id)";
  }

  /**
   * Every payout (payout id, account, currency, source format) that has a row whose processed_at
   * text lies in [from, to), with all its rows of any date: the rule decides which day each belongs
   * to. One GROUP BY over all the payouts' rows: the plain way, which the settlement rules' faster
   * gathering of the same rows must agree with.
   */
  public void payouts(Window day, Consumer<Payout> sink) {
    String sql =
        "SELECT payout_id, account, currency, sum(row_type = 'payout'),"
            + " group_concat(CASE WHEN row_type = 'payout' THEN ifnull(net, '') END, char(29)),"
            + " max(CASE WHEN row_type = 'payout' THEN processed_at END), max(processed_at),"
            + " sum(row_type IS NOT 'payout'),"
            + " group_concat(CASE WHEN row_type IS NOT 'payout' THEN ifnull(net, '') END, char(29))"
            + " FROM "
            + table
            + " WHERE payout_id IN (SELECT payout_id FROM "
            + table
            + " WHERE payout_id IS NOT NULL AND "
            + DAY
            + ")"
            // source_format too: one table holds several processors, whose payout ids may be equal.
            + " GROUP BY payout_id, account, currency, source_format"
            + " ORDER BY payout_id, account, currency, source_format";
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      String[] parameters = day.parameters();
      for (int i = 0; i < parameters.length; i++) {
        st.setString(i + 1, parameters[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          byte[] nets = rs.getBytes(9);
          sink.accept(
              new Payout(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getLong(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getLong(8),
                  nets == null ? new byte[0] : nets));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading payouts from " + table + " in " + db, e);
    }
  }

  /** The columns of a {@link Stored}, in its order, after the rowid. */
  private String storedColumns() {
    return storedColumns(key, PAYOUT_KEY);
  }

  /** {@link #storedColumns()} with the id column {@code key} and payout key {@code payoutKey}. */
  static String storedColumns(String key, String payoutKey) {
    return "row_type, raw_type, "
        + key
        + ", amount, fee, net, currency, processed_at, "
        + payoutKey
        + ", account, processor_ref,"
        + " original_ref";
  }

  /**
   * The rows of a WHERE clause in rowid order, packed: SQLite joins each chunk's rows into one
   * string ({@link PackedStored}), as a JNI call and a Java string per value cost more than the
   * query itself. A chunk that will not split (a value holding a separator) is read again row by
   * row.
   */
  private void query(String where, Consumer<Stored> sink, String... parameters) {
    query(where, DaySpan.WHOLE, sink, parameters);
  }

  /** {@link #query(String, Consumer, String...)} over the rows of {@code ranges} only. */
  private void query(
      String where, List<DaySpan.Range> ranges, Consumer<Stored> sink, String... parameters) {
    query(table, where, ranges, sink, parameters);
  }

  /**
   * {@link #query(String, List, Consumer, String...)} from {@code from}: the table, or the table
   * INDEXED BY one of its indexes.
   */
  private void query(
      String from,
      String where,
      List<DaySpan.Range> ranges,
      Consumer<Stored> sink,
      String... parameters) {
    try {
      PackedPages.forEach(
          connection,
          from,
          PackedStored.expression(storedColumns()),
          where,
          parameters,
          ranges,
          (packed, rows, after, last) -> {
            if (!PackedStored.split(packed, rows, after, sink)) {
              queryRowByRow(
                  "rowid > " + after + " AND rowid <= " + last + " AND (" + where + ")",
                  sink,
                  parameters);
            }
          });
    } catch (SQLException e) {
      throw new StoreException("reading " + table + " in " + db, e);
    }
  }

  private void queryRowByRow(String where, Consumer<Stored> sink, String... parameters) {
    String sql =
        "SELECT rowid, "
            + storedColumns()
            + " FROM "
            + table
            + " WHERE "
            + where
            + " ORDER BY rowid";
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        st.setString(i + 1, parameters[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          sink.accept(stored(rs));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading " + table + " in " + db, e);
    }
  }

  /** The {@link Stored} of the current row of a SELECT of the line and {@link #storedColumns}. */
  static Stored stored(ResultSet rs) throws SQLException {
    return new Stored(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        rs.getString(12),
        rs.getString(13));
  }

  private static String json(Collection<String> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings is always serialisable", e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("closing " + db, e);
    }
  }
}
