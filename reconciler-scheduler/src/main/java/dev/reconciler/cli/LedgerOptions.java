package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.ledger.LedgerLock;
import dev.reconciler.core.ledger.LedgerStore;
import dev.reconciler.core.ledger.Ledgers;
import dev.reconciler.core.store.Sqlite;
import dev.reconciler.core.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import picocli.CommandLine.Option;

/** Which ledger the operator commands (resolve, unresolve, ledger) work on: that of --db. */
final class LedgerOptions {
  @Option(
      names = "--db",
      paramLabel = "PATH",
      description = "input database whose ledger this is (default: [paths] database)")
  Path db;

  /**
   * The ledger of the input database, which must exist and be SQLite, as for reconcile: a mistyped
   * path is "database not found", not a ledger with no run. With [database] url PostgreSQL, the
   * ledger of the input tables there.
   */
  LedgerStore open(Settings settings, Clock clock) {
    Path input = input(settings);
    requireInput(settings, input);
    return Ledgers.open(settings, input, clock);
  }

  /** That a SQLite input database exists and is SQLite: else "database not found", exit 2. */
  static void requireInput(Settings settings, Path input) {
    if (!settings.database().postgres()) {
      try (Connection checked = Sqlite.openReadOnly(input, settings.database().busyTimeoutMs())) {
        // Opening it was the check.
      } catch (SQLException e) {
        throw new StoreException("closing " + input, e);
      }
    }
  }

  /**
   * Waits for any run of this ledger to finish and keeps the next one waiting: a resolution made
   * while a run has read the ledger but not yet recorded it would fall between the two.
   */
  LedgerLock lock(Settings settings) {
    return Ledgers.lock(settings, input(settings));
  }

  private Path input(Settings settings) {
    return db != null ? db : settings.paths().database();
  }

  /**
   * A transaction id from the data, on one line whatever it holds, and whole: an operator resolves
   * an item by copying its id from here (the input refuses ids over 1,000 bytes, so a line stays
   * bounded).
   */
  static String id(String transactionId) {
    return SafeText.line(transactionId);
  }
}
