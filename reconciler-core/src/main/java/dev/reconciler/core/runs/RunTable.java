package dev.reconciler.core.runs;

import dev.reconciler.core.store.Sqlite;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.UnaryOperator;

/**
 * The reconciliation_runs layout and its completion in place. Before Flyway, layout 1 had a fixed
 * list of count columns and was only ever created; layout 2 took them from {@link RunCounts#KEYS};
 * layout 3 added the open-items ledger's counts ({@link RunCounts#LEDGER_KEYS}). Flyway's V1
 * completes such a table, its scripts make a new one, and a count added later (a new discrepancy
 * kind) becomes a column of every existing table at its first write. Completing only adds columns:
 * rows and columns of older or newer layouts stay as they are, and code of either can still read
 * and write the table.
 */
final class RunTable {
  static final String NAME = "reconciliation_runs";

  /** The text columns, in table order; the counts follow. */
  static final List<String> TEXT_COLUMNS =
      List.of(
          "run_id",
          "business_date",
          "started_at",
          "finished_at",
          "status",
          "report_path",
          "error",
          "amounts",
          "match_rate");

  /** Every column this code reads and writes, in table order. */
  static final List<String> COLUMNS = columnList();

  private RunTable() {}

  private static List<String> columnList() {
    List<String> columns = new ArrayList<>(TEXT_COLUMNS);
    columns.addAll(RunCounts.KEYS);
    return List.copyOf(columns);
  }

  /**
   * Adds the columns an existing table lacks, inside the caller's write transaction, so a process
   * racing to complete the same file waits for the lock and then sees the columns the other added,
   * instead of adding them twice. Added without the constraints a CREATE gives: SQLite cannot add
   * NOT NULL or a key later.
   */
  static Void addMissingColumns(Connection c) throws SQLException {
    Sqlite.addMissingColumns(c, NAME, types(type -> type));
    return null;
  }

  /**
   * Every column with its declared type, as {@code spelling} spells {@link #type} in a database.
   */
  static Map<String, String> types(UnaryOperator<String> spelling) {
    Map<String, String> types = new LinkedHashMap<>();
    COLUMNS.forEach(column -> types.put(column, spelling.apply(type(column))));
    return types;
  }

  static String type(String column) {
    return TEXT_COLUMNS.contains(column) ? "TEXT" : "INTEGER";
  }

  /**
   * The statement writing every column of a run, {@code verb} ("INSERT", "INSERT OR REPLACE")
   * followed by the table, the columns, their parameters and {@code tail}; {@link #bind} fills it.
   */
  static String insert(String verb, String tail) {
    StringJoiner marks = new StringJoiner(", ");
    COLUMNS.forEach(c -> marks.add("?"));
    return verb
        + " INTO "
        + NAME
        + " ("
        + String.join(", ", COLUMNS)
        + ") VALUES ("
        + marks
        + ")"
        + tail;
  }

  /** Sets the parameters of {@link #insert} to the run's fields, as text and counts. */
  static void bind(PreparedStatement st, RunRecord run) throws SQLException {
    st.setString(1, run.runId());
    st.setString(2, run.businessDate().toString());
    st.setString(3, run.startedAt().toString());
    st.setString(4, run.finishedAt() == null ? null : run.finishedAt().toString());
    st.setString(5, run.status());
    st.setString(6, run.reportPath());
    st.setString(7, run.error());
    st.setString(8, AmountsJson.write(run.amounts()));
    st.setString(9, run.matchRatePercent() == null ? null : run.matchRatePercent().toPlainString());
    int i = TEXT_COLUMNS.size() + 1;
    for (String key : RunCounts.KEYS) {
      Long n = run.counts().get(key);
      if (n == null) {
        st.setNull(i++, Types.BIGINT);
      } else {
        st.setLong(i++, n);
      }
    }
  }

  /** The run table's column names, lower-case; empty when there is no such table. */
  static Set<String> columns(Connection c) throws SQLException {
    return Sqlite.columns(c, NAME);
  }
}
