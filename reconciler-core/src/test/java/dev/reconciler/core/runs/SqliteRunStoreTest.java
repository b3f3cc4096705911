package dev.reconciler.core.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.store.SqliteFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run store contract on real SQLite files, and what only SQLite has: read-only files, its write
 * lock, files that are not SQLite, values of any type in any column.
 */
class SqliteRunStoreTest extends RunStoreContract {
  @TempDir Path dir;

  private Path db;

  @Override
  RunStore emptyStore() throws Exception {
    db = dir.resolve("in.db");
    exec("CREATE TABLE sales (transaction_id TEXT)");
    return SqliteRunStore.inDatabase(db, 1000);
  }

  @Override
  Connection connect() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + db);
  }

  @Override
  List<String> junkStarts() {
    return List.of("x'ff00ff'", "2460000");
  }

  @Test
  void readsFromAReadOnlyDatabaseThatHasNoRunTable() throws Exception {
    SqliteFiles.readOnly(db);

    assertThat(SqliteRunStore.inDatabase(db, 1000).find("run-2026-11-24-a")).isNull();
    assertThat(SqliteRunStore.inDatabase(db, 1000).recent(5)).isEmpty();
  }

  @Test
  void readsARecordFromAReadOnlyDatabase() throws Exception {
    log.save(aSucceededRun("run-2026-11-24-a"));
    SqliteFiles.readOnly(db);

    assertThat(SqliteRunStore.inDatabase(db, 1000).find("run-2026-11-24-a").status())
        .isEqualTo("SUCCESS");
  }

  @Test
  void readsWhileAnotherConnectionHoldsTheWriteLock() throws Exception {
    try (Connection writer = connect();
        Statement st = writer.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
      long start = System.nanoTime();

      assertThat(SqliteRunStore.inDatabase(db, 5_000).find("run-2026-11-24-a")).isNull();

      assertThat(System.nanoTime() - start).as("no wait for the lock").isLessThan(4_000_000_000L);
      st.execute("ROLLBACK");
    }
  }

  @Test
  void aFileThatIsNotSqliteIsAnErrorNamingItNotAnEmptyLog() throws Exception {
    Path notSqlite = Files.writeString(dir.resolve("csv.db"), "id,amount\n1,2\n".repeat(100));

    assertThatThrownBy(() -> SqliteRunStore.inDatabase(notSqlite, 1000).find("run-2026-11-24-a"))
        .hasMessageContaining("is not a SQLite database")
        .hasMessageContaining(notSqlite.toString());
    assertThat(Files.readString(notSqlite)).startsWith("id,amount");
  }

  @Test
  void aCountThatIsNotANumberIsMarkedAndTheOthersRead() throws Exception {
    log.save(aSucceededRun("run-good"));
    exec(
        "INSERT INTO reconciliation_runs (run_id, business_date, started_at, status, matched,"
            + " rejected) VALUES ('run-bad', '2026-11-24', '2026-11-25T06:00:00Z', 'FAILURE',"
            + " 'many', 7)");

    RunRecord bad = log.find("run-bad");

    assertThat(bad.counts()).containsExactly(Map.entry("rejected", 7L));
    assertThat(bad.problems()).containsExactly("unreadable matched 'many'");
  }

  @Test
  void aRowWithNullsWhereTheTableRequiresValuesIsStillRead() throws Exception {
    db = dir.resolve("other.db");
    // A table someone else created, without our NOT NULL constraints.
    exec(
        "CREATE TABLE reconciliation_runs (run_id TEXT, business_date TEXT, started_at TEXT,"
            + " finished_at TEXT, status TEXT, report_path TEXT, error TEXT, amounts TEXT,"
            + " match_rate TEXT, matched INTEGER)");
    exec("INSERT INTO reconciliation_runs (run_id) VALUES (NULL)");
    exec("INSERT INTO reconciliation_runs (run_id, matched) VALUES ('r', 3.5)");

    List<RunRecord> runs = SqliteRunStore.inDatabase(db, 1000).recent(5);

    assertThat(runs).hasSize(2);
    assertThat(runs)
        .filteredOn(r -> "r".equals(r.runId()))
        .singleElement()
        .satisfies(r -> assertThat(r.problems()).contains("unreadable matched '3.5'"));
  }
}
