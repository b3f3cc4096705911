package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.runs.SqliteRunStore;
import dev.reconciler.worker.queue.EmbeddedRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reconcile and inspect with [paths] runs_database: both use that file, not the input. */
class RunsDatabaseCliIT {
  @TempDir Path dir;
  private EmbeddedRedis redis;
  private Path runs;
  private Path input;
  private String config;

  @BeforeEach
  void start() throws Exception {
    redis = EmbeddedRedis.start();
    runs = dir.resolve("audit/runs.db");
    input =
        ProcessCli.contractDatabase(Files.createDirectories(dir.resolve("data")).resolve("in.db"));
    config =
        Files.writeString(
                dir.resolve("config.ini"),
                String.join(
                    "\n",
                    "[redis]",
                    "url = " + redis.url(),
                    "[paths]",
                    "data_dir = " + dir.resolve("data"),
                    "log_dir = " + dir.resolve("logs"),
                    "database = " + input,
                    "report_dir = " + dir.resolve("reports"),
                    "runs_database = " + runs,
                    ""))
            .toString();
  }

  @AfterEach
  void stop() {
    redis.stop();
  }

  @Test
  void reconcileRecordsItsRunThereAndInspectListsItFromThere() {
    CliRunner.Run reconciled =
        CliRunner.run("reconcile", "--config", config, "--date", "2026-11-24");
    assertThat(reconciled.code()).as(reconciled.err()).isZero();

    CliRunner.Run inspected = CliRunner.run("inspect", "--config", config);

    assertThat(inspected.code()).as(inspected.err()).isZero();
    String runId = SqliteRunStore.inDatabase(runs, 1000).recent(1).get(0).runId();
    assertThat(inspected.out())
        .contains("Last runs (" + runs + "):")
        .contains("2026-11-24  " + runId + "  SUCCESS");
    assertThat(SqliteRunStore.inDatabase(input, 1000).recent(5)).isEmpty();
  }
}
