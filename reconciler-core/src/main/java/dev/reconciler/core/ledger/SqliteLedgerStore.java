package dev.reconciler.core.ledger;

import dev.reconciler.core.load.TextCache;
import dev.reconciler.core.runs.SqliteSchema;
import dev.reconciler.core.store.BatchedInsert;
import dev.reconciler.core.store.PackedPages;
import dev.reconciler.core.store.Sqlite;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The ledger in a SQLite file (the runs database), its tables made by Flyway ({@link SqliteSchema})
 * before the first write; a run reads its open items in pages SQLite packs.
 */
public final class SqliteLedgerStore extends JdbcLedgerStore {
  private final Path db;
  private final int busyTimeoutMs;

  /**
   * @param db the SQLite file the ledger lives in (created by the run store before a run)
   * @param input names the input database whose items these are
   */
  public SqliteLedgerStore(Path db, String input, int busyTimeoutMs, Clock clock) {
    super(input, clock);
    this.db = db;
    this.busyTimeoutMs = busyTimeoutMs;
  }

  @Override
  Connection reader() throws SQLException {
    if (!Files.exists(db)) {
      return null;
    }
    Connection c = Sqlite.openReadOnly(db, busyTimeoutMs);
    boolean exist = false;
    try {
      exist = SqliteLedgerTables.exist(c);
    } finally {
      if (!exist) {
        c.close();
      }
    }
    return exist ? c : null;
  }

  @Override
  Connection writer() {
    SqliteSchema.migrate(db, busyTimeoutMs);
    return Sqlite.openReadWrite(db, busyTimeoutMs);
  }

  @Override
  void begin(Connection c) throws SQLException {
    // The record's multi-row inserts into keyed tables would journal to a temp file otherwise.
    Sqlite.beginWithStatementJournalsInMemory(c);
  }

  @Override
  void end(Connection c, boolean commit) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(commit ? "COMMIT" : "ROLLBACK");
    }
  }

  @Override
  String resolutionId() {
    return "rowid";
  }

  @Override
  void readOpen(Connection c, String previous, OpenRows rows) throws SQLException {
    String[] parameters = {input, previous};
    // Two reads, not one with "cleared_on IS NULL OR cleared_on > ?": that OR kept SQLite on a
    // scan of every item the ledger ever held, cleared ones too, on every run. The items still
    // open are searched in the partial index of them (in rowid order, as the pages need); the
    // few cleared after the date (a rerun of an earlier date) through the cleared_on index.
    readOpen(c, STILL_OPEN + " AND input_db = ?2 AND opened_on <= ?3", parameters, rows);
    readOpen(c, CLEARED_AFTER, parameters, rows);
  }

  /**
   * The items cleared after the date a rerun runs, which it finds open (none on a run in order):
   * searched in the index of cleared items (V7), whose condition a cleared_on range implies. The
   * unary + keeps SQLite off the index of opening dates: with a range on each column it took that
   * one, and read there every item of the input's history, on every run.
   */
  static final String CLEARED_AFTER = "input_db = ?2 AND cleared_on > ?3 AND +opened_on <= ?3";

  /**
   * The condition of the partial index of the items not cleared, spelt as the index is (SQLite uses
   * a partial index only for a query that says the same).
   */
  static final String STILL_OPEN = "cleared_on IS NULL";

  private static void readOpen(Connection c, String where, String[] parameters, OpenRows rows)
      throws SQLException {
    PackedPages.forEach(
        c,
        ITEMS,
        OPEN_PACKED,
        where,
        parameters,
        (page, count, after, last) -> {
          if (!addPage(rows, page, count)) {
            // A value holding a separator (hand-edited text): these rows one by one instead.
            // ?1, the page query's, is not in this one.
            selectOpen(
                c,
                where + " AND rowid > ?4 AND rowid <= ?5",
                rows,
                null,
                parameters[0],
                parameters[1],
                after,
                last);
          }
        });
  }

  /**
   * What a run carries of each open item ({@link #OPEN_COLUMNS}), packed by SQLite ({@link
   * PackedPages}): source, id and opening date (never NULL), then missing_since, amount, currency
   * and status, each 'v' and its value or '' for NULL, so that NULL and '' stay apart.
   */
  private static final String OPEN_PACKED =
      "concat_ws(char(31), source, transaction_id, opened_on, "
          + String.join(
              ", ",
              PackedPages.optional("missing_since"),
              PackedPages.optional("amount"),
              PackedPages.optional("currency"),
              PackedPages.optional("status"))
          + ")";

  private static final int OPEN_FIELDS = 7;

  /**
   * Adds a page's rows, or none and returns false when the page does not split. Source, dates,
   * currency and status repeat a few values down the rows: each is decoded once ({@link
   * TextCache}), and the amount is read from its bytes.
   */
  private static boolean addPage(OpenRows rows, byte[] page, int count) {
    int[] b = PackedPages.split(page, count, OPEN_FIELDS);
    if (b == null) {
      return false;
    }
    TextCache<String> source = new TextCache<>(Function.identity());
    TextCache<String> opened = new TextCache<>(Function.identity());
    TextCache<String> missing = new TextCache<>(PackedPages::optionalText);
    TextCache<String> currency = new TextCache<>(PackedPages::optionalText);
    TextCache<String> status = new TextCache<>(PackedPages::optionalText);
    for (int row = 0; row < count; row++) {
      int at = 2 * row * OPEN_FIELDS;
      rows.add(
          source.get(page, b[at], b[at + 1]),
          PackedPages.text(page, b[at + 2], b[at + 3]),
          opened.get(page, b[at + 4], b[at + 5]),
          missing.get(page, b[at + 6], b[at + 7]),
          PackedPages.optionalDecimal(page, b[at + 8], b[at + 9]),
          currency.get(page, b[at + 10], b[at + 11]),
          status.get(page, b[at + 12], b[at + 13]));
    }
    return true;
  }

  /**
   * The day's new items, a few hundred per statement ({@link BatchedInsert}), the input's name
   * bound once per statement: sqlite-jdbc's cost is per statement run and per value bound.
   */
  @Override
  void insertItems(Connection c, String table, List<OpenItem> items) throws SQLException {
    String[] columns = ITEM_COLUMNS.split(",\\s*");
    int rows = Math.min(items.size(), INSERT_ROWS);
    if (rows == 0) {
      return;
    }
    try (BatchedInsert insert =
        new BatchedInsert(c, table, columns, rows, "", Map.of("input_db", input))) {
      Object[] batch = new Object[rows * columns.length];
      int buffered = 0;
      for (OpenItem item : items) {
        // values() leads with input_db, bound once per statement here.
        System.arraycopy(values(item), 1, batch, buffered * columns.length, columns.length);
        if (++buffered == rows) {
          insert.insert(batch, buffered);
          buffered = 0;
        }
      }
      insert.insert(batch, buffered);
    }
  }

  /** Items per INSERT statement: 13 values each, well below SQLite's limit on bound values. */
  private static final int INSERT_ROWS = 256;

  @Override
  boolean has(Connection c, String table) throws SQLException {
    return !Sqlite.columns(c, table).isEmpty();
  }

  @Override
  boolean gone(String name) {
    try {
      return !Files.exists(Path.of(name));
    } catch (InvalidPathException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return db.toString();
  }
}
