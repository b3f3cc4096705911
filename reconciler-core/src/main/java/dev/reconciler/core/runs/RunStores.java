package dev.reconciler.core.runs;

import dev.reconciler.core.config.Settings;
import java.nio.file.Path;

/**
 * The run store configuration names: the PostgreSQL database of [database] url when the input is
 * there, so every host shares one history; otherwise SQLite, [paths] runs_database when set, else
 * the input database of the run, where today's deployments already keep their history.
 */
public final class RunStores {
  private RunStores() {}

  /** The store of the runs that read {@code inputDatabase}. */
  public static RunStore open(Settings settings, Path inputDatabase) {
    if (settings.database().postgres()) {
      return new PgRunStore(settings.database());
    }
    int busyTimeoutMs = settings.database().busyTimeoutMs();
    Path own = settings.paths().runsDatabase();
    return own == null
        ? SqliteRunStore.inDatabase(inputDatabase, busyTimeoutMs)
        : SqliteRunStore.ownFile(own, busyTimeoutMs);
  }

  /** The workbooks kept beside that store's runs, in the same database. */
  public static WorkbookStore workbooks(Settings settings, Path inputDatabase) {
    if (settings.database().postgres()) {
      return new PgWorkbookStore(settings.database());
    }
    return new SqliteWorkbookStore(
        location(settings.paths(), inputDatabase),
        settings.database().busyTimeoutMs(),
        settings.paths().runsDatabase() != null);
  }

  /** The parts of sharded runs kept beside that store's runs, in the same database. */
  public static PartStore parts(Settings settings, Path inputDatabase) {
    if (settings.database().postgres()) {
      return new PgPartStore(settings.database());
    }
    return new SqlitePartStore(
        location(settings.paths(), inputDatabase),
        settings.database().busyTimeoutMs(),
        settings.paths().runsDatabase() != null);
  }

  /** The SQLite file that store keeps its runs in, when it is SQLite. */
  public static Path location(Settings.Paths paths, Path inputDatabase) {
    return paths.runsDatabase() == null ? inputDatabase : paths.runsDatabase();
  }

  /** Where that store keeps its runs, for messages: the SQLite file, or the masked URL. */
  public static String shown(Settings settings, Path inputDatabase) {
    return settings.database().postgres()
        ? settings.database().shownUrl()
        : location(settings.paths(), inputDatabase).toString();
  }
}
