package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.GenerationSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A day too large for the process's heap: one line that says so and how to give it more, exit 2,
 * the run recorded as failed and no report, instead of an OutOfMemoryError's stack trace (and,
 * under a worker, retries that run out of memory the same way: a UserError is not retried).
 */
class BigDayCliIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  private static final String HEAP = "48m";

  @TempDir Path dir;

  @Test
  void aDayTheEstimateSaysCannotFitIsRefusedBeforeItLoadsWithOneLine() throws Exception {
    Path db = dir.resolve("big.db");
    // 300,000 transactions: about 600,000 rows in all, some 57 MB by the estimate.
    new DataGenerator(Progress.NONE)
        .generate(GenerationSpec.of(DAY, 300_000, 1), db, dir.resolve("big.truth.json"));

    ProcessCli.Result r = reconcile(db);

    assertThat(r.code()).as(r.err()).isEqualTo(Main.USER_ERROR);
    assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    assertThat(r.err())
        .startsWith("reconciler: error: not enough memory to reconcile 2026-11-24 of " + db)
        .containsPattern(": [0-9,]+ sales rows and [0-9,]+ processor rows need about [0-9,]+ MB")
        .contains("left of its 48 MB")
        .containsPattern("RECONCILER_HEAP=[0-9]+g or more")
        .doesNotContain("ran out")
        .doesNotContain("Exception")
        .doesNotContain("OutOfMemoryError");
    assertNoReportAndARecordedFailure(db);
  }

  /** With shards = auto the same day runs in the parts the estimate says fit, instead. */
  @Test
  void withShardsAutoADayThatCannotFitWholeRunsInParts() throws Exception {
    Path db = dir.resolve("big.db");
    new DataGenerator(Progress.NONE)
        .generate(GenerationSpec.of(DAY, 300_000, 1), db, dir.resolve("big.truth.json"));

    ProcessCli.Result r = reconcile(db, "[reconciliation]\nshards = auto\n");

    assertThat(r.code()).as(r.err()).isZero();
    try (var reports = Files.list(dir.resolve("out"))) {
      assertThat(reports).hasSize(1);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        ResultSet rs = c.createStatement().executeQuery("SELECT status FROM reconciliation_runs")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("SUCCESS");
    }
  }

  @Test
  void aDayThatRunsOutOfHeapDespiteTheEstimateStillFailsWithOneLine() throws Exception {
    // Few rows, as the estimate counts them, but each id a kilobyte long: 80 MB of ids in all.
    Path db = ProcessCli.contractDatabase(dir.resolve("long-ids.db"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      String rows =
          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000) ";
      String id = "hex(zeroblob(500)) || '-' || i";
      st.execute(
          rows
              + "INSERT INTO sales SELECT "
              + id
              + ", 'O', 'C', '10.00', 'USD', 'paid', '2026-11-24T09:00:00Z' FROM n");
      st.execute(
          rows
              + "INSERT INTO processor_transactions SELECT 'P', "
              + id
              + ", '10.00', 'USD', '0.30', 'settled', '2026-11-24T09:00:05Z' FROM n");
    }

    ProcessCli.Result r = reconcile(db);

    assertThat(r.code()).as(r.err()).isEqualTo(Main.USER_ERROR);
    assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    assertThat(r.err())
        .startsWith("reconciler: error: not enough memory to reconcile 2026-11-24")
        .contains("ran out of this process's 48 MB of heap")
        .contains("RECONCILER_HEAP=")
        .doesNotContain("Exception")
        .doesNotContain("OutOfMemoryError");
    assertNoReportAndARecordedFailure(db);
  }

  private ProcessCli.Result reconcile(Path db) throws Exception {
    return reconcile(db, "");
  }

  private ProcessCli.Result reconcile(Path db, String moreConfig) throws Exception {
    ProcessCli cli = new ProcessCli(dir);
    Path ini = Files.writeString(dir.resolve("config.ini"), "[logging]\nfile =\n" + moreConfig);
    Files.createDirectories(dir.resolve("out"));
    return cli.asThisUserWithHeap(
        HEAP,
        "reconcile",
        "--config",
        ini.toString(),
        "--db",
        db.toString(),
        "--date",
        DAY.toString(),
        "--out",
        dir.resolve("out").toString());
  }

  private void assertNoReportAndARecordedFailure(Path db) throws Exception {
    try (var reports = Files.list(dir.resolve("out"))) {
      assertThat(reports).isEmpty();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        ResultSet rs =
            c.createStatement().executeQuery("SELECT status, error FROM reconciliation_runs")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("FAILURE");
      assertThat(rs.getString(2)).contains("not enough memory");
      assertThat(rs.next()).isFalse();
    }
  }
}
