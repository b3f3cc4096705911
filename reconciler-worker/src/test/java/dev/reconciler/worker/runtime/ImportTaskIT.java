package dev.reconciler.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.imports.ImportFormat;
import dev.reconciler.core.imports.ProcessorImporter;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.task.ImportArgs;
import dev.reconciler.core.testing.WaitBound;
import dev.reconciler.worker.task.TaskEnvelope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The import task through a real Redis and an in-process worker, on files of the generic csv format
 * in its default [import.csv] mapping; the import's own promises on SQLite and PostgreSQL ({@link
 * FlowDatabase}).
 */
@WaitBound
class ImportTaskIT {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  private static final Duration LONG = Duration.ofSeconds(60);

  @TempDir Path dir;
  private static final String HEADER = "id,type,amount,fee,currency,created_at,transaction_id";

  private WorkerHarness harness;

  @AfterEach
  void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  private void start() throws Exception {
    start(FlowDatabase.SQLITE);
  }

  private void start(FlowDatabase database) throws Exception {
    harness =
        new WorkerHarness(
            dir,
            database.env(
                pg,
                Map.of(
                    "RECONCILER_TASKS_IMPORT_MAX_RETRIES", "1",
                    "RECONCILER_TASKS_IMPORT_BACKOFF_BASE_SECONDS", "1",
                    "RECONCILER_TASKS_IMPORT_BACKOFF_MAX_SECONDS", "1")));
    harness.generate(10);
    harness.startWorker();
  }

  private Path export(String name, String... lines) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, HEADER + "\n" + String.join("\n", lines) + "\n");
    return file;
  }

  private String enqueueImport(Path file, String db) {
    return harness.client.send(
        ImportArgs.TASK, new ImportArgs(ImportFormat.CSV, file.toString(), db).toList());
  }

  @ParameterizedTest
  @EnumSource(FlowDatabase.class)
  void anImportRunsOnAWorkerAndRunningItAgainAddsNothing(FlowDatabase database) throws Exception {
    start(database);
    Path file =
        export(
            "payouts.csv",
            payment("imp_1", "TXN-A", "10.00"),
            payment("imp_2", "TXN-B", "20.00"),
            "imp_3,payment,ten,0.59,USD,2026-11-24T10:15:30Z,TXN-C");
    long before = count("1 = 1");

    Map<String, String> first = harness.awaitState(enqueueImport(file, null), "SUCCESS", LONG);
    Map<String, String> again = harness.awaitState(enqueueImport(file, null), "SUCCESS", LONG);

    assertThat(first.get("result"))
        .isEqualTo(
            "csv file payouts.csv: 2 rows imported, 0 already present, 1 rejected;"
                + " rows of day 2026-11-24 in UTC");
    assertThat(again.get("result"))
        .isEqualTo(
            "csv file payouts.csv: 0 rows imported, 2 already present, 1 rejected;"
                + " rows of day 2026-11-24 in UTC");
    assertThat(count("source_file = 'payouts.csv'")).isEqualTo(2);
    assertThat(count("1 = 1")).isEqualTo(before + 2);
    database.assertKeptEverything(harness);
  }

  /**
   * A worker that stopped between an import's commit and its success leaves the task to be
   * redelivered; by then the file may have been moved on (an inbox emptied once imported). That
   * task's import is in, so its redelivery succeeds and says so. Another task naming a file of the
   * same name that is not there (today's download that never arrived, under yesterday's name) is
   * still not found: the rows of an earlier import of that name are not its.
   */
  @ParameterizedTest
  @EnumSource(FlowDatabase.class)
  void aRedeliveredImportWhoseFileWasMovedOnSucceedsWithoutIt(FlowDatabase database)
      throws Exception {
    start(database);
    Path file =
        export(
            "inbox.csv",
            payment("imp_m1", "TXN-M1", "10.00"),
            payment("imp_m2", "TXN-M2", "2"),
            "imp_m3,payment,ten,0.59,USD,2026-11-24T10:15:30Z,TXN-M3");
    List<Object> args = new ImportArgs(ImportFormat.CSV, file.toString(), null).toList();
    TaskEnvelope task = TaskEnvelope.create(ImportArgs.TASK, args, System.currentTimeMillis());
    // What the task's first attempt did before its worker stopped: the import, committed.
    new ProcessorImporter(harness.settings)
        .importFile(ImportFormat.CSV, file, harness.settings.paths().database(), task.taskId());
    Files.move(file, dir.resolve("archived.csv"));

    harness.client.send(task, null, null);
    Map<String, String> again = harness.awaitState(task.taskId(), "SUCCESS", LONG);
    Map<String, String> sameName = harness.awaitState(enqueueImport(file, null), "FAILURE", LONG);

    assertThat(again.get("result"))
        .startsWith("csv file inbox.csv: not there any more, and this task imported it at ")
        .endsWith(" (2 rows added, 1 rejected): imported already by an earlier attempt");
    assertThat(count("source_file = 'inbox.csv'")).isEqualTo(2);
    assertThat(sameName.get("error")).contains("import file not found");
  }

  @ParameterizedTest
  @EnumSource(FlowDatabase.class)
  void anImportThatFailsPartWayIsRetriedAndLeavesNothingBehind(FlowDatabase database)
      throws Exception {
    start(database);
    // A database that fails an insert part-way through the file, as a full disk would.
    if (database == FlowDatabase.SQLITE) {
      sql(
          "CREATE TRIGGER fail_import BEFORE INSERT ON processor_transactions WHEN"
              + " NEW.transaction_id = 'TXN-FAIL' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END");
    } else {
      sql(
          "CREATE FUNCTION fail_import() RETURNS trigger LANGUAGE plpgsql AS"
              + " $$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$");
      sql(
          "CREATE TRIGGER fail_import BEFORE INSERT ON processor_transactions FOR EACH ROW"
              + " WHEN (NEW.transaction_id = 'TXN-FAIL') EXECUTE FUNCTION fail_import()");
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      lines.add(payment("imp_" + i, "TXN-" + i, "10.00"));
    }
    lines.add(payment("imp_fail", "TXN-FAIL", "10.00"));
    Path file = export("crash.csv", lines.toArray(String[]::new));
    long before = count("1 = 1");

    Map<String, String> failed = harness.awaitState(enqueueImport(file, null), "FAILURE", LONG);

    assertThat(failed).containsEntry("attempt", "1");
    assertThat(failed.get("error")).contains("disk on fire");
    assertThat(count("1 = 1")).isEqualTo(before);
    // The generated table is in today's contract: the failed import's migration was undone too
    // (on PostgreSQL it has the line column besides).
    assertThat(query("SELECT count(*) FROM " + columnsOfTable()))
        .isEqualTo(database == FlowDatabase.SQLITE ? "7" : "8");
  }

  @Test
  void aFileOutsideTheAllowedRootsIsRefusedWithoutRetry() throws Exception {
    start();
    Path outside = Files.createTempFile("outside", ".csv");
    try {
      Files.writeString(outside, HEADER + "\n");

      Map<String, String> failed =
          harness.awaitState(enqueueImport(outside, null), "FAILURE", LONG);

      assertThat(failed).containsEntry("attempt", "0");
      assertThat(failed.get("error")).contains("import file").contains("is not allowed");
    } finally {
      Files.delete(outside);
    }
  }

  /**
   * An import whose every row is rejected ended SUCCESS, so nothing showed that the day had no
   * rows: it ends FAILURE at once (another attempt would reject them again), in the failed set with
   * why. A file with one good row among bad ones still succeeds.
   */
  @Test
  void anImportWhoseEveryRowIsRejectedFailsWithoutRetryIntoTheFailedSet() throws Exception {
    start();
    Path bad =
        export(
            "bad.csv",
            "imp_b1,payment,ten,0.59,USD,2026-11-24T10:15:30Z,TXN-B1",
            "imp_b2,payment,10.00,0.59,ZZZ,2026-11-24T10:15:30Z,TXN-B2");
    long failedBefore = harness.failedCount();
    long rowsBefore = count("1 = 1");

    Map<String, String> failed = harness.awaitState(enqueueImport(bad, null), "FAILURE", LONG);

    assertThat(failed).containsEntry("attempt", "0");
    assertThat(failed.get("error"))
        .contains(
            "csv file bad.csv: every row was rejected (2), nothing imported (first: line 2:"
                + " unparseable gross 'ten'");
    assertThat(harness.failedCount()).isEqualTo(failedBefore + 1);
    assertThat(harness.failedRecords()).anyMatch(r -> r.contains("every row was rejected"));
    // Nothing committed: not even the columns an import adds to the generated table.
    assertThat(count("1 = 1")).isEqualTo(rowsBefore);
    assertThat(query("SELECT count(*) FROM " + columnsOfTable())).isEqualTo("7");

    Path mixed =
        export(
            "mixed.csv",
            "imp_b1,payment,ten,0.59,USD,2026-11-24T10:15:30Z,TXN-B1",
            payment("imp_g1", "TXN-G1", "10.00"));
    assertThat(harness.awaitState(enqueueImport(mixed, null), "SUCCESS", LONG).get("result"))
        .isEqualTo(
            "csv file mixed.csv: 1 rows imported, 0 already present, 1 rejected;"
                + " rows of day 2026-11-24 in UTC");
  }

  /** A csv payment row of {@code gross} USD on the harness's day. */
  private static String payment(String key, String txn, String gross) {
    return String.join(",", key, "payment", gross, "0.59", "USD", "2026-11-24T10:15:30Z", txn);
  }

  private void sql(String statement) throws Exception {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }

  /** The configured database: the harness's SQLite file, or [database] url. */
  private Connection connect() throws Exception {
    Settings.Database database = harness.settings.database();
    return database.postgres()
        ? DriverManager.getConnection(database.postgresUrl(), "postgres", "")
        : DriverManager.getConnection("jdbc:sqlite:" + harness.settings.paths().database());
  }

  /** A FROM of the processor table's columns, one row each, in the configured database. */
  private String columnsOfTable() {
    return harness.settings.database().postgres()
        ? "information_schema.columns WHERE table_name = 'processor_transactions'"
        : "pragma_table_info('processor_transactions')";
  }

  /** Rows of the configured database's processor table matching {@code where}. */
  private long count(String where) throws Exception {
    return Long.parseLong(query("SELECT count(*) FROM processor_transactions WHERE " + where));
  }

  private String query(String sql) throws Exception {
    try (Connection c = connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
