package dev.reconciler.core.store;

import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.imports.ProcessorTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Brings the processor table in PostgreSQL to the shape imports write, as {@link ProcessorSchema}
 * does in SQLite: created when absent, with the {@value PgInputSource#LINE} column every input
 * table there numbers its rows by (an identity, so that upstream may add rows too); a table in
 * today's contract (no row_type) migrated in place by adding the import columns. Made from code,
 * not by a Flyway script: the table's name is configured ([database] processor_table), and it may
 * predate this code (made by generate or by the company's own loader), so it is shaped when an
 * import first meets it.
 */
final class PgProcessorSchema {
  /** Money column types that keep an amount's text exactly: text, and numeric without a scale. */
  private static final List<String> EXACT_MONEY = List.of("numeric");

  private final Connection connection;
  private final String table;
  private final String salesTable;
  private final String matchKey;
  private final String shown;

  /**
   * Names were checked as identifiers by the config loader, so they can be spliced into SQL, and
   * come folded ({@link Postgres#folded}).
   */
  PgProcessorSchema(
      Connection connection, String table, String salesTable, String matchKey, String shown) {
    this.connection = connection;
    this.table = table;
    this.salesTable = salesTable;
    this.matchKey = matchKey;
    this.shown = shown;
  }

  /**
   * What {@link #prepare} found.
   *
   * @param fillsLine whether the table fills line itself (an identity or a default, such as a
   *     serial's sequence): then an import leaves it to the table, so that the sequence stays ahead
   *     of every line and upstream's next row does not take one an import wrote
   * @param keyed whether the table has the import's key index already; before its first import it
   *     has none, and {@link #makeIndexes} makes it once the import's rows are in
   */
  record Shape(boolean fillsLine, boolean keyed) {}

  /**
   * Creates or migrates the table, inside the caller's transaction. Its indexes are left to {@link
   * #makeIndexes}, after the import's rows.
   */
  Shape prepare() throws SQLException {
    Map<String, String> present = types(table);
    if (present.isEmpty()) {
      create();
    } else {
      ProcessorSchema.requireContract(present.keySet(), table, shown, matchKey);
      if (!present.containsKey(PgInputSource.LINE)) {
        throw new UserError(
            "table '"
                + table
                + "' in "
                + shown
                + " has no column line: an import numbers the rows it adds there (a bigint, see"
                + " the README)");
      }
      requireExactMoney(present, "amount");
      requireExactMoney(present, "fee");
      for (String c : ProcessorTable.ADDED_COLUMNS) {
        if (!present.containsKey(c)) {
          execute("ALTER TABLE \"" + table + "\" ADD COLUMN \"" + c + "\" " + type(c));
        }
      }
    }
    return new Shape(fillsLine(), !absent(importKey()));
  }

  /**
   * Makes those of the import's indexes that are absent: its key, and those of the reads. Called
   * once the import's rows are in: one sorted build of an index costs a fraction of an insert per
   * row into it (a table's first import, see BENCHMARKS.md), and the locks a build takes on the
   * table and on the sales (against writes, till the commit) come at the import's end, not its
   * start.
   */
  void makeIndexes() throws SQLException {
    index(
        importKey(),
        "CREATE UNIQUE INDEX \""
            + table
            + "_import_key\" ON \""
            + table
            + "\"(source_format, row_key)");
    indexForReads();
  }

  private String importKey() {
    return table + "_import_key";
  }

  private boolean fillsLine() throws SQLException {
    try (PreparedStatement st =
        connection.prepareStatement(
            "SELECT attidentity <> '' OR atthasdef FROM pg_attribute"
                + " WHERE attrelid = to_regclass(?) AND attname = ?")) {
      st.setString(1, Postgres.identifier(table));
      st.setString(2, PgInputSource.LINE);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /**
   * The lookups of {@link PgSettlementReader}: by our id as the matcher compares it, by
   * processor_ref, by a link to another row; and the sales by id, as SQLite's import indexes them.
   */
  private void indexForReads() throws SQLException {
    String key = PgSettlementReader.normalKey(Postgres.identifier(matchKey));
    index(table + "_match_key", ProcessorSchema.createIndex(table, "match_key", "(" + key + ")"));
    index(
        table + "_processor_ref",
        ProcessorSchema.createIndex(table, "processor_ref", "processor_ref"));
    index(
        table + "_linked_ref",
        ProcessorSchema.createIndex(table, "linked_ref", "original_ref")
            + " WHERE "
            + PgSettlementReader.OWN_LINK);
    String sales = salesTable + "_match_key";
    if (types(salesTable).containsKey(matchKey.toLowerCase(Locale.ROOT))) {
      indexSales(sales, key);
    }
  }

  /**
   * Indexes upstream's sales by id with a hash index, where an index must never refuse upstream's
   * own rows: a B-tree refuses a key over about 2.7 kB, so one sale with an id that long would fail
   * upstream's insert. A hash index keeps each key's hash only, and serves the rules' lookup (=
   * ANY) as well. The B-tree an earlier version made is replaced, once.
   */
  private void indexSales(String name, String key) throws SQLException {
    String method = accessMethod(name);
    if ("hash".equals(method)) {
      return;
    }
    // A failed statement aborts a PostgreSQL transaction: the savepoint keeps the import going
    // when the sales "table" is a view or not ours to index.
    execute("SAVEPOINT sales_index");
    try {
      if (method != null) {
        execute("DROP INDEX " + Postgres.identifier(name));
      }
      execute(
          "CREATE INDEX "
              + Postgres.identifier(name)
              + " ON "
              + Postgres.identifier(salesTable)
              + " USING hash (("
              + key
              + "))");
      execute("RELEASE SAVEPOINT sales_index");
    } catch (SQLException e) {
      execute("ROLLBACK TO SAVEPOINT sales_index");
    }
  }

  /**
   * The access method (btree, hash) of the index {@code name} when it is the one our import makes
   * (on our id expression), else null: another index of that name is not ours to replace.
   */
  private String accessMethod(String name) throws SQLException {
    try (PreparedStatement st =
        connection.prepareStatement(
            "SELECT am.amname, pg_get_indexdef(i.oid) FROM pg_class i"
                + " JOIN pg_am am ON am.oid = i.relam WHERE i.oid = to_regclass(?)")) {
      st.setString(1, Postgres.identifier(name));
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() && rs.getString(2).contains("translate(btrim(") ? rs.getString(1) : null;
      }
    }
  }

  /**
   * Makes the index {@code name} by {@code create} when there is none of that name. Not CREATE
   * INDEX IF NOT EXISTS alone: that locks the table against writes first, till the import commits,
   * even when the index is there (upstream's loader would wait on every import).
   */
  private void index(String name, String create) throws SQLException {
    if (absent(name)) {
      execute(create);
    }
  }

  private boolean absent(String relation) throws SQLException {
    try (PreparedStatement st = connection.prepareStatement("SELECT to_regclass(?) IS NULL")) {
      st.setString(1, Postgres.identifier(relation));
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private void create() throws SQLException {
    List<String> defs = new ArrayList<>();
    defs.add(PgInputSource.LINE + " bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
    for (String c : ProcessorSchema.allColumns(matchKey)) {
      defs.add(Postgres.identifier(c) + " " + type(c));
    }
    execute("CREATE TABLE " + Postgres.identifier(table) + "(" + String.join(", ", defs) + ")");
  }

  /**
   * Refuses money declared in a type that would change an amount's text (real, integer, numeric
   * with a scale): SQLite's import then rejects the rows it would round, but PostgreSQL rounds a
   * numeric(12,2) without telling, so the table is refused as a whole.
   */
  private void requireExactMoney(Map<String, String> present, String column) {
    String type = present.get(column);
    if (type != null && !type.equals("text") && !EXACT_MONEY.contains(type)) {
      throw new UserError(
          "table '"
              + table
              + "' in "
              + shown
              + " declares "
              + column
              + " as "
              + type
              + ": an import stores money exactly, in a text or numeric (no scale) column");
    }
  }

  /** Every column is text, as generate writes them, but the line numbers. */
  private static String type(String column) {
    return column.equals("source_line") ? "bigint" : "text";
  }

  /**
   * A table's lower-case column names and declared types ({@code format_type}: character varying
   * counts as text), on the search path; empty when there is none.
   */
  private Map<String, String> types(String name) throws SQLException {
    String sql =
        "SELECT attname, CASE WHEN t.typcategory = 'S' THEN 'text'"
            + " ELSE format_type(atttypid, atttypmod) END"
            + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
            + " WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped ORDER BY attnum";
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      st.setString(1, Postgres.identifier(name));
      Map<String, String> types = new LinkedHashMap<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          types.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
        }
      }
      return types;
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute(sql);
    }
  }
}
