package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.runs.SqliteRunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report get and prune through the CLI, with [report] store = database: the workbook comes back
 * from the runs database after the file that the run wrote is gone, as on another host.
 */
class ReportCliIT {
  @TempDir Path dir;
  private Path runs;
  private String config;

  @BeforeEach
  void reconciled() throws Exception {
    runs = dir.resolve("audit/runs.db");
    Path input =
        ProcessCli.contractDatabase(Files.createDirectories(dir.resolve("data")).resolve("in.db"));
    config =
        Files.writeString(
                dir.resolve("config.ini"),
                String.join(
                    "\n",
                    "[paths]",
                    "data_dir = " + dir.resolve("data"),
                    "log_dir = " + dir.resolve("logs"),
                    "database = " + input,
                    "report_dir = " + dir.resolve("reports"),
                    "runs_database = " + runs,
                    "[report]",
                    "store = database",
                    "keep_days = 30",
                    ""))
            .toString();
    CliRunner.Run reconciled =
        CliRunner.run("reconcile", "--config", config, "--date", "2026-11-24");
    assertThat(reconciled.code()).as(reconciled.err()).isZero();
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void getWritesTheStoredWorkbookAfterTheReportFileIsGone() throws Exception {
    Path report = dir.resolve("reports/reconciliation_2026-11-24.xlsx");
    String written = sha256(report);
    Files.delete(report);
    Path out = dir.resolve("copy.xlsx");

    CliRunner.Run got =
        CliRunner.run(
            "report", "get", "--config", config, "--date", "2026-11-24", "--out", out.toString());

    assertThat(got.code()).as(got.err()).isZero();
    assertThat(sha256(out)).isEqualTo(written);
    String runId = SqliteRunStore.inDatabase(runs, 1000).recent(1).get(0).runId();
    assertThat(got.out())
        .startsWith("Wrote the workbook of run " + runId + " (2026-11-24, SUCCESS) to " + out)
        .contains("from the database " + runs);
  }

  @Test
  void refusalsAreOneLineAndExitTwo() throws Exception {
    Path taken = Files.writeString(dir.resolve("taken.xlsx"), "mine");
    CliRunner.Run exists =
        CliRunner.run(
            "report", "get", "--config", config, "--date", "2026-11-24", "--out", taken.toString());
    CliRunner.Run noRun =
        CliRunner.run(
            "report", "get", "--config", config, "--date", "2026-11-23", "--out", "x.xlsx");

    assertThat(exists.code()).isEqualTo(2);
    assertThat(exists.err())
        .isEqualTo("reconciler: error: " + taken + " exists: remove it or choose another --out\n");
    assertThat(Files.readString(taken)).isEqualTo("mine");
    CliRunner.Run noAction = CliRunner.run("report");
    assertThat(noAction.code()).isEqualTo(2);
    assertThat(noAction.err())
        .isEqualTo(
            "reconciler: error: report needs an action: get or prune (see reconciler report"
                + " --help)\n");
    assertThat(noRun.code()).isEqualTo(2);
    assertThat(noRun.err())
        .isEqualTo("reconciler: error: no run of 2026-11-23 is recorded in " + runs + "\n");
  }

  @Test
  void pruneDeletesAnOldRunsWorkbookAndGetThenSaysItWasPruned() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + runs);
        Statement st = c.createStatement()) {
      st.execute("UPDATE reconciliation_runs SET started_at = '2026-01-02T06:00:00Z'");
    }
    Path report = dir.resolve("reports/reconciliation_2026-11-24.xlsx");
    Files.setLastModifiedTime(report, FileTime.from(Instant.parse("2026-01-02T06:01:00Z")));

    CliRunner.Run pruned = CliRunner.run("report", "prune", "--config", config);
    CliRunner.Run got =
        CliRunner.run(
            "report", "get", "--config", config, "--date", "2026-11-24", "--out", "x.xlsx");

    assertThat(pruned.code()).as(pruned.err()).isZero();
    assertThat(pruned.out())
        .isEqualTo("Pruned the workbooks of 1 run(s) older than 30 days ([report] keep_days)\n");
    assertThat(report).doesNotExist();
    assertThat(got.code()).isEqualTo(2);
    assertThat(got.err()).contains("was pruned at ").contains("[report] keep_days = 30");
  }
}
