package dev.reconciler.core.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.store.PgSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The run store contract on a real PostgreSQL, and its schema: Flyway's V1, applied once however
 * many processes start together, completed by a write when the code counts more than V1 has.
 */
class PgRunStoreTest extends RunStoreContract {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();
  private final FreshPg db = new FreshPg(pg);

  @Override
  RunStore emptyStore() throws Exception {
    return new PgRunStore(db.next());
  }

  @Override
  Connection connect() throws Exception {
    return db.connect();
  }

  @Override
  List<String> junkStarts() {
    return List.of("'2460000'", "'~'");
  }

  private List<String> query(String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  /** The same database under another URL: a process that has not migrated it yet. */
  private Settings.Database spelledAs(int n) {
    Settings.Database d = db.settings();
    return new Settings.Database(
        d.salesTable(),
        d.processorTable(),
        d.busyTimeoutMs(),
        d.postgresUrl() + "?ApplicationName=host" + n,
        d.user(),
        d.password());
  }

  @Test
  void migratingAgainAndFromTwoHostsAtOnceLeavesOneSchema() throws Exception {
    PgSchema.migrate(spelledAs(0));
    AtOnce.run(2, host -> PgSchema.migrate(spelledAs(host + 1)));
    log.save(aSucceededRun("run-a"));

    // An empty database is migrated, not baselined: one row per script (V1 runs, V2 the ledger,
    // V3 its indexes for reruns, V4 its unpaid sales), each applied once.
    assertThat(query("SELECT version FROM reconciler_schema_history WHERE success ORDER BY 1"))
        .containsExactly("1", "2", "3", "4", "5", "6");
    assertThat(query("SELECT count(*) FROM reconciler_schema_history")).containsExactly("6");
    assertThat(
            query(
                "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema()"
                    + " AND (table_name LIKE 'run%' OR table_name = 'reconciliation_runs')"
                    + " ORDER BY 1"))
        .containsExactly(
            "reconciliation_runs", "run_parts", "run_workbook_chunks", "run_workbooks");
    assertThat(log.recent(5)).extracting(RunRecord::runId).containsExactly("run-a");
  }

  /**
   * V1's columns, then those of counts added since (the processor files' rejected rows), which the
   * first write adds as it does to a table of an earlier version: in the order this code lists.
   */
  @Test
  void theFirstLayoutAndTheFirstWriteGiveEveryColumnThisCodeWrites() throws Exception {
    PgSchema.migrate(db.settings());
    log.save(aSucceededRun("run-a"));

    assertThat(
            query(
                "SELECT column_name FROM information_schema.columns WHERE table_name ="
                    + " 'reconciliation_runs' ORDER BY ordinal_position"))
        .containsExactlyElementsOf(RunTable.COLUMNS);
  }

  @Test
  void aCountTheTableLacksBecomesAColumnAtTheNextWrite() throws Exception {
    log.save(aSucceededRun("run-old"));
    exec("ALTER TABLE reconciliation_runs DROP COLUMN oldest_open_days");
    assertThat(log.find("run-old")).isEqualTo(aSucceededRun("run-old"));

    RunRecord run =
        RunRecord.succeeded(
            "run-new",
            DAY,
            START,
            START.plusSeconds(1),
            Map.of(RunCounts.OLDEST_OPEN_DAYS, 12L),
            Map.of(),
            null,
            null);
    log.save(run);

    assertThat(log.find("run-new").counts()).containsEntry(RunCounts.OLDEST_OPEN_DAYS, 12L);
  }

  /**
   * deploy/README.md's role: it may read the input in public and create only in a schema of its
   * own, first on its search_path, where Flyway and the stores then keep their tables.
   */
  @Test
  void aRoleThatOwnsOnlyItsOwnSchemaKeepsTheRunsThere() throws Exception {
    Settings.Database admin = db.settings();
    String role = pg.serverWide("reconciler"); // roles are the server's, shared by the classes
    exec("CREATE ROLE " + role + " LOGIN");
    exec("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
    exec("CREATE SCHEMA reconciler AUTHORIZATION " + role);
    exec("ALTER ROLE " + role + " SET search_path = reconciler, public");
    Settings.Database asRole =
        new Settings.Database(
            admin.salesTable(),
            admin.processorTable(),
            admin.busyTimeoutMs(),
            admin.postgresUrl(),
            role,
            "");

    new PgRunStore(asRole).save(aSucceededRun("run-a"));

    assertThat(new PgRunStore(asRole).find("run-a")).isEqualTo(aSucceededRun("run-a"));
    assertThat(
            query(
                "SELECT DISTINCT table_schema FROM information_schema.tables"
                    + " WHERE table_name IN ('reconciliation_runs', 'reconciler_schema_history')"))
        .containsExactly("reconciler");
  }
}
