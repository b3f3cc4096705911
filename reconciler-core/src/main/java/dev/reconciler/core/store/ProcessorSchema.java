package dev.reconciler.core.store;

import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.imports.ProcessorTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Brings the processor table to the shape imports write: created when absent, and a table in
 * today's contract (no row_type) migrated in place by adding the import columns, its rows left as
 * they are (row_type NULL reads as a payment).
 */
final class ProcessorSchema {
  /** Today's contract, which an existing table must already have. */
  private static final List<String> CONTRACT_COLUMNS =
      List.of("processor_ref", "amount", "currency", "fee", "status", "processed_at");

  private final Connection connection;
  private final String table;
  private final String matchKey;

  /** Names were checked as identifiers by the config loader, so they can be spliced into SQL. */
  ProcessorSchema(Connection connection, String table, String matchKey) {
    this.connection = connection;
    this.table = table;
    this.matchKey = matchKey;
  }

  String matchKey() {
    return matchKey;
  }

  /** Creates or migrates the table and its unique import key, inside the caller's transaction. */
  void prepare(Path db) throws SQLException {
    Set<String> present = columns();
    if (present.isEmpty()) {
      create();
    } else {
      InputTable.requireRowidTable(connection, table, db);
      requireContract(present, db);
      addMissing(present);
    }
    execute(
        "CREATE UNIQUE INDEX IF NOT EXISTS \""
            + table
            + "_import_key\" ON \""
            + table
            + "\"(source_format, row_key)");
  }

  /**
   * Indexes the rules read by; made after the rows are in, so on a new table SQLite builds each
   * with one sort instead of updating it row by row. The settlement rules look rows up by our id as
   * the matcher compares it (trimmed, upper case: an index on that expression) and by the
   * processor's refs (a refund's original_ref names its payment's processor_ref, or original_ref).
   */
  void indexForReads() throws SQLException {
    // Its name until the expression index replaced it: a table imported into before keeps no
    // index that no query reads.
    execute("DROP INDEX IF EXISTS \"" + table + "_transaction_id\"");
    index("match_id", "upper(trim(\"" + matchKey + "\"))");
    index("payout_id", "\"payout_id\"");
    index("processor_ref", "\"processor_ref\"");
    index("original_ref", "\"original_ref\"");
  }

  /** An index on an expression of the table's columns, quoted as needed. */
  private void index(String suffix, String expression) throws SQLException {
    execute(
        "CREATE INDEX IF NOT EXISTS \""
            + table
            + "_"
            + suffix
            + "\" ON \""
            + table
            + "\"("
            + expression
            + ")");
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
    List<String> missing = new ArrayList<>();
    for (String c : contractColumns()) {
      if (!present.contains(c.toLowerCase(Locale.ROOT))) {
        missing.add(c);
      }
    }
    if (!missing.isEmpty()) {
      throw new UserError(
          "table '"
              + table
              + "' in "
              + db
              + " lacks column(s) "
              + String.join(", ", missing)
              + ": an import adds to a processor table in the input contract");
    }
  }

  /** Today's columns with the configured match key, then the import's, in table order. */
  List<String> allColumns() {
    List<String> all = new ArrayList<>(contractColumns());
    all.addAll(ProcessorTable.ADDED_COLUMNS);
    return all;
  }

  private List<String> contractColumns() {
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

  /** Lower-cased column names (SQLite's are case-insensitive); empty when the table is absent. */
  private Set<String> columns() throws SQLException {
    Set<String> names = new HashSet<>();
    try (PreparedStatement st =
        connection.prepareStatement("SELECT name FROM pragma_table_info(?)")) {
      st.setString(1, table);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1).toLowerCase(Locale.ROOT));
        }
      }
    }
    return names;
  }

  private void execute(String sql) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute(sql);
    }
  }
}
