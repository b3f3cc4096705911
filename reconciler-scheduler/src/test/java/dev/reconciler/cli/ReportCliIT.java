package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.store.InputRowWriter;
import dev.reconciler.it.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * report get and prune through the CLI, with [report] store = database: the workbook comes back
 * from the runs database (SQLite, or PostgreSQL) after the file that the run wrote is gone, as on
 * another host.
 */
class ReportCliIT {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @TempDir Path dir;
  private Path input;
  private Path runs;
  private String config;

  /**
   * A store of this backend whose input has one sale on 2026-11-24, reconciled. On SQLite the runs
   * (and workbooks) go to a runs database of their own; on PostgreSQL, which ignores runs_database,
   * into the one database.
   */
  private void reconciled(Backend backend) throws Exception {
    reconciled(backend, "database");
  }

  private void reconciled(Backend backend, String store) throws Exception {
    runs = dir.resolve("audit/runs.db");
    input = Files.createDirectories(dir.resolve("data")).resolve("in.db");
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
                    "store = " + store,
                    "keep_days = 30",
                    backend.ini(pg)))
            .toString();
    try (InputRowWriter rows = backend.tables(settings(), input)) {
      rows.sale("T-1", "O-1", "C-1", "10.00", "USD", "paid", "2026-11-24T09:00:00Z");
      rows.commit();
    }
    CliRunner.Run reconciled =
        CliRunner.run("reconcile", "--config", config, "--date", "2026-11-24");
    assertThat(reconciled.code()).as(reconciled.err()).isZero();
    backend.assertKeptEverything(runs);
  }

  private Settings settings() {
    return SettingsLoader.load(Path.of(config), Map.of());
  }

  /** Where the runs are kept, as the commands name it: the runs database, or the masked URL. */
  private String store() {
    return RunStores.shown(settings(), input);
  }

  private CliRunner.Run getRun(String runId, Path out) {
    return CliRunner.run(
        "report",
        "get",
        "--config",
        config,
        "--date",
        "2026-11-24",
        "--run",
        runId,
        "--out",
        out.toString());
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void getWritesTheStoredWorkbookAfterTheReportFileIsGone(Backend backend) throws Exception {
    reconciled(backend);
    Path report = dir.resolve("reports/reconciliation_2026-11-24.xlsx");
    String written = sha256(report);
    Files.delete(report);
    Path out = dir.resolve("copy.xlsx");

    CliRunner.Run got =
        CliRunner.run(
            "report", "get", "--config", config, "--date", "2026-11-24", "--out", out.toString());

    assertThat(got.code()).as(got.err()).isZero();
    assertThat(sha256(out)).isEqualTo(written);
    String runId = RunStores.open(settings(), input).recent(1).get(0).runId();
    assertThat(got.out())
        .startsWith("Wrote the workbook of run " + runId + " (2026-11-24, SUCCESS) to " + out)
        .contains("from the database " + store());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void getRefusesAnEarlierRunWhoseReportFileALaterRunOfTheDateRewrote(Backend backend)
      throws Exception {
    reconciled(backend, "files");
    String first = RunStores.open(settings(), input).recent(1).get(0).runId();
    CliRunner.Run again = CliRunner.run("reconcile", "--config", config, "--date", "2026-11-24");
    assertThat(again.code()).as(again.err()).isZero();
    String second = RunStores.open(settings(), input).recent(1).get(0).runId();
    Path report = dir.resolve("reports/reconciliation_2026-11-24.xlsx");
    Path firstOut = dir.resolve("first.xlsx");
    Path secondOut = dir.resolve("second.xlsx");

    CliRunner.Run gotFirst = getRun(first, firstOut);
    CliRunner.Run gotSecond = getRun(second, secondOut);

    assertThat(second).isNotEqualTo(first);
    assertThat(gotFirst.code()).isEqualTo(2);
    assertThat(gotFirst.err())
        .isEqualTo(
            "reconciler: error: the workbook of run "
                + first
                + " is gone: run "
                + second
                + ", a later run of 2026-11-24, wrote its own to the same file "
                + report
                + " (report get --run "
                + second
                + " for that one; [report] store = database keeps every run's)\n");
    assertThat(firstOut).doesNotExist();
    assertThat(gotSecond.code()).as(gotSecond.err()).isZero();
    assertThat(sha256(secondOut)).isEqualTo(sha256(report));
  }

  @Test
  void getFromAMistypedInputDatabaseSaysItIsNotFound() throws Exception {
    String ini =
        Files.writeString(
                dir.resolve("plain.ini"),
                String.join(
                    "\n",
                    "[paths]",
                    "data_dir = " + dir.resolve("data"),
                    "log_dir = " + dir.resolve("logs"),
                    "report_dir = " + dir.resolve("reports")))
            .toString();
    Path typo = dir.resolve("data/reconciler.bd");

    CliRunner.Run got =
        CliRunner.run(
            "report",
            "get",
            "--config",
            ini,
            "--db",
            typo.toString(),
            "--date",
            "2026-11-24",
            "--out",
            dir.resolve("x.xlsx").toString());

    assertThat(got.code()).isEqualTo(2);
    assertThat(got.err())
        .isEqualTo(
            "reconciler: error: database not found: "
                + typo
                + " (run 'reconciler generate' or point --db / [paths] database at your SQLite"
                + " file)\n");
    assertThat(typo).doesNotExist();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void refusalsAreOneLineAndExitTwo(Backend backend) throws Exception {
    reconciled(backend);
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
        .isEqualTo("reconciler: error: no run of 2026-11-23 is recorded in " + store() + "\n");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void pruneDeletesAnOldRunsWorkbookAndGetThenSaysItWasPruned(Backend backend) throws Exception {
    reconciled(backend);
    backend.exec(
        settings(), runs, "UPDATE reconciliation_runs SET started_at = '2026-01-02T06:00:00Z'");
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
