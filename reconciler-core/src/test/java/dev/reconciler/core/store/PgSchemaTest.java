package dev.reconciler.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.runs.AtOnce;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
          "INSERT INTO reconciler_schema_history (installed_rank, version, description, type, script,"
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
          "INSERT INTO reconciler_schema_history (installed_rank, version, description, type, script,"
              + " installed_by, execution_time, success) VALUES (1000, '"
              + (PgSchema.LATEST_VERSION + 7)
              + "', 'later', 'SQL', 'later.sql', 'newer', 0, true)");
    }
    // Flyway would only warn and change nothing; starting it at every check cost each command.
    assertThat(PgSchema.current(database)).isTrue();
  }

  @Test
  void theScriptsThatMarkOurRowsAreTheScriptsThemselves() throws Exception {
    Path scripts =
        Path.of(Objects.requireNonNull(getClass().getResource("/db/postgresql")).toURI());
    try (Stream<Path> files = Files.list(scripts)) {
      assertThat(PgSchema.SCRIPTS)
          .isEqualTo(
              files
                  .map(f -> f.getFileName().toString())
                  .filter(f -> f.endsWith(".sql"))
                  .collect(Collectors.toSet()));
    }
  }

  @Test
  void aNewDatabaseGetsOurHistoryUnderOurOwnNameAndNoneUnderFlywaysDefault() throws SQLException {
    pg.newDatabase("schema_fresh");
    PgSchema.migrate(pg.settings("schema_fresh"));

    assertThat(rows("schema_fresh", "SELECT version FROM reconciler_schema_history ORDER BY 1"))
        .containsExactly("1", "2", "3", "4", "5", "6");
    assertThat(tables("schema_fresh")).doesNotContain(PgSchema.EARLIER_HISTORY);
  }

  @Test
  void anEarlierVersionsHistoryIsCopiedNotReappliedAndLeftForItsOwnProcesses() throws Exception {
    pg.newDatabase("schema_earlier");
    Settings.Database database = pg.settings("schema_earlier");
    execute("schema_earlier", "CREATE TABLE sales (transaction_id text)");
    earlierVersionMigrates("schema_earlier");
    String history = "SELECT version, script, installed_on FROM %s ORDER BY installed_rank";
    List<String> before = rows("schema_earlier", history.formatted(PgSchema.EARLIER_HISTORY));
    assertThat(before).as("baselined on upstream's table, then V1 and V2").hasSize(3);

    PgSchema.migrate(database);

    // Re-applied scripts would have failed (CREATE TABLE of existing tables) or shown new times;
    // the scripts that version did not have are applied after them.
    List<String> ours = rows("schema_earlier", history.formatted("reconciler_schema_history"));
    assertThat(ours.subList(0, before.size())).isEqualTo(before);
    assertThat(ours.subList(before.size(), ours.size()))
        .hasSize(4)
        .satisfies(
            rows -> {
              assertThat(rows.get(0)).startsWith("3 V3__ledger_rerun_indexes.sql");
              assertThat(rows.get(1)).startsWith("4 V4__ledger_unpaid_sales.sql");
              assertThat(rows.get(2)).startsWith("5 V5__ledger_pruned.sql");
              assertThat(rows.get(3)).startsWith("6 V6__ledger_cleared_index.sql");
            });
    assertThat(rows("schema_earlier", history.formatted(PgSchema.EARLIER_HISTORY)))
        .as("left as it was for processes of the earlier version")
        .isEqualTo(before);
    assertThat(PgSchema.current(database)).isTrue();
    // Flyway itself takes the copy as its history: it validates it and finds nothing to apply.
    PgSchema.HISTORY.migrate(
        "schema_earlier", flyway -> flyway.dataSource(pg.url("schema_earlier"), "postgres", ""));
    assertThat(rows("schema_earlier", history.formatted("reconciler_schema_history")))
        .isEqualTo(ours);
  }

  @Test
  void theCompanysOwnFlywayHistoryIsNeitherReadAsOursNorChanged() throws SQLException {
    pg.newDatabase("schema_upstream");
    upstreamMigrates("schema_upstream");
    String history = "SELECT version, script, installed_on FROM %s ORDER BY installed_rank";
    List<String> theirs = rows("schema_upstream", history.formatted(PgSchema.EARLIER_HISTORY));

    PgSchema.migrate(pg.settings("schema_upstream"));

    assertThat(rows("schema_upstream", history.formatted(PgSchema.EARLIER_HISTORY)))
        .isEqualTo(theirs);
    assertThat(rows("schema_upstream", "SELECT version FROM reconciler_schema_history ORDER BY 1"))
        .as("baselined on their tables, then ours made")
        .containsExactly("0", "1", "2", "3", "4", "5", "6");
    assertThat(tables("schema_upstream")).contains("orders", "reconciliation_runs", "run_parts");
  }

  @Test
  void ourRowsInAHistorySharedWithAnotherFlywayMoveOutAndTheirsStay() throws SQLException {
    pg.newDatabase("schema_shared");
    earlierVersionMigrates("schema_shared");
    // Another Flyway told to tolerate ours (outOfOrder, ignored patterns) added its own row.
    execute(
        "schema_shared",
        "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
            + " installed_by, execution_time, success) VALUES (3, '7', 'orders', 'SQL',"
            + " 'V7__orders.sql', 'app', 0, true)");

    PgSchema.migrate(pg.settings("schema_shared"));

    assertThat(rows("schema_shared", "SELECT script FROM reconciler_schema_history ORDER BY 1"))
        .containsExactly(
            "V1__runs_parts_workbooks.sql",
            "V2__ledger.sql",
            "V3__ledger_rerun_indexes.sql",
            "V4__ledger_unpaid_sales.sql",
            "V5__ledger_pruned.sql",
            "V6__ledger_cleared_index.sql");
    assertThat(rows("schema_shared", "SELECT script FROM flyway_schema_history"))
        .containsExactly("V7__orders.sql");
  }

  @Test
  void hostsCopyingAnEarlierHistoryAtOnceCopyItOnce() throws Exception {
    pg.newDatabase("schema_race");
    earlierVersionMigrates("schema_race");

    AtOnce.run(4, host -> PgSchema.adoptEarlierHistory(pg.settings("schema_race")));

    assertThat(rows("schema_race", "SELECT version FROM reconciler_schema_history ORDER BY 1"))
        .containsExactly("1", "2");
  }

  @Test
  void hostsMigratingOneNewDatabaseAtOnceEachFindItMigrated() throws Exception {
    // Flyway's lock does not cover making the history table: a second Flyway that finds it made
    // but not yet holding the baseline refused to start ("Unable to baseline ... it already
    // exists, and is empty"). Several rounds, as the window is narrow.
    for (int round = 0; round < 6; round++) {
      String name = "schema_hosts" + round;
      pg.newDatabase(name);
      if (round % 2 == 1) {
        // Upstream's table already there: each Flyway takes the baseline path.
        execute(name, "CREATE TABLE sales (line bigint, transaction_id text)");
      }

      AtOnce.run(8, host -> PgSchema.migrate(pg.settings(name)));

      assertThat(rows(name, "SELECT version FROM reconciler_schema_history ORDER BY 1"))
          .as(name)
          .containsExactlyElementsOf(
              round % 2 == 1
                  ? List.of("0", "1", "2", "3", "4", "5", "6")
                  : List.of("1", "2", "3", "4", "5", "6"));
    }
  }

  @Test
  void oursAreOurScriptsAndTheBaselineWeWriteNotAnotherFlywaysDefaultBaseline() {
    assertThat(PgSchema.ours("2", "SQL", "V2__ledger.sql")).isTrue();
    assertThat(PgSchema.ours("0", "BASELINE", "<< Flyway Baseline >>")).isTrue();
    assertThat(PgSchema.ours("1", "BASELINE", "<< Flyway Baseline >>")).isFalse();
    assertThat(PgSchema.ours("2", "SQL", "V2__ledger_of_their_own.sql")).isFalse();
  }

  /** What a version before reconciler_schema_history did: our scripts, Flyway's default table. */
  private static void earlierVersionMigrates(String name) {
    // That version's scripts were V1 and V2.
    new SchemaHistory("classpath:db/postgresql", PgSchema.EARLIER_HISTORY, 2)
        .migrate(name, flyway -> flyway.dataSource(pg.url(name), "postgres", "").target("2"));
  }

  /** The company's application's Flyway, with its own scripts and Flyway's default table. */
  private static void upstreamMigrates(String name) {
    new SchemaHistory("classpath:db/upstream", PgSchema.EARLIER_HISTORY, 1)
        .migrate(name, flyway -> flyway.dataSource(pg.url(name), "postgres", ""));
  }

  private static void execute(String database, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(pg.url(database), "postgres", "");
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /** Each row's columns joined with spaces. */
  private static List<String> rows(String database, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(pg.url(database), "postgres", "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? " " : "").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
      return rows;
    }
  }

  private static List<String> tables(String database) throws SQLException {
    return rows(
        database,
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()");
  }
}
