package dev.reconciler.core.ledger;

import static dev.reconciler.core.ledger.SqliteLedgerStore.ITEMS;
import static dev.reconciler.core.ledger.SqliteLedgerStore.RESOLUTIONS;
import static dev.reconciler.core.ledger.SqliteLedgerStore.RUNS;

import dev.reconciler.core.store.Sqlite;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The ledger's tables, made by Flyway (dev.reconciler.core.runs.SqliteSchema, V3) before the first
 * write; a version before Flyway made them at its writes, and V1 completes those in place.
 */
final class SqliteLedgerTables {
  private SqliteLedgerTables() {}

  /** True when the ledger has been written in this database. */
  static boolean exist(Connection c) throws SQLException {
    return !Sqlite.columns(c, RUNS).isEmpty()
        && !Sqlite.columns(c, ITEMS).isEmpty()
        && !Sqlite.columns(c, RESOLUTIONS).isEmpty();
  }
}
