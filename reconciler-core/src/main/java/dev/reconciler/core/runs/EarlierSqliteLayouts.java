package dev.reconciler.core.runs;

import dev.reconciler.core.store.Sqlite;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Flyway's V1 on SQLite: completes in place the tables a version before Flyway made (and recorded
 * in reconciler_schema, left as it was), keeping their rows, as that version's own code did at its
 * writes. The scripts after it then make only what is missing.
 */
final class EarlierSqliteLayouts implements JavaMigration {
  /**
   * The ledger's columns added after its tables were first made, with their types, per table. Its
   * tables and indexes themselves are V3's.
   */
  private static final Map<String, Map<String, String>> LEDGER_ADDED = new LinkedHashMap<>();

  static {
    LEDGER_ADDED.put(
        "reconciler_ledger_items",
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
    LEDGER_ADDED.put(
        "reconciler_ledger_runs",
        columns("window_days INTEGER", "recorded_at", "stale INTEGER NOT NULL DEFAULT 0"));
    LEDGER_ADDED.put(
        "reconciler_ledger_resolutions",
        columns(
            "resolved_by",
            "amount",
            "currency",
            "effective_on",
            "unresolved_at",
            "unresolved_after"));
  }

  private static Map<String, String> columns(String... specs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String spec : specs) {
      String[] parts = spec.split(" ", 2);
      out.put(parts[0], parts.length > 1 ? parts[1] : "TEXT");
    }
    return out;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    if (exists(c, RunTable.NAME)) {
      RunTable.addMissingColumns(c);
    }
    for (Map.Entry<String, Map<String, String>> table : LEDGER_ADDED.entrySet()) {
      if (exists(c, table.getKey())) {
        Sqlite.addMissingColumns(c, table.getKey(), table.getValue());
      }
    }
  }

  private static boolean exists(Connection c, String table) throws SQLException {
    return !Sqlite.columns(c, table).isEmpty();
  }

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("1");
  }

  @Override
  public String getDescription() {
    return "complete the tables of earlier layouts";
  }

  /** None: the code, not a script, is the migration. */
  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }
}
