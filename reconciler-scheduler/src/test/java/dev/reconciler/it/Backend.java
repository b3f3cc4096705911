package dev.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.store.InputRowWriter;
import dev.reconciler.core.store.InputWriter;
import dev.reconciler.core.store.PgInputWriter;
import dev.reconciler.core.store.Postgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database a scheduler-module IT keeps everything in (input tables, runs, workbooks, ledger): a
 * test takes it as a parameter ({@code @EnumSource(Backend.class)}) and registers one {@link
 * EmbeddedPg} for the class, which the PostgreSQL cases use. Child JVMs get it as overrides ({@link
 * #env}), a CLI run in the test's JVM as its config file's [database] section ({@link #ini}).
 */
public enum Backend {
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
   * The overrides putting everything in a fresh store of this backend: none on SQLite (the input
   * file [paths] database names), a new empty database on PostgreSQL.
   */
  public Map<String, String> env(EmbeddedPg pg) throws SQLException {
    if (this == SQLITE) {
      return Map.of();
    }
    return postgres(pg.newMigratedDatabase(nextStore()));
  }

  /**
   * The overrides putting everything in a new PostgreSQL database of the class, a copy of the run's
   * database {@code shared}, which {@code fill} fills once per run ({@link
   * EmbeddedPg#newCopyOfRunDatabase}).
   */
  public static Map<String, String> copyOfRunDatabase(
      EmbeddedPg pg, String shared, EmbeddedPg.Fill fill) throws SQLException {
    return postgres(pg.newCopyOfRunDatabase(shared, nextStore(), fill));
  }

  private static String nextStore() {
    return "store" + MADE.incrementAndGet();
  }

  private static Map<String, String> postgres(String url) {
    return Map.of(URL, url, USER, "postgres");
  }

  /** A fresh store's {@link #env} as a config file's [database] section, empty on SQLite. */
  public String ini(EmbeddedPg pg) throws SQLException {
    return ini(env(pg));
  }

  /** These {@link #env} overrides as a config file's [database] section, empty for none. */
  public static String ini(Map<String, String> env) {
    return env.isEmpty()
        ? ""
        : "[database]\nurl = " + env.get(URL) + "\nuser = " + env.get(USER) + "\n";
  }

  /**
   * Writes a config file of these lines plus a fresh store's [database] section ({@link #ini}), for
   * a CLI run in the test's JVM.
   */
  public Path config(EmbeddedPg pg, Path file, String... lines) throws IOException, SQLException {
    return Files.writeString(file, String.join("\n", lines) + "\n" + ini(pg));
  }

  /**
   * Fresh input tables where {@code settings} keeps them, for rows a test writes by hand: the
   * SQLite file {@code db}, or the PostgreSQL tables of [database] url.
   */
  public InputRowWriter tables(Settings settings, Path db) throws IOException {
    return this == SQLITE ? InputWriter.create(db) : PgInputWriter.create(settings.database());
  }

  /**
   * Runs one SQL statement in the store: the SQLite file {@code db}, or the PostgreSQL database of
   * {@code settings}.
   */
  public void exec(Settings settings, Path db, String sql) throws SQLException {
    try (Connection c = connect(settings, db);
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /**
   * The number one SQL query ({@code SELECT count(*) ...}) finds in the store, as {@link #exec}.
   */
  public long count(Settings settings, Path db, String sql) throws SQLException {
    try (Connection c = connect(settings, db);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }

  private Connection connect(Settings settings, Path db) throws SQLException {
    return this == SQLITE
        ? DriverManager.getConnection("jdbc:sqlite:" + db)
        : Postgres.connect(settings.database());
  }

  /**
   * That everything was kept in this backend: on SQLite in the file {@code db}, on PostgreSQL
   * nowhere near it (no SQLite file made at its path).
   */
  public void assertKeptEverything(Path db) {
    if (this == SQLITE) {
      assertThat(db).isRegularFile();
    } else {
      assertThat(db).doesNotExist();
    }
  }
}
