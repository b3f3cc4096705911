package dev.reconciler.core.ledger;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.runs.RunStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The ledger configuration names. With [database] url PostgreSQL it lives in that database and
 * holds the items of its input tables, named by {@link PgLedgerStore#inputName}. Otherwise it lives
 * with the runs ({@code [paths] runs_database}, else the input database), and holds the items of
 * one input database, named by its real path.
 */
public final class Ledgers {
  private Ledgers() {}

  /** The ledger of the runs that read {@code inputDatabase}. */
  public static LedgerStore open(Settings settings, Path inputDatabase, Clock clock) {
    if (settings.database().postgres()) {
      return new PgLedgerStore(
          settings.database(), PgLedgerStore.inputName(settings.database()), clock);
    }
    return new SqliteLedgerStore(
        RunStores.location(settings.paths(), inputDatabase),
        inputName(inputDatabase),
        settings.database().busyTimeoutMs(),
        clock);
  }

  /**
   * Holds the ledger of {@code inputDatabase} for one run: another run waits until it is closed. In
   * SQLite that is a run of any input kept in the same file, in this process or another on this
   * host; in PostgreSQL a run of the same input from any host.
   */
  public static LedgerLock lock(Settings settings, Path inputDatabase) {
    if (settings.database().postgres()) {
      return PgLedgerLock.acquire(
          settings.database(), PgLedgerStore.inputName(settings.database()));
    }
    // By the real path, as the ledger's rows are named: a run through a link to the file waits too.
    Path db = Path.of(inputName(RunStores.location(settings.paths(), inputDatabase)));
    return FileLedgerLock.acquire(db.resolveSibling(db.getFileName() + ".ledger-lock"));
  }

  /** The real path when the file exists (so two spellings of one file share one ledger). */
  static String inputName(Path inputDatabase) {
    try {
      return Files.exists(inputDatabase)
          ? inputDatabase.toRealPath().toString()
          : inputDatabase.toAbsolutePath().normalize().toString();
    } catch (IOException e) {
      throw new UncheckedIOException("resolving " + inputDatabase, e);
    }
  }
}
