package dev.reconciler.core.store;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.imports.ProcessorTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the processor table to the shape imports write: created when absent, and a table in
 * today's contract (no row_type) migrated in place by adding the import columns, its rows left as
 * they are (row_type NULL reads as a payment).
 */
final class ProcessorSchema {
  private static final Logger log = LoggerFactory.getLogger(ProcessorSchema.class);

  /** SQLite's primary result code of a constraint violation. */
  private static final int SQLITE_CONSTRAINT = 19;

  /** Today's contract, which an existing table must already have. */
  private static final List<String> CONTRACT_COLUMNS =
      List.of("processor_ref", "amount", "currency", "fee", "status", "processed_at");

  private final Connection connection;
  private final String table;
  private final String salesTable;
  private final String matchKey;
  private boolean roundingMoney;
  private boolean importKeyDeferred;

  /** Names were checked as identifiers by the config loader, so they can be spliced into SQL. */
  ProcessorSchema(Connection connection, String table, String salesTable, String matchKey) {
    this.connection = connection;
    this.table = table;
    this.salesTable = salesTable;
    this.matchKey = matchKey;
  }

  String matchKey() {
    return matchKey;
  }

  /**
   * Creates or migrates the table, inside the caller's transaction. The unique import key is made
   * here only when absent; see {@link #importKeyDeferred()}.
   */
  void prepare(Path db) throws SQLException {
    Set<String> present = columns();
    if (present.isEmpty()) {
      create();
    } else {
      InputTable.requireRowidTable(connection, table, db);
      requireContract(present, db);
      roundingMoney = hasNumericAffinity("amount") || hasNumericAffinity("fee");
      addMissing(present);
    }
    importKeyDeferred = !indexExists(importKeyName());
  }

  /**
   * Whether the table had no unique import key yet (its first import): then it is built after the
   * rows are in, by {@link #buildImportKey}, with one sort instead of an insert at a random place
   * of the index per row, which on a million rows costs more than inserting the rows themselves.
   * Later imports keep it up to date row by row, as INSERT OR IGNORE needs it to skip a row.
   */
  boolean importKeyDeferred() {
    return importKeyDeferred;
  }

  /**
   * Builds the deferred unique import key over the whole table. Where rows inserted after {@code
   * rowidBefore} repeat the key of an earlier row (a file listing one row twice), the later ones
   * are deleted first, which is what INSERT OR IGNORE against the index would have done.
   *
   * @return rows deleted as repeats
   */
  long buildImportKey(long rowidBefore, KeyConflicts conflicts) throws SQLException {
    String create =
        "CREATE UNIQUE INDEX \""
            + importKeyName()
            + "\" ON \""
            + table
            + "\"(source_format, row_key)";
    try {
      execute(create);
      return 0;
    } catch (SQLException e) {
      if ((e.getErrorCode() & 0xff) != SQLITE_CONSTRAINT) {
        throw e;
      }
    }
    // A failed statement is undone alone; the transaction and its rows stay. Repeats are rare, so
    // finding them costs a second sort only when there are some.
    checkRepeats(rowidBefore, conflicts);
    long deleted;
    try (PreparedStatement st =
        connection.prepareStatement(
            "DELETE FROM \""
                + table
                + "\" WHERE rowid > ? AND rowid NOT IN (SELECT min(rowid) FROM \""
                + table
                + "\" GROUP BY source_format, row_key)")) {
      st.setLong(1, rowidBefore);
      deleted = st.executeUpdate();
    }
    execute(create);
    return deleted;
  }

  /**
   * Compares each row added after {@code rowidBefore} that repeats an earlier row's key with the
   * first row of that key, which is the one kept (see {@link KeyConflicts}): one sort of the table
   * by key, as the deletion of the repeats makes.
   */
  private void checkRepeats(long rowidBefore, KeyConflicts conflicts) throws SQLException {
    String sql =
        "SELECT b.row_key, b.source_line, "
            + KeyConflicts.selected("b", matchKey, "")
            + ", a.source_file, a.source_line, "
            + KeyConflicts.selected("a", matchKey, "")
            + ", b.processed_at"
            + " FROM (SELECT rowid AS r, *, first_value(rowid) OVER (PARTITION BY source_format,"
            + " row_key ORDER BY rowid) AS head FROM \""
            + table
            + "\" WHERE row_key IS NOT NULL) AS b JOIN \""
            + table
            + "\" AS a ON a.rowid = b.head WHERE b.r <> b.head AND b.r > ? ORDER BY b.r";
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      st.setLong(1, rowidBefore);
      try (ResultSet rs = st.executeQuery()) {
        conflicts.checkAll(rs, 1);
      }
    }
  }

  /**
   * Indexes the rules read by; made after the rows are in, so on a new table SQLite builds each
   * with one sort instead of updating it row by row. The settlement rules look rows up by our id as
   * the matcher compares it (trimmed, upper case: an index on that expression) and by the
   * processor's refs (a refund's original_ref names its payment's processor_ref, or original_ref).
   */
  /**
   * Drops the indexes {@link #indexForReads} builds again at the end of the import, inside its
   * transaction (a failed import gets them back with its rollback): adding a large file's rows to
   * them one by one costs far more than building them anew. The import key stays: it decides which
   * rows are already present.
   */
  void dropReadIndexes() throws SQLException {
    for (String suffix : List.of("match_key", "processor_ref", "linked_ref")) {
      execute("DROP INDEX IF EXISTS \"" + table + "_" + suffix + "\"");
    }
    // A sharded deployment's part index too (see SqlitePartIndex): a million rows added to it one
    // by one took 3 s more than the import without it (measured).
    partIndexes = SqlitePartIndex.drop(connection, table);
  }

  /** The sales column a day's sales are read by (the input contract's timestamp). */
  private static final String SALES_DAY_COLUMN = InputSchema.timestampColumn(Source.SALES);

  /** The statements of the part indexes {@link #dropReadIndexes} dropped, to make them again. */
  private List<String> partIndexes = List.of();

  void indexForReads() throws SQLException {
    // Its name until the expression index replaced it: a table imported into before keeps no
    // index that no query reads.
    execute("DROP INDEX IF EXISTS \"" + table + "_transaction_id\"");
    // And the one on the id trimmed of spaces only, which the rules' lookup no longer spells.
    execute("DROP INDEX IF EXISTS \"" + table + "_match_id\"");
    // The payout index of old was dropped and built again by every large import, a sort of the
    // whole table each time; the one made with the day indexes below is kept in place. The full
    // index on original_ref gave way to the partial one below: a link that only repeats the row's
    // own reference (every Stripe charge) is found through processor_ref anyway.
    execute("DROP INDEX IF EXISTS \"" + table + "_payout_id\"");
    execute("DROP INDEX IF EXISTS \"" + table + "_original_ref\"");
    for (String partIndex : partIndexes) {
      execute(partIndex);
    }
    String key = SettlementReader.normalKey("\"" + matchKey + "\"");
    index(table, "match_key", key);
    index(table, "processor_ref", "\"processor_ref\"");
    execute(
        "CREATE INDEX IF NOT EXISTS \""
            + table
            + "_linked_ref\" ON \""
            + table
            + "\"(original_ref) WHERE "
            + SettlementReader.OWN_LINK);
    // Where a day's rows lie, once the table holds more than one file: a table's first import
    // needs none (its reads pass over one file's rows anyway) and is spared their build. Not
    // dropped by a large file's import: a day's rows go to the end of these, which costs an import
    // little, whereas building them again would cost it a sort of every day's rows.
    boolean daySpans = !importKeyDeferred;
    if (daySpans) {
      for (String sql : DaySpan.indexSql(table, InputSchema.timestampColumn(Source.PROCESSOR))) {
        execute(sql);
      }
      execute(SettlementReader.payoutIndexSql(table));
    }
    // The Refunds rule looks up the refunded sales by id, of any date: without an index that is a
    // scan of every sale ever recorded, on every run. The sales table is ours to read, not to
    // shape, but an index changes no row, and SQLite keeps it as the sales are written.
    Set<String> salesColumns = Sqlite.columns(connection, salesTable);
    if (salesColumns.contains(matchKey.toLowerCase(Locale.ROOT))) {
      try {
        index(salesTable, "match_key", key);
        // The sales of a day are found the same way as the processor's (see DaySpan).
        if (daySpans && salesColumns.contains(SALES_DAY_COLUMN)) {
          for (String sql : DaySpan.indexSql(salesTable, SALES_DAY_COLUMN)) {
            execute(sql);
          }
        }
      } catch (SQLException e) {
        // Not an ordinary table (a view, a virtual table): the lookup reads it whole instead. A
        // failed statement is undone alone; the import's transaction goes on.
        log.warn(
            "'{}' cannot be indexed, so each run reads it whole: {}", salesTable, e.getMessage());
      }
    }
  }

  /** An index on an expression of the table's columns, quoted as needed. */
  private void index(String table, String suffix, String expression) throws SQLException {
    execute(createIndex(table, suffix, expression));
  }

  /** The statement of {@link #index}, which PostgreSQL's import makes its indexes with too. */
  static String createIndex(String table, String suffix, String expression) {
    return "CREATE INDEX IF NOT EXISTS \""
        + table
        + "_"
        + suffix
        + "\" ON \""
        + table
        + "\"("
        + expression
        + ")";
  }

  private void create() throws SQLException {
    List<String> defs = new ArrayList<>();
    for (String c : allColumns()) {
      defs.add("\"" + c + "\" " + type(c));
    }
    execute("CREATE TABLE \"" + table + "\"(" + String.join(", ", defs) + ")");
  }

  private void addMissing(Set<String> present) throws SQLException {
    for (String c : ProcessorTable.ADDED_COLUMNS) {
      if (!present.contains(c)) {
        execute("ALTER TABLE \"" + table + "\" ADD COLUMN \"" + c + "\" " + type(c));
      }
    }
  }

  private void requireContract(Set<String> present, Path db) {
    requireContract(present, table, db.toString(), matchKey);
  }

  /**
   * Refuses a table {@code where} whose lower-case columns {@code present} lack one of today's
   * contract: PostgreSQL's check too.
   */
  static void requireContract(Set<String> present, String table, String where, String matchKey) {
    List<String> missing = new ArrayList<>();
    for (String c : contractColumns(matchKey)) {
      if (!present.contains(c.toLowerCase(Locale.ROOT))) {
        missing.add(c);
      }
    }
    if (!missing.isEmpty()) {
      throw new UserError(
          "table '"
              + table
              + "' in "
              + where
              + " lacks column(s) "
              + String.join(", ", missing)
              + ": an import adds to a processor table in the input contract");
    }
  }

  /**
   * True when the table declares amount or fee with numeric affinity (REAL, NUMERIC, INTEGER...):
   * SQLite then stores the exact decimal text as a double and spells it back exactly only up to
   * {@link #EXACT_DIGITS_IN_REAL} significant digits.
   */
  boolean roundsMoney() {
    return roundingMoney;
  }

  /**
   * Significant digits a REAL column gives back as they were written. A double holds 15, but SQLite
   * (3.54) spells some of 14 and 15 digits with 17 (9999999999999.99 reads "9999999999999.9902");
   * none of 13 or fewer, in a seeded sweep of 300,000 amounts of up to 4 decimals.
   */
  static final int EXACT_DIGITS_IN_REAL = 13;

  /** SQLite's affinity rules (datatype3 3.1), for a declared type: numeric unless text or none. */
  private boolean hasNumericAffinity(String column) throws SQLException {
    try (PreparedStatement st =
        connection.prepareStatement("SELECT type FROM pragma_table_info(?) WHERE name = ?")) {
      st.setString(1, table);
      st.setString(2, column);
      try (ResultSet rs = st.executeQuery()) {
        String type = rs.next() ? rs.getString(1).toUpperCase(Locale.ROOT) : "";
        if (type.contains("INT")) {
          return true;
        }
        return !(type.contains("CHAR")
            || type.contains("CLOB")
            || type.contains("TEXT")
            || type.contains("BLOB")
            || type.isEmpty());
      }
    }
  }

  /** Today's columns with the configured match key, then the import's, in table order. */
  List<String> allColumns() {
    return allColumns(matchKey);
  }

  /** {@link #allColumns()} of a table whose match key is {@code matchKey}: PostgreSQL's too. */
  static List<String> allColumns(String matchKey) {
    List<String> all = new ArrayList<>(contractColumns(matchKey));
    all.addAll(ProcessorTable.ADDED_COLUMNS);
    return all;
  }

  private List<String> contractColumns() {
    return contractColumns(matchKey);
  }

  /** Today's contract with the configured match key, which an existing table must have. */
  static List<String> contractColumns(String matchKey) {
    List<String> contract = new ArrayList<>(CONTRACT_COLUMNS);
    contract.add(1, matchKey);
    return contract;
  }

  /**
   * Money columns have no declared type, so the plain decimal text an import binds stays TEXT digit
   * for digit: a NUMERIC column would turn '-20.00' into the REAL -20.0.
   */
  private static String type(String column) {
    return switch (column) {
      case "amount", "fee", "net" -> "";
      case "source_line" -> "INTEGER";
      default -> "TEXT";
    };
  }

  private String importKeyName() {
    return table + "_import_key";
  }

  private boolean indexExists(String name) throws SQLException {
    try (PreparedStatement st =
        connection.prepareStatement(
            "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ? COLLATE NOCASE")) {
      st.setString(1, name);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Lower-cased column names (SQLite's are case-insensitive); empty when the table is absent. */
  private Set<String> columns() throws SQLException {
    return Sqlite.columns(connection, table);
  }

  private void execute(String sql) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute(sql);
    }
  }
}
