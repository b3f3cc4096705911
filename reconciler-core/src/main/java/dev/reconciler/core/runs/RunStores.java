package dev.reconciler.core.runs;

import dev.reconciler.core.config.Settings;
import java.nio.file.Path;

/**
 * The run store configuration names: [paths] runs_database when set, otherwise the input database
 * of the run, where today's deployments already keep their history.
 */
public final class RunStores {
  private RunStores() {}

  /** The store of the runs that read {@code inputDatabase}. */
  public static RunStore open(Settings settings, Path inputDatabase) {
    int busyTimeoutMs = settings.database().busyTimeoutMs();
    Path own = settings.paths().runsDatabase();
    return own == null
        ? SqliteRunStore.inDatabase(inputDatabase, busyTimeoutMs)
        : SqliteRunStore.ownFile(own, busyTimeoutMs);
  }

  /** The workbooks kept beside that store's runs, in the same file. */
  public static WorkbookStore workbooks(Settings settings, Path inputDatabase) {
    return new SqliteWorkbookStore(
        location(settings.paths(), inputDatabase), settings.database().busyTimeoutMs());
  }

  /** The parts of sharded runs kept beside that store's runs, in the same file. */
  public static SqlitePartStore parts(Settings settings, Path inputDatabase) {
    return new SqlitePartStore(
        location(settings.paths(), inputDatabase), settings.database().busyTimeoutMs());
  }

  /** The file that store keeps its runs in, for messages. */
  public static Path location(Settings.Paths paths, Path inputDatabase) {
    return paths.runsDatabase() == null ? inputDatabase : paths.runsDatabase();
  }
}
