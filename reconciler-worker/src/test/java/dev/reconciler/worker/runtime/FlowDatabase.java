package dev.reconciler.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.store.Postgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database a worker flow IT keeps everything in (input tables, runs, parts, workbooks, ledger):
 * a test takes it as a parameter ({@code @EnumSource(FlowDatabase.class)}) and registers one {@link
 * EmbeddedPg} for the class, which the PostgreSQL cases use.
 */
enum FlowDatabase {
  SQLITE,
  POSTGRES;

  private static final String URL = "RECONCILER_DATABASE_URL";
  private static final String USER = "RECONCILER_DATABASE_USER";

  /**
   * Numbered: PgSchema migrates each URL once per JVM, and a class may make more than one of a
   * name.
   */
  private static final AtomicInteger MADE = new AtomicInteger();

  /**
   * The harness overrides {@code own} plus those putting everything in a fresh store of this
   * database (on SQLite, the harness's own input file).
   */
  Map<String, String> env(EmbeddedPg pg, Map<String, String> own) throws SQLException {
    Map<String, String> all = new HashMap<>(own);
    if (this == POSTGRES) {
      String database = "flow" + MADE.incrementAndGet();
      pg.newMigratedDatabase(database);
      all.put(URL, pg.url(database));
      all.put(USER, "postgres");
    }
    return all;
  }

  /**
   * That the harness kept everything in this database: on SQLite in its input file, on PostgreSQL
   * nowhere near it (no SQLite file made at its path).
   */
  void assertKeptEverything(WorkerHarness harness) {
    if (this == SQLITE) {
      assertThat(harness.settings.paths().database()).isRegularFile();
    } else {
      assertThat(harness.settings.paths().database()).doesNotExist();
    }
  }

  /**
   * A copy of everything the harness keeps (nobody may be connected to it), and the overrides
   * reaching the copy: on SQLite the input file copied to {@code file}, on PostgreSQL a copied
   * database.
   */
  Map<String, String> copy(EmbeddedPg pg, WorkerHarness harness, Path file)
      throws IOException, SQLException {
    if (this == SQLITE) {
      Files.copy(harness.settings.paths().database(), file);
      return Map.of();
    }
    String database = "flow" + MADE.incrementAndGet();
    pg.copyDatabase(pg.databaseOf(harness.settings.database().postgresUrl()), database);
    return Map.of(URL, pg.url(database), USER, "postgres");
  }

  /** Runs one SQL statement where the harness keeps everything, as an operator or a bug might. */
  void exec(WorkerHarness harness, String sql) throws SQLException {
    try (Connection c =
            this == SQLITE
                ? DriverManager.getConnection("jdbc:sqlite:" + harness.settings.paths().database())
                : Postgres.connect(harness.settings.database());
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
