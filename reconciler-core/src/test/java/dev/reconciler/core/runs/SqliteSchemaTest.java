package dev.reconciler.core.runs;

import static dev.reconciler.core.store.SqliteFiles.exec;
import static dev.reconciler.core.store.SqliteFiles.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.store.ScriptVersions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The own tables of a SQLite file made and completed by Flyway: fresh, older, raced, current. */
class SqliteSchemaTest {
  /** Every table the scripts make. */
  private static final List<String> OWN_TABLES =
      List.of(
          "reconciliation_runs",
          "run_parts",
          "run_workbooks",
          "run_workbook_chunks",
          "reconciler_ledger_items",
          "reconciler_ledger_runs",
          "reconciler_ledger_resolutions");

  @TempDir Path dir;

  /**
   * The oldest layout of every own table a version before Flyway made, each with a row, beside
   * upstream's sales table: the run table of the first version without the later counts, the
   * ledger's tables as first made, and the layout record of those versions.
   */
  private Path beforeFlyway(String name) throws Exception {
    Path db = dir.resolve(name);
    exec(
        db,
        "CREATE TABLE sales (transaction_id TEXT)",
        "INSERT INTO sales VALUES ('S1')",
        "CREATE TABLE reconciliation_runs (run_id TEXT PRIMARY KEY, business_date TEXT NOT NULL,"
            + " started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL,"
            + " report_path TEXT, error TEXT, amounts TEXT, match_rate TEXT, sales_rows INTEGER,"
            + " processor_rows INTEGER, matched INTEGER, rejected INTEGER)",
        "INSERT INTO reconciliation_runs (run_id, business_date, started_at, status, matched)"
            + " VALUES ('run-old', '2026-11-23', '2026-11-24T06:00:00Z', 'SUCCESS', 40)",
        "CREATE TABLE run_parts (run_id TEXT NOT NULL, shard_index INTEGER NOT NULL,"
            + " shard_count INTEGER NOT NULL, created_at TEXT NOT NULL, bytes BLOB NOT NULL,"
            + " PRIMARY KEY (run_id, shard_index))",
        "INSERT INTO run_parts VALUES ('run-old', 0, 2, '2026-11-24T06:00:00Z', x'01')",
        "CREATE TABLE reconciler_ledger_items (input_db TEXT NOT NULL, source TEXT NOT NULL,"
            + " transaction_id TEXT NOT NULL, opened_on TEXT NOT NULL,"
            + " PRIMARY KEY (input_db, source, transaction_id, opened_on))",
        "INSERT INTO reconciler_ledger_items VALUES ('/in.db', 'SALES', 'OLD', '2026-10-31')",
        "CREATE TABLE reconciler_ledger_runs (input_db TEXT NOT NULL,"
            + " business_date TEXT NOT NULL, run_id TEXT NOT NULL,"
            + " PRIMARY KEY (input_db, business_date))",
        "INSERT INTO reconciler_ledger_runs VALUES ('/in.db', '2026-10-31', 'run-old')",
        "CREATE TABLE reconciler_ledger_resolutions (input_db TEXT NOT NULL,"
            + " source TEXT NOT NULL, transaction_id TEXT NOT NULL, opened_on TEXT NOT NULL,"
            + " outcome TEXT NOT NULL, note TEXT NOT NULL, resolved_at TEXT NOT NULL,"
            + " after_date TEXT NOT NULL)",
        "CREATE TABLE reconciler_schema (object TEXT PRIMARY KEY, version INTEGER NOT NULL)",
        "INSERT INTO reconciler_schema VALUES ('reconciliation_runs', 1)");
    return db;
  }

  private Path emptyFile(String name) throws IOException {
    return Files.createFile(dir.resolve(name));
  }

  @Test
  void theLatestVersionIsTheNewestScripts() throws Exception {
    assertThat(SqliteSchema.HISTORY.latestVersion()).isEqualTo(ScriptVersions.newest("/db/sqlite"));
  }

  @Test
  void aFreshFileGetsEveryTableFromTheScriptsAndIsThenCurrent() throws Exception {
    Path db = emptyFile("fresh.db");
    assertThat(SqliteSchema.current(db, 1000)).as("no history yet").isFalse();

    SqliteSchema.migrate(db, 1000);

    // Flyway applied every migration it found: the newest of them is the fast path's.
    assertThat(SqliteHistory.applied(db)).containsExactly("1", "2", "3", "4", "5", "6", "7");
    assertThat(SqliteSchema.current(db, 1000)).isTrue();
    // The scripts make the counts there were when they were written; the store's first write adds
    // those counted since (a new discrepancy kind), after them: in the order this code lists.
    List<String> scripted = List.copyOf(columnsInOrder(db, RunTable.NAME));
    assertThat(scripted).isEqualTo(RunTable.COLUMNS.subList(0, scripted.size()));
    SqliteRunStore.inDatabase(db, 1000).save(aRun());
    assertThat(columnsInOrder(db, RunTable.NAME)).containsExactlyElementsOf(RunTable.COLUMNS);
    assertThat(OWN_TABLES).allSatisfy(t -> assertThat(columns(db, t)).isNotEmpty());
    assertThat(query(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql NOT NULL"))
        .contains("reconciler_ledger_items_open", "reconciler_ledger_items_still_open");
  }

  @Test
  void everyTableAVersionBeforeFlywayMadeGetsTheScriptsColumnsAndKeepsItsRows() throws Exception {
    Path fresh = emptyFile("fresh.db");
    SqliteSchema.migrate(fresh, 1000);
    // V1 completes the run table with every count this code keeps, which a fresh file gains at its
    // first write.
    SqliteRunStore.inDatabase(fresh, 1000).save(aRun());
    Path db = beforeFlyway("old.db");

    SqliteSchema.migrate(db, 1000);

    assertThat(SqliteHistory.applied(db)).containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
    for (String table : OWN_TABLES) {
      assertThat(columns(db, table)).as(table).isEqualTo(columns(fresh, table));
    }
    assertThat(
            query(db, "SELECT run_id || ' ' || matched || ' ' || status FROM reconciliation_runs"))
        .containsExactly("run-old 40 SUCCESS");
    assertThat(query(db, "SELECT run_id || ' ' || shard_count FROM run_parts"))
        .containsExactly("run-old 2");
    assertThat(query(db, "SELECT transaction_id || ' ' || opened_on FROM reconciler_ledger_items"))
        .containsExactly("OLD 2026-10-31");
    assertThat(query(db, "SELECT stale FROM reconciler_ledger_runs")).containsExactly("0");
    assertThat(query(db, "SELECT transaction_id FROM sales")).containsExactly("S1");
    assertThat(query(db, "SELECT object || ' ' || version FROM reconciler_schema"))
        .as("the record of the versions before Flyway, left as they wrote it")
        .containsExactly("reconciliation_runs 1");
  }

  @Test
  void anUpstreamFlywayHistoryInTheInputFileIsNeitherReadNorWritten() throws Exception {
    Path db = dir.resolve("upstream.db");
    exec(
        db,
        "CREATE TABLE sales (transaction_id TEXT)",
        "CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY, version TEXT,"
            + " description TEXT, type TEXT, script TEXT, checksum INT, installed_by TEXT,"
            + " installed_on TEXT, execution_time INT, success INT)",
        "INSERT INTO flyway_schema_history VALUES"
            + " (1, '7', 'sales', 'SQL', 'V7__sales.sql', 1, 'upstream', '2026-01-01', 0, 1)");

    SqliteSchema.migrate(db, 1000);

    assertThat(SqliteHistory.applied(db)).containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
    assertThat(query(db, "SELECT version || ' ' || installed_by FROM flyway_schema_history"))
        .containsExactly("7 upstream");
  }

  @Test
  void threadsMigratingTheSameFileAtOnceApplyEachVersionOnce() throws Exception {
    Path db = beforeFlyway("race.db");

    // A connection per racer, as separate worker processes have.
    AtOnce.run(6, i -> SqliteSchema.migrate(db, 30_000));

    assertThat(query(db, "SELECT version FROM reconciler_schema_history ORDER BY installed_rank"))
        .containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
    assertThat(query(db, "SELECT run_id FROM reconciliation_runs")).containsExactly("run-old");
  }

  @Test
  void twoWorkerProcessesStartingOnTheSameFileApplyEachVersionOnce() throws Exception {
    Path db = beforeFlyway("processes.db");

    List<Process> workers = List.of(migrating(db, null), migrating(db, null));

    for (Process worker : workers) {
      assertThat(worker.waitFor()).as("a worker's exit").isZero();
    }
    assertThat(query(db, "SELECT version FROM reconciler_schema_history ORDER BY installed_rank"))
        .containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
  }

  @Test
  void aFileWhoseHistoryRecordsAFailedMigrationIsNotCurrent() throws Exception {
    Path db = emptyFile("failed.db");
    SqliteSchema.migrate(db, 1000);
    exec(db, "UPDATE reconciler_schema_history SET success = 0 WHERE version = '2'");

    assertThat(SqliteSchema.current(db, 1000)).isFalse();
  }

  /**
   * The fast path's promise: a write to a current file does not even load Flyway's classes (their
   * start-up was ~130 ms warm and ~700 ms cold per command); a file with something pending does.
   */
  @Test
  void aCurrentFileIsCheckedWithoutLoadingFlyway() throws Exception {
    Path current = emptyFile("current.db");
    SqliteSchema.migrate(current, 1000);
    Path pending = emptyFile("pending.db");

    assertThat(classesLoadedMigrating(current)).noneMatch(c -> c.startsWith("org.flywaydb."));
    assertThat(classesLoadedMigrating(pending)).contains("org.flywaydb.core.Flyway");
  }

  /** The classes a JVM of its own loads calling {@link SqliteSchema#migrate} on {@code db}. */
  private List<String> classesLoadedMigrating(Path db) throws Exception {
    Path out = Files.createTempFile(dir, "classes", ".txt");
    assertThat(migrating(db, out).waitFor()).as("the child's exit").isZero();
    List<String> classes = new ArrayList<>();
    for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
      // "[0.012s][info][class,load] org.flywaydb.core.Flyway source: ..."
      String[] words = line.split(" ");
      if (words.length > 1) {
        classes.add(words[1]);
      }
    }
    return classes;
  }

  /**
   * A JVM of its own calling {@link SqliteSchema#migrate} on {@code db}, as a worker's first write
   * does; {@code classLog}, when not null, gets the classes it loads.
   */
  private static Process migrating(Path db, Path classLog) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx64m");
    if (classLog != null) {
      command.add("-Xlog:class+load=info:file=" + classLog);
    }
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), MigrateOnce.class.getName()));
    command.add(db.toString());
    return new ProcessBuilder(command).inheritIO().start();
  }

  /** What the child JVM runs. */
  static final class MigrateOnce {
    public static void main(String[] args) {
      // Long enough for the other worker's Flyway start-up, cold, on a busy machine.
      SqliteSchema.migrate(Path.of(args[0]), 60_000);
    }
  }

  /** Column name to declared type, NOT NULL and default, by name. */
  private static RunRecord aRun() {
    return RunRecord.succeeded(
        "run-new",
        java.time.LocalDate.parse("2026-11-24"),
        java.time.Instant.parse("2026-11-25T06:00:00Z"),
        java.time.Instant.parse("2026-11-25T06:00:30Z"),
        Map.of(),
        Map.of(),
        null,
        null);
  }

  private static Map<String, String> columns(Path db, String table) {
    Map<String, String> columns = new TreeMap<>();
    try {
      for (String row :
          query(
              db,
              "SELECT name || ' ' || type || ' ' || \"notnull\" || ' ' || ifnull(dflt_value, '-')"
                  + " FROM pragma_table_info('"
                  + table
                  + "')")) {
        String[] parts = row.split(" ", 2);
        columns.put(parts[0], parts[1]);
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return columns;
  }

  private static Set<String> columnsInOrder(Path db, String table) throws Exception {
    return new LinkedHashSet<>(query(db, "SELECT name FROM pragma_table_info('" + table + "')"));
  }
}
