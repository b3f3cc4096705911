package dev.reconciler.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PgSchemaTest {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @Test
  void theLatestVersionIsTheNewestScripts() throws Exception {
    assertThat(PgSchema.LATEST_VERSION).isEqualTo(ScriptVersions.newest("/db/postgresql"));
  }

  @Test
  void aDatabaseIsCurrentOnlyOnceEveryScriptIsAppliedAndNoneFailed() throws SQLException {
    pg.newDatabase("schema_current");
    Settings.Database database = pg.settings("schema_current");

    assertThat(PgSchema.current(database)).as("no history yet").isFalse();
    PgSchema.migrate(database);
    assertThat(PgSchema.current(database)).as("every script applied").isTrue();

    try (Connection c = DriverManager.getConnection(pg.url("schema_current"), "postgres", "");
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
              + " installed_by, execution_time, success) VALUES (1000, '"
              + PgSchema.LATEST_VERSION
              + "', 'again', 'SQL', 'again.sql', 'test', 0, false)");
    }
    assertThat(PgSchema.current(database)).as("a failed script").isFalse();
  }

  @Test
  void aDatabaseANewerVersionMigratedFurtherIsCurrentAsItIs() throws SQLException {
    pg.newDatabase("schema_newer");
    Settings.Database database = pg.settings("schema_newer");
    PgSchema.migrate(database);
    try (Connection c = DriverManager.getConnection(pg.url("schema_newer"), "postgres", "");
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
              + " installed_by, execution_time, success) VALUES (1000, '"
              + (PgSchema.LATEST_VERSION + 7)
              + "', 'later', 'SQL', 'later.sql', 'newer', 0, true)");
    }
    // Flyway would only warn and change nothing; starting it at every check cost each command.
    assertThat(PgSchema.current(database)).isTrue();
  }
}
