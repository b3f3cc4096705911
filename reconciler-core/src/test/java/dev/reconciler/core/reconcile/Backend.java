package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.runs.PgRunStore;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.SqliteRunStore;
import dev.reconciler.core.store.EmbeddedPg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The database a reconcile IT keeps everything in (input tables, runs, parts, workbooks, ledger): a
 * test takes it as a parameter ({@code @EnumSource(Backend.class)}, or {@link #eachOnBoth}) and
 * registers an {@link EmbeddedPg} the PostgreSQL cases use.
 */
enum Backend {
  SQLITE,
  POSTGRES;

  /**
   * Numbered: PgSchema migrates each URL once per JVM, and a class may ask for a store of one name
   * more than once.
   */
  private static final AtomicInteger MADE = new AtomicInteger();

  /** Every case on each backend: the backend, then the case's arguments. */
  static Stream<Arguments> eachOnBoth(Arguments... cases) {
    return Stream.of(values())
        .flatMap(
            backend ->
                Stream.of(cases)
                    .map(
                        c ->
                            Arguments.of(
                                Stream.concat(Stream.of(backend), Stream.of(c.get())).toArray())));
  }

  /** A new empty store named {@code name}: the file {@code name.db} in dir, or a fresh database. */
  Store fresh(EmbeddedPg pg, Path dir, String name) throws SQLException {
    Path file = dir.resolve(name + ".db");
    if (this == SQLITE) {
      return new Store(this, pg, file, null);
    }
    String database = name.toLowerCase() + MADE.incrementAndGet();
    pg.newMigratedDatabase(database);
    return new Store(this, pg, file, database);
  }

  /**
   * One store of a backend: the [database] overrides reaching it and the SQLite path requests name
   * (on PostgreSQL nothing may be made there).
   */
  record Store(Backend backend, EmbeddedPg pg, Path input, String database) {
    /** The test's own overrides plus those reaching this store. */
    Map<String, String> env(Map<String, String> own) {
      Map<String, String> all = new HashMap<>(own);
      if (database != null) {
        all.put("RECONCILER_DATABASE_URL", pg.url(database));
        all.put("RECONCILER_DATABASE_USER", "postgres");
      }
      return all;
    }

    /** A copy of everything kept here, as a new store named {@code name}. */
    Store copy(String name) throws IOException, SQLException {
      Path file = input.resolveSibling(name + ".db");
      if (database == null) {
        Files.copy(input, file);
        return new Store(backend, pg, file, null);
      }
      String copy = name.toLowerCase() + MADE.incrementAndGet();
      pg.copyDatabase(database, copy);
      return new Store(backend, pg, file, copy);
    }

    /**
     * The run as this backend's own run store has it, read without the dispatch of RunStores; on
     * PostgreSQL, also that no SQLite file was made next to the input's path.
     */
    RunRecord storedRun(Settings settings, String runId) throws IOException {
      if (database == null) {
        return SqliteRunStore.inDatabase(input, 1000).find(runId);
      }
      try (Stream<Path> files = Files.list(input.getParent())) {
        assertThat(files.filter(f -> f.toString().endsWith(".db"))).as("SQLite files").isEmpty();
      }
      return new PgRunStore(settings.database()).find(runId);
    }
  }
}
