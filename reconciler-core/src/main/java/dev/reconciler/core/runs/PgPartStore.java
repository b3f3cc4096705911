package dev.reconciler.core.runs;

import dev.reconciler.core.config.Settings;

/**
 * Parts of sharded runs in the PostgreSQL database of [database] url, so a part stored by a worker
 * on one host is merged by a worker on another.
 */
public final class PgPartStore extends JdbcPartStore {
  /** The store in the database of {@code database}. */
  public PgPartStore(Settings.Database database) {
    super(new PgRunsDatabase(database));
  }
}
