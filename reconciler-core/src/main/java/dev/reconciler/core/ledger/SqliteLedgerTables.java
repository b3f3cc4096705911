package dev.reconciler.core.ledger;

import static dev.reconciler.core.ledger.SqliteLedgerStore.ITEMS;
import static dev.reconciler.core.ledger.SqliteLedgerStore.RESOLUTIONS;
import static dev.reconciler.core.ledger.SqliteLedgerStore.RUNS;

import dev.reconciler.core.store.Sqlite;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ledger's tables and their in-place migration: like the run table, a table is created when
 * missing and given the columns it lacks, so a ledger an older version wrote keeps its rows and
 * gains what this version records. The layout version goes in {@link Sqlite#SCHEMA_TABLE}.
 */
final class SqliteLedgerTables {
  static final int VERSION = 1;

  /** Per table: its CREATE statement and the columns added to an older copy, with their types. */
  private static final Map<String, String> CREATE = new LinkedHashMap<>();

  private static final Map<String, Map<String, String>> ADDED = new LinkedHashMap<>();

  static {
    CREATE.put(
        ITEMS,
        "CREATE TABLE IF NOT EXISTS "
            + ITEMS
            + " (input_db TEXT NOT NULL, source TEXT NOT NULL, transaction_id TEXT NOT NULL,"
            + " opened_on TEXT NOT NULL, missing_since TEXT, cleared_on TEXT, line INTEGER,"
            + " amount TEXT, currency TEXT, status TEXT, status_text TEXT, occurred_at TEXT,"
            + " reference TEXT, customer_id TEXT, fee TEXT,"
            + " PRIMARY KEY (input_db, source, transaction_id, opened_on))");
    ADDED.put(
        ITEMS,
        columns(
            "missing_since",
            "cleared_on",
            "line INTEGER",
            "amount",
            "currency",
            "status",
            "status_text",
            "occurred_at",
            "reference",
            "customer_id",
            "fee"));
    CREATE.put(
        RUNS,
        "CREATE TABLE IF NOT EXISTS "
            + RUNS
            + " (input_db TEXT NOT NULL, business_date TEXT NOT NULL, run_id TEXT NOT NULL,"
            + " window_days INTEGER, recorded_at TEXT, stale INTEGER NOT NULL DEFAULT 0,"
            + " PRIMARY KEY (input_db, business_date))");
    ADDED.put(
        RUNS, columns("window_days INTEGER", "recorded_at", "stale INTEGER NOT NULL DEFAULT 0"));
    CREATE.put(
        RESOLUTIONS,
        "CREATE TABLE IF NOT EXISTS "
            + RESOLUTIONS
            + " (input_db TEXT NOT NULL, source TEXT NOT NULL, transaction_id TEXT NOT NULL,"
            + " opened_on TEXT NOT NULL, outcome TEXT NOT NULL, note TEXT NOT NULL,"
            + " resolved_by TEXT, resolved_at TEXT NOT NULL, amount TEXT, currency TEXT,"
            + " after_date TEXT NOT NULL, effective_on TEXT, unresolved_at TEXT,"
            + " unresolved_after TEXT)");
    ADDED.put(
        RESOLUTIONS,
        columns(
            "resolved_by",
            "amount",
            "currency",
            "effective_on",
            "unresolved_at",
            "unresolved_after"));
  }

  private SqliteLedgerTables() {}

  private static Map<String, String> columns(String... specs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String spec : specs) {
      String[] parts = spec.split(" ", 2);
      out.put(parts[0], parts.length > 1 ? parts[1] : "TEXT");
    }
    return out;
  }

  /** True when the ledger has been written in this database. */
  static boolean exist(Connection c) throws SQLException {
    return !Sqlite.columns(c, RUNS).isEmpty()
        && !Sqlite.columns(c, ITEMS).isEmpty()
        && !Sqlite.columns(c, RESOLUTIONS).isEmpty();
  }

  /** Creates or completes the tables, inside the caller's write transaction. */
  static void migrate(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (Map.Entry<String, String> table : CREATE.entrySet()) {
        st.execute(table.getValue());
        Sqlite.addMissingColumns(c, table.getKey(), ADDED.get(table.getKey()));
      }
      st.execute(
          "CREATE INDEX IF NOT EXISTS "
              + ITEMS
              + "_open ON "
              + ITEMS
              + " (input_db, cleared_on, opened_on)");
      // The items a run carries: as many as are open, however long the ledger's history.
      st.execute(
          "CREATE INDEX IF NOT EXISTS "
              + ITEMS
              + "_still_open ON "
              + ITEMS
              + " (input_db) WHERE "
              + SqliteLedgerStore.STILL_OPEN);
    }
    Sqlite.recordLayout(c, "reconciler_ledger", VERSION);
  }
}
