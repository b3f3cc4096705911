package dev.reconciler.core.runs;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.store.MissingColumns;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.StringJoiner;

/**
 * Runs in the reconciliation_runs table of the PostgreSQL database of [database] url, so runs on
 * every host share one history. The table is Flyway's (V1), its fields text as in SQLite, so one
 * reader ({@link RunRowReader}) reads both; a count added to {@link RunCounts#KEYS} after V1 (a new
 * discrepancy kind) becomes a column at the first write, as it does in SQLite.
 */
public final class PgRunStore extends JdbcRunStore {
  /**
   * Newest real run first, as in SQLite: rows whose started_at is an ISO-8601 date-time by that
   * instant ({@code reconciler_run_start}, V1: null for any other text, where a cast would fail the
   * whole query), then every other row by its text.
   */
  private static final String NEWEST_FIRST =
      " ORDER BY reconciler_run_start(started_at) DESC NULLS LAST, started_at DESC NULLS LAST";

  private static final String UPSERT = RunTable.insert("INSERT", onConflict());

  /** The store in the database of {@code database}. */
  public PgRunStore(Settings.Database database) {
    super(new PgRunsDatabase(database, PgRunStore::addCountColumns), UPSERT, NEWEST_FIRST);
  }

  private static String onConflict() {
    StringJoiner set = new StringJoiner(", ", " ON CONFLICT (run_id) DO UPDATE SET ", "");
    RunTable.COLUMNS.stream()
        .filter(column -> !column.equals("run_id"))
        .forEach(column -> set.add(column + " = EXCLUDED." + column));
    return set.toString();
  }

  /** Under the write lock, so two hosts never add the same column. */
  private static Void addCountColumns(Connection c) throws SQLException {
    MissingColumns.add(
        c,
        RunTable.NAME,
        PgRunsDatabase.tableColumns(c, RunTable.NAME),
        RunTable.types(type -> type.equals("TEXT") ? "text" : "bigint"));
    return null;
  }
}
