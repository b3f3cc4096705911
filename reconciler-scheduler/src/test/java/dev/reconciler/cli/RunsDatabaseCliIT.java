package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.runs.SqliteRunStore;
import dev.reconciler.core.store.InputSchema;
import dev.reconciler.core.store.SqlitePartIndex;
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

  /**
   * A run in parts does not index an input it may not write; 'index-parts' does, for the configured
   * count, once; the run through the indexes finds what it found without them.
   */
  @Test
  void aRunInPartsLeavesTheInputAsItIsAndIndexPartsIndexesIt() throws Exception {
    String sharded =
        Files.writeString(
                dir.resolve("sharded.ini"),
                Files.readString(Path.of(config)) + "[reconciliation]\nshards = 3\n")
            .toString();
    byte[] before = Files.readAllBytes(input);
    CliRunner.Run scanned = CliRunner.run("reconcile", "--config", sharded, "--date", "2026-11-24");
    assertThat(scanned.code()).as(scanned.err()).isZero();
    assertThat(Files.readAllBytes(input)).isEqualTo(before);

    CliRunner.Run refused = CliRunner.run("index-parts", "--config", config);
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("index-parts needs --shards N, 2 to 256");

    CliRunner.Run indexed = CliRunner.run("index-parts", "--config", sharded);
    assertThat(indexed.code()).as(indexed.err()).isZero();
    assertThat(indexed.out())
        .contains("Indexed sales and processor_transactions in " + input)
        .contains("for days read in 3 parts in ");
    CliRunner.Run again = CliRunner.run("index-parts", "--config", sharded);
    assertThat(again.out()).contains("Already indexed: sales and processor_transactions");
    assertThat(
            SqlitePartIndex.in(
                input, new InputSchema("sales", "processor_transactions", "transaction_id"), 1000))
        .containsExactly("processor_transactions_part_of_3", "sales_part_of_3");

    CliRunner.Run seeking = CliRunner.run("reconcile", "--config", sharded, "--date", "2026-11-24");
    assertThat(seeking.code()).as(seeking.err()).isZero();
    assertThat(summary(seeking.out())).isEqualTo(summary(scanned.out())).contains("matched");
  }

  /** The counts a reconcile prints, without its run id, times and report path. */
  private static String summary(String out) {
    return out.lines()
        .filter(l -> l.matches("\\s+[a-z].*\\s[0-9][0-9,]*(\\s.*)?"))
        .reduce("", (a, b) -> a + b + "\n");
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
