package dev.reconciler.core.runs;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.store.EmbeddedPg;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/** A database of its own on the embedded server for each test, and connections to it. */
final class FreshPg {
  /**
   * Numbered: PgSchema migrates each URL once per JVM, and a class may make more than one of a
   * name.
   */
  private static final AtomicInteger MADE = new AtomicInteger();

  private final EmbeddedPg pg;
  private String name;

  FreshPg(EmbeddedPg pg) {
    this.pg = pg;
  }

  /** Makes the next empty database and returns the [database] settings reaching it. */
  Settings.Database next() throws SQLException {
    name = "runs" + MADE.incrementAndGet();
    pg.newDatabase(name);
    return settings();
  }

  /** The [database] settings of the database made last. */
  Settings.Database settings() {
    return pg.settings(name);
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(pg.url(name), "postgres", "");
  }
}
