package dev.reconciler.core.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Shard;
import dev.reconciler.core.domain.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which file a process records its runs in: [paths] runs_database, else the run's input. */
class RunStoresTest {
  private static final RunRecord RUN =
      RunRecord.running("run-2026-11-24-a", LocalDate.of(2026, 11, 24), Instant.EPOCH);

  private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");

  @TempDir Path dir;

  private Path input() throws Exception {
    Path db = dir.resolve("in.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE sales (transaction_id TEXT)");
    }
    return db;
  }

  private static Settings withRunsDatabase(String value) {
    return SettingsLoader.load(null, Map.of("RECONCILER_PATHS_RUNS_DATABASE", value));
  }

  @Test
  void byDefaultRunsAreRecordedInTheirInputDatabase() throws Exception {
    Path input = input();
    Settings settings = SettingsLoader.defaults();

    RunStores.open(settings, input).save(RUN);

    assertThat(settings.paths().runsDatabase()).isNull();
    assertThat(RunStores.location(settings.paths(), input)).isEqualTo(input);
    assertThat(SqliteRunStore.inDatabase(input, 1000).find(RUN.runId())).isEqualTo(RUN);
  }

  @Test
  void aRunsDatabaseOfItsOwnIsMadeWithItsDirectoriesAndTheInputIsLeftAlone() throws Exception {
    Path input = input();
    Path runs = dir.resolve("audit/deeper/runs.db");
    Settings settings = withRunsDatabase(runs.toString());
    RunStore store = RunStores.open(settings, input);
    assertThat(store.recent(5)).as("nothing recorded yet, nothing made").isEmpty();
    assertThat(runs).doesNotExist();

    store.save(RUN);

    assertThat(RunStores.location(settings.paths(), input)).isEqualTo(runs);
    assertThat(RunStores.open(settings, dir.resolve("any-other-input.db")).find(RUN.runId()))
        .isEqualTo(RUN);
    assertThat(SqliteRunStore.inDatabase(input, 1000).recent(5)).isEmpty();
  }

  @Test
  void aPartOrAWorkbookIsTheFirstWriteOfAFreshRunsDatabaseAsOftenAsARun() throws Exception {
    // On workers, a sharded run's parts are written before its run record: the first part made
    // nothing and failed "database not found" after doing all its work.
    Path input = input();
    Path parts = dir.resolve("a/runs.db");
    Settings forParts = withRunsDatabase(parts.toString());
    RunStores.parts(forParts, input).put("run-1", new Shard(0, 2), new byte[] {1, 2}, NOW);
    assertThat(RunStores.parts(forParts, input).parts("run-1", 2)).containsOnlyKeys(0);

    Path workbooks = dir.resolve("b/runs.db");
    Path workbook = Files.write(dir.resolve("w.xlsx"), new byte[] {3, 4});
    RunStores.workbooks(withRunsDatabase(workbooks.toString()), input).put("run-1", workbook, NOW);
    assertThat(workbooks).isRegularFile();

    Path typo = dir.resolve("typo.db");
    assertThatThrownBy(
            () ->
                RunStores.parts(SettingsLoader.defaults(), typo)
                    .put("run-1", new Shard(0, 2), new byte[] {1}, NOW))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("database not found");
    assertThat(typo).as("an input database is never made").doesNotExist();
  }

  @Test
  void aBlankRunsDatabaseMeansTheInputDatabase() {
    assertThat(withRunsDatabase("  ").paths().runsDatabase()).isNull();
  }

  @Test
  void runsKeptInAMissingInputDatabaseNeverCreateIt() {
    Path missing = dir.resolve("typo.db");
    RunStore store = RunStores.open(SettingsLoader.defaults(), missing);

    assertThat(store.find(RUN.runId())).isNull();
    assertThatThrownBy(() -> store.save(RUN))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("database not found");
    assertThat(missing).doesNotExist();
  }

  @Test
  void aRunsDatabaseThatCannotBeMadeIsAUserErrorNamingTheKey() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    RunStore store = RunStores.open(withRunsDatabase(file.resolve("runs.db").toString()), input());

    assertThatThrownBy(() -> store.save(RUN))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("[paths] runs_database")
        .hasMessageContaining("runs.db");
  }

  @Test
  void withTheInputInPostgresEveryStoreIsThereAndMessagesShowTheMaskedUrl() {
    Settings settings =
        SettingsLoader.load(
            null,
            Map.of(
                "RECONCILER_DATABASE_URL",
                "jdbc:postgresql://db.example:5432/sales?password=not-shown",
                "RECONCILER_PATHS_RUNS_DATABASE",
                dir.resolve("runs.db").toString()));
    Path input = dir.resolve("in.db");

    assertThat(RunStores.open(settings, input)).isInstanceOf(PgRunStore.class);
    assertThat(RunStores.workbooks(settings, input)).isInstanceOf(PgWorkbookStore.class);
    assertThat(RunStores.parts(settings, input)).isInstanceOf(PgPartStore.class);
    assertThat(RunStores.shown(settings, input))
        .contains("db.example:5432/sales")
        .doesNotContain("not-shown");
    assertThat(RunStores.open(settings, input).toString()).doesNotContain("not-shown");
  }
}
