package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.store.PgSchema;
import dev.reconciler.it.Backend;
import dev.reconciler.worker.queue.EmbeddedRedis;
import dev.reconciler.worker.queue.RedisConnector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * inspect on a malformed run table (in SQLite and in PostgreSQL), and enqueue with paths a worker
 * would refuse.
 */
class UntrustedPathsAndRunsCliIT {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @TempDir Path dir;
  @TempDir Path elsewhere;
  private EmbeddedRedis redis;
  private String config;

  @BeforeEach
  void start() throws IOException {
    redis = EmbeddedRedis.start();
    writeConfig("");
  }

  /** The test's config, with this [database] section ({@link Backend#ini}). */
  private void writeConfig(String store) throws IOException {
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
                    "database = " + dir.resolve("data/in.db"),
                    "report_dir = " + dir.resolve("reports"),
                    "allowed_roots = " + elsewhere.resolve("ok"),
                    store))
            .toString();
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

  private long waiting() {
    try (RedisConnector connector = new RedisConnector(redis.url(), 5000, 1)) {
      return connector.with(j -> j.llen("resque:queue:reconcile"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void inspectShowsEveryRunAndMarksTheMalformedOne(Backend backend) throws Exception {
    Map<String, String> env = backend.env(pg);
    writeConfig(Backend.ini(env));
    Settings settings = SettingsLoader.load(null, env);
    Path db = Files.createDirectories(dir.resolve("data")).resolve("in.db");
    if (backend == Backend.SQLITE) {
      // A table of an older version or of someone else: only some of the columns.
      backend.exec(
          settings,
          db,
          "CREATE TABLE reconciliation_runs (run_id TEXT PRIMARY KEY, business_date TEXT NOT NULL,"
              + " started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL, report_path"
              + " TEXT, error TEXT, amounts TEXT, match_rate TEXT, matched INTEGER)");
    } else {
      // PostgreSQL's tables are only ever made by its migrations.
      PgSchema.migrate(settings.database());
    }
    String insert =
        "INSERT INTO reconciliation_runs (run_id, business_date, started_at, finished_at, status,"
            + " report_path, error, amounts, match_rate, matched) VALUES ";
    backend.exec(
        settings,
        db,
        insert
            + "('run-2026-11-24-good', '2026-11-24', '2026-11-25T06:00:00Z',"
            + " '2026-11-25T06:01:00Z', 'SUCCESS', '/r/x.xlsx', NULL, '{}', '99.5', 10)");
    // The error's line break is in the SQL text itself: char(10) is SQLite's, chr(10) PostgreSQL's.
    backend.exec(
        settings,
        db,
        insert
            + "('run-2026-11-23-bad', '2026-11-23', 'garbage', NULL, 'FAILURE', NULL,"
            + " 'line 1\nFORGED line', NULL, NULL, NULL)");

    CliRunner.Run r = cli("inspect");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("run-2026-11-24-good  SUCCESS  /r/x.xlsx")
        .contains("run-2026-11-23-bad  FAILURE  line 1\\nFORGED line")
        .contains("run run-2026-11-23-bad: unreadable started_at 'garbage'")
        .doesNotContain("\nFORGED");
  }

  // SQLite only: the runs' database file is not a SQLite file.
  @Test
  void inspectSaysTheRunsCannotBeReadWhenTheDatabaseIsNoSqliteFile() throws Exception {
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(dir.resolve("data/in.db"), "id,amount\n".repeat(100));

    CliRunner.Run r = cli("inspect");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Queues:").contains("cannot read them:");
  }

  // SQLite only: --db names a SQLite file, refused on PostgreSQL (PostgresCliIT).
  @Test
  void enqueueRefusesADatabaseOutsideTheAllowedRootsBeforeEnqueueing() {
    CliRunner.Run r = cli("enqueue", "reconcile", "--db", elsewhere.resolve("x.db").toString());

    assertThat(r.code()).isEqualTo(Main.USER_ERROR);
    assertThat(r.err().strip())
        .startsWith("reconciler: error: database '" + elsewhere.resolve("x.db"))
        .contains("allowed_roots " + elsewhere.resolve("ok"))
        .doesNotContain("\n");
    assertThat(waiting()).isZero();
  }

  @Test
  void enqueueRefusesAReportDirOutsideTheAllowedRoots() {
    CliRunner.Run r = cli("enqueue", "reconcile", "--out", elsewhere.toString());

    assertThat(r.code()).isEqualTo(Main.USER_ERROR);
    assertThat(r.err()).contains("report dir '" + elsewhere + "'");
    assertThat(waiting()).isZero();
  }

  @Test
  void enqueueAcceptsPathsUnderAnAllowedRootOrDataDir() {
    assertThat(
            cli("enqueue", "reconcile", "--date", "2026-11-24", "--db", elsewhere + "/ok/q.db")
                .code())
        .isZero();
    assertThat(cli("enqueue", "reconcile", "--out", dir + "/data/../data/rerun").code()).isZero();
    assertThat(waiting()).isEqualTo(2);
  }
}
