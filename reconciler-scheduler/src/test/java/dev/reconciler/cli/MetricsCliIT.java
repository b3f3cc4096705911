package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.it.Backend;
import dev.reconciler.worker.queue.EmbeddedRedis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * reconciler metrics, to stdout and as a node_exporter textfile, against a real Redis and a run
 * store in SQLite or PostgreSQL.
 */
class MetricsCliIT {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  private static final String TWO_WAITING = "reconciler_queue_length{queue=\"reconcile\"} 2.0\n";

  @TempDir Path dir;
  private EmbeddedRedis redis;
  private String config;

  @BeforeEach
  void start() throws IOException {
    redis = EmbeddedRedis.start();
    writeConfig("");
  }

  /** The test's config, with this [database] section ({@link Backend#ini}). */
  private void writeConfig(String store) throws IOException {
    Path ini = dir.resolve("config.ini");
    Files.writeString(
        ini,
        "[redis]\nurl = "
            + redis.url()
            + "\n[paths]\nlog_dir = "
            + dir.resolve("logs")
            + "\ndatabase = "
            + dir.resolve("none.db")
            + "\n"
            + store);
    config = ini.toString();
  }

  @AfterEach
  void stop() {
    redis.stop();
  }

  private CliRunner.Run cli(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--config";
    all[args.length + 1] = config;
    return CliRunner.run(all);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void printsTheExpositionAndWritesTheSameAsATextfileAtomically(Backend backend)
      throws IOException, SQLException {
    writeConfig(backend.ini(pg));
    assertThat(cli("enqueue", "ping").code()).isZero();
    assertThat(cli("enqueue", "ping").code()).isZero();

    CliRunner.Run printed = cli("metrics");
    assertThat(printed.code()).as(printed.err()).isZero();
    assertThat(printed.out())
        .contains("# TYPE reconciler_queue_length gauge\n")
        .contains(TWO_WAITING)
        .contains("reconciler_jobs_failed 0.0\n")
        .contains("reconciler_metrics_problems 0.0\n")
        // No run store yet: no run metrics, rather than made-up ones.
        .doesNotContain("reconciler_last_run_match_ratio ");

    Path prom = dir.resolve("textfile").resolve("reconciler.prom");
    Files.createDirectories(prom.getParent());
    Files.writeString(prom, "stale");
    CliRunner.Run written = cli("metrics", "--textfile", prom.toString());
    assertThat(written.code()).as(written.err()).isZero();
    assertThat(written.out()).isEmpty();
    assertThat(Files.readString(prom)).contains(TWO_WAITING).endsWith("\n");
    try (Stream<Path> files = Files.list(prom.getParent())) {
      assertThat(files).containsExactly(prom);
    }
  }

  // One backend: refused before any store is read.
  @Test
  void aTextfileInAMissingDirectoryIsAUserError() {
    CliRunner.Run r = cli("metrics", "--textfile", dir.resolve("nope/reconciler.prom").toString());
    assertThat(r.code()).isEqualTo(Main.USER_ERROR);
    assertThat(r.err()).contains("no directory");
  }
}
