package dev.reconciler.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.imports.ExportParsers;
import dev.reconciler.core.imports.ImportFormat;
import dev.reconciler.core.imports.PipeFormat;
import dev.reconciler.core.task.ImportArgs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import task through a real Redis and an in-process worker. The real parsers are wired in
 * {@link ExportParsers}; until then these tests read "csv" with the test-only {@link PipeFormat}.
 */
class ImportTaskIT {
  private static final Duration LONG = Duration.ofSeconds(60);

  @TempDir Path dir;
  private WorkerHarness harness;
  private ExportParsers.Replacement pipe;

  @BeforeEach
  void setUp() {
    pipe = ExportParsers.replaceForTests(ImportFormat.CSV, s -> new PipeFormat());
  }

  @AfterEach
  void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
    pipe.close();
  }

  private void start() throws Exception {
    harness =
        new WorkerHarness(
            dir,
            Map.of(
                "RECONCILER_TASKS_IMPORT_MAX_RETRIES", "1",
                "RECONCILER_TASKS_IMPORT_BACKOFF_BASE_SECONDS", "1",
                "RECONCILER_TASKS_IMPORT_BACKOFF_MAX_SECONDS", "1"));
    harness.generate(10);
    harness.startWorker();
  }

  private Path export(String name, String... lines) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, PipeFormat.HEADER + "\n" + String.join("\n", lines) + "\n");
    return file;
  }

  private String enqueueImport(Path file, String db) {
    return harness.client.send(
        ImportArgs.TASK, new ImportArgs(ImportFormat.CSV, file.toString(), db).toList());
  }

  @Test
  void anImportRunsOnAWorkerAndRunningItAgainAddsNothing() throws Exception {
    start();
    Path file =
        export(
            "payouts.csv",
            PipeFormat.payment("imp_1", "TXN-A", "10.00"),
            PipeFormat.payment("imp_2", "TXN-B", "20.00"),
            "not|a|row");
    long before = count("1 = 1");

    Map<String, String> first = harness.awaitState(enqueueImport(file, null), "SUCCESS", LONG);
    Map<String, String> again = harness.awaitState(enqueueImport(file, null), "SUCCESS", LONG);

    assertThat(first.get("result"))
        .isEqualTo("csv file payouts.csv: 2 rows imported, 0 already present, 1 rejected");
    assertThat(again.get("result"))
        .isEqualTo("csv file payouts.csv: 0 rows imported, 2 already present, 1 rejected");
    assertThat(count("source_file = 'payouts.csv'")).isEqualTo(2);
    assertThat(count("1 = 1")).isEqualTo(before + 2);
  }

  @Test
  void anImportThatFailsPartWayIsRetriedAndLeavesNothingBehind() throws Exception {
    start();
    Path file = export("crash.csv", PipeFormat.payment("imp_1", "TXN-A", "10.00"), "!crash");
    long before = count("1 = 1");

    Map<String, String> failed = harness.awaitState(enqueueImport(file, null), "FAILURE", LONG);

    assertThat(failed).containsEntry("attempt", "1");
    assertThat(failed.get("error")).contains("parser bug");
    assertThat(count("1 = 1")).isEqualTo(before);
    // The generated table is in today's contract: the failed import's migration was undone too.
    assertThat(query("SELECT count(*) FROM pragma_table_info('processor_transactions')"))
        .isEqualTo("7");
  }

  @Test
  void aFileOutsideTheAllowedRootsIsRefusedWithoutRetry() throws Exception {
    start();
    Path outside = Files.createTempFile("outside", ".csv");
    try {
      Files.writeString(outside, PipeFormat.HEADER + "\n");

      Map<String, String> failed =
          harness.awaitState(enqueueImport(outside, null), "FAILURE", LONG);

      assertThat(failed).containsEntry("attempt", "0");
      assertThat(failed.get("error")).contains("import file").contains("is not allowed");
    } finally {
      Files.delete(outside);
    }
  }

  /** Rows of the configured database's processor table matching {@code where}. */
  private long count(String where) throws Exception {
    return Long.parseLong(query("SELECT count(*) FROM processor_transactions WHERE " + where));
  }

  private String query(String sql) throws Exception {
    Path db = harness.settings.paths().database();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
