package dev.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reconciler.core.config.SameDaySettings;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.ledger.LedgerStore;
import dev.reconciler.core.ledger.Ledgers;
import dev.reconciler.core.ledger.OpenItem;
import dev.reconciler.core.reconcile.ReconcileRequest;
import dev.reconciler.core.reconcile.ReconcileService;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.reconcile.RunOutcome;
import dev.reconciler.core.reconcile.SameWorkbook;
import dev.reconciler.core.runs.RunCounts;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.worker.jobs.RunOrder;
import dev.reconciler.worker.queue.ChainView;
import dev.reconciler.worker.queue.EmbeddedRedis;
import dev.reconciler.worker.queue.QueueInspector;
import dev.reconciler.worker.queue.RedisConnector;
import dev.reconciler.worker.queue.TaskQueue;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three hosts as three worker JVMs, each with its own working, data, report and temp directories,
 * sharing one PostgreSQL and one Redis. A backfill of three days, each day sharded in three parts,
 * runs on whichever worker takes each task; the runs, the ledger and the workbooks end up in
 * PostgreSQL as one process running the days in order on a SQLite file leaves them, and a fourth
 * process, on none of the three hosts' directories, fetches a workbook with {@code report get}.
 */
class ThreeHostsIT {
  private static final LocalDate FIRST = LocalDate.of(2026, 11, 22);
  private static final int DAYS = 3;
  private static final int TRANSACTIONS = 400;
  private static final Duration LONG = Duration.ofSeconds(150);

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @RegisterExtension final ChildJvms children = new ChildJvms();

  @TempDir Path dir;

  private EmbeddedRedis redis;

  @BeforeEach
  void startRedis() {
    redis = EmbeddedRedis.start();
  }

  @AfterEach
  void stopRedis() {
    redis.stop();
  }

  /** A host's settings: its own directories, the shared PostgreSQL and Redis. */
  private Map<String, String> host(String name) {
    Map<String, String> env =
        new LinkedHashMap<>(new Workspace(dir.resolve(name)).env(redis.url(), 5));
    env.put(SameDaySettings.WINDOW, "2");
    env.put("RECONCILER_DATABASE_URL", pg.url("hosts"));
    env.put("RECONCILER_DATABASE_USER", "postgres");
    env.put("RECONCILER_REPORT_STORE", "database");
    env.put("RECONCILER_RECONCILIATION_SHARDS", "3");
    return env;
  }

  @Test
  void aBackfillRunAcrossThreeHostsLeavesOneHistoryAnyHostCanRead() throws Exception {
    pg.newDatabase("hosts");
    Map<String, String> operator = host("operator");
    Settings shared = SettingsLoader.load(null, operator);
    generate(shared, shared.paths().database());

    // The same days in one process, on a SQLite file: what the three hosts must agree with.
    Map<String, String> alone =
        new LinkedHashMap<>(new Workspace(dir.resolve("alone")).env(redis.url(), 5));
    alone.put(SameDaySettings.WINDOW, "2");
    Settings single = SettingsLoader.load(null, alone);
    generate(single, single.paths().database());

    for (String name : List.of("host-a", "host-b", "host-c")) {
      Map<String, String> env = host(name);
      Workspace ws = new Workspace(dir.resolve(name));
      children.worker(name, ws, env, "reconcile,alerts");
    }
    ChildJvms.Child enqueue =
        children.start(
            "enqueue",
            dir.resolve("operator"),
            dir.resolve("operator/tmp"),
            operator,
            "enqueue",
            "reconcile",
            "--from",
            FIRST.toString(),
            "--to",
            FIRST.plusDays(DAYS - 1L).toString());
    assertThat(enqueue.process().waitFor()).as(enqueue.output()).isZero();
    String chainId = enqueue.stdoutText().strip();

    try (RedisConnector connector = new RedisConnector(redis.url(), 2_000, 2)) {
      TaskQueue queue =
          new TaskQueue(
              connector,
              shared.redis().namespace(),
              shared.worker().resultExpiry(),
              Clock.systemUTC());
      await()
          .atMost(LONG)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> "DONE".equals(new QueueInspector(queue).chain(chainId).state()));
      assertThat(new QueueInspector(queue).chain(chainId).links())
          .extracting(ChainView.Link::date)
          .containsExactly(FIRST, FIRST.plusDays(1), FIRST.plusDays(2));
    }

    // Each day's workbook is fetched by a process that shares no directory with the hosts that
    // wrote it. The three only read, so they start side by side, while this JVM works out what
    // they must find.
    Map<LocalDate, ChildJvms.Child> gets = new LinkedHashMap<>();
    for (int i = 0; i < DAYS; i++) {
      LocalDate day = FIRST.plusDays(i);
      gets.put(
          day,
          children.start(
              "report-get-" + day,
              dir.resolve("fourth"),
              dir.resolve("fourth/tmp"),
              host("fourth"),
              "report",
              "get",
              "--date",
              day.toString(),
              "--out",
              fetched(day).toString()));
    }

    ReconcileService service = new ReconcileService(single, Clock.systemUTC(), Progress.NONE);
    List<RunRecord> recorded = RunStores.open(shared, shared.paths().database()).recent(10);
    assertThat(recorded).as("one run per date, in the one database").hasSize(DAYS);
    for (int i = 0; i < DAYS; i++) {
      LocalDate day = FIRST.plusDays(i);
      String taskId = i == 0 ? chainId : RunOrder.linkTaskId(chainId, day);
      String runId = RunIds.forTask(day, taskId);
      RunRecord run = RunStores.open(shared, shared.paths().database()).find(runId);
      assertThat(run.status()).as("run of %s", day).isEqualTo("SUCCESS");

      RunOutcome expected =
          service.run(
              new ReconcileRequest(
                  day, runId, single.paths().database(), dir.resolve("alone/out")));
      assertThat(run.counts()).as("counts of %s", day).isEqualTo(RunCounts.of(expected.result()));

      ChildJvms.Child get = gets.get(day);
      assertThat(get.process().waitFor()).as(get.output()).isZero();
      SameWorkbook.assertSame(
          "workbook of " + day + " from the database", expected.report(), fetched(day));
    }

    assertThat(openItems(shared)).as("the ledger after the last run").isEqualTo(openItems(single));
    assertThat(openItems(shared)).isNotEmpty();
    for (String name : List.of("host-a", "host-b", "host-c")) {
      assertThat(Workspace.list(dir.resolve(name).resolve("input")))
          .as("%s keeps no database of its own", name)
          .isEmpty();
    }
  }

  /** Where the fourth process puts the workbook of {@code day} it fetched. */
  private Path fetched(LocalDate day) {
    return dir.resolve("fetched-" + day + ".xlsx");
  }

  private static void generate(Settings settings, Path target) throws Exception {
    Files.createDirectories(target.getParent());
    GenerationSpec day =
        new GenerationSpec(
            FIRST,
            TRANSACTIONS,
            11,
            ZoneId.of("UTC"),
            new BigDecimal("0.01"),
            GenerationSpec.Rates.defaults());
    GenerationSpec spec =
        day.withDays(
            new GenerationSpec.Days(
                DAYS,
                settings.reconciliation().settlementWindowDays(),
                GenerationSpec.LateRates.defaults()));
    DataGenerator.writingTo(settings.database(), Progress.NONE)
        .generateDays(spec, target, target.resolveSibling("truth.json"));
  }

  /** What an accountant sees of each open item; its row's line is the store's own numbering. */
  private static List<String> openItems(Settings settings) {
    List<String> shown = new ArrayList<>();
    try (LedgerStore ledger =
        Ledgers.open(settings, settings.paths().database(), Clock.systemUTC())) {
      for (OpenItem item : ledger.openNow()) {
        shown.add(
            item.source()
                + " "
                + item.transactionId()
                + " "
                + item.status()
                + " "
                + item.openedOn()
                + " "
                + item.missingSince()
                + " "
                + item.row().amount()
                + " "
                + item.row().currency());
      }
    }
    shown.sort(null);
    return shown;
  }
}
