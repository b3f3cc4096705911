package dev.reconciler.core.runs;

import dev.reconciler.core.config.Settings;

/**
 * Workbooks in the PostgreSQL database of [database] url, so `report get`, the console and alerts
 * on any host serve the workbook a worker on another host wrote.
 */
public final class PgWorkbookStore extends JdbcWorkbookStore {
  /** The store in the database of {@code database}. */
  public PgWorkbookStore(Settings.Database database) {
    super(new PgRunsDatabase(database));
  }
}
