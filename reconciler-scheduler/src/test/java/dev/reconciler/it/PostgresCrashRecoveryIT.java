package dev.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.generate.GroundTruth;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.RunWorkbooks;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.store.PgSchema;
import dev.reconciler.core.store.Postgres;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.core.testing.WaitBound;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker JVM SIGKILLed while its run holds the ledger's advisory lock in PostgreSQL: the server
 * ends the dead session and its lock with it, another worker reaps the task, takes the lock and
 * records the run once, and no lock is left behind. One killed while it stores the workbook leaves
 * it to the redelivery.
 */
@WaitBound
class PostgresCrashRecoveryIT {
  private static final LocalDate DAY = LocalDate.of(2026, 1, 15);

  /** Enough rows that a cold worker JVM holds the lock for seconds. */
  private static final int TRANSACTIONS = 200_000;

  /** PgLedgerLock's first key for a run's lock ("LGDR"), as pg_locks shows it (classid). */
  private static final long RUN_LOCK_CLASS = 0x4c474452L;

  private static final String QUEUES = "reconcile,alerts";

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  /**
   * The day of the lock's run, generated once in the run (RevokeIT and the other crash ITs run it);
   * the case gets a copy.
   */
  static final DayTemplate day = new DayTemplate(pg, Workspace.spec(DAY, TRANSACTIONS));

  @RegisterExtension final ChildJvms children = new ChildJvms();

  @RegisterExtension final QueueWorld world = new QueueWorld(60);

  @Test
  void aRunKilledWhileHoldingTheLedgerLockIsRunAgainElsewhereOnce() throws Exception {
    GroundTruth truth = world.keepCopyIn(Backend.POSTGRES, day);

    ChildJvms.Child a = children.worker("worker-a", world.ws(), world.env(), QUEUES);
    String workerA = world.probe().awaitWorkerOf(a);
    String taskId =
        world.probe().send(ReconcileArgs.TASK, new ReconcileArgs(DAY, null, null).toList());
    world.probe().awaitRunning(taskId, workerA, "reconcile", Duration.ofSeconds(60));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> runLocks() == 1);
    a.kill();
    await()
        .atMost(Duration.ofSeconds(20))
        .alias("the server ends the killed worker's session and its lock")
        .until(() -> runLocks() == 0);

    ChildJvms.Child b = children.worker("worker-b", world.ws(), world.env(), QUEUES);
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "SUCCESS".equals(world.probe().state(taskId)));

    assertThat(b.output()).contains("Reaped dead worker " + workerA + ": 1 job(s) back");
    assertThat(world.probe().task(taskId))
        .containsEntry("deliveries", "2")
        .containsEntry("redeliveries", "1");
    List<RunRecord> runs =
        world.runs().recent(100).stream().filter(r -> r.businessDate().equals(DAY)).toList();
    assertThat(runs).extracting(RunRecord::runId).containsExactly(RunIds.forTask(DAY, taskId));
    assertThat(runs.get(0).status()).isEqualTo("SUCCESS");
    assertThat(runs.get(0).counts()).containsEntry("matched", truth.matched());
    assertThat(runs.get(0).counts().get("sales_rows")).isEqualTo(truth.salesRows());
    assertThat(runLocks()).isZero();
    Backend.POSTGRES.assertKeptEverything(world.ws().database());
  }

  /**
   * A worker JVM SIGKILLed while it stores a run's workbook ([report] store = database, held up by
   * a lock on the table): a run recorded SUCCESS by then would have its redelivery skip it, and the
   * workbook no other host has would never be stored. The redelivery stores it.
   */
  @Test
  void aWorkerKilledWhileItStoresTheWorkbookLeavesTheRedeliveryToStoreIt() throws Exception {
    world.env().put("RECONCILER_REPORT_STORE", "database");
    Settings settings = world.keepIn(Backend.POSTGRES, pg);
    world.generate(DAY, 2_000);
    PgSchema.migrate(settings.database());

    ChildJvms.Child a = children.worker("worker-a", world.ws(), world.env(), QUEUES);
    world.probe().awaitWorkerOf(a);
    String taskId;
    try (Connection holder = Postgres.connect(settings.database());
        Statement st = holder.createStatement()) {
      holder.setAutoCommit(false);
      st.execute("LOCK TABLE run_workbooks IN ACCESS EXCLUSIVE MODE");
      taskId = world.probe().send(ReconcileArgs.TASK, new ReconcileArgs(DAY, null, null).toList());
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .alias("worker-a waits to store the workbook")
          .until(() -> workbookWaiters() == 1);
      a.kill();
      holder.rollback();
    }

    children.worker("worker-b", world.ws(), world.env(), QUEUES);
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "SUCCESS".equals(world.probe().state(taskId)));

    assertThat(world.probe().task(taskId)).containsEntry("redeliveries", "1");
    String runId = RunIds.forTask(DAY, taskId);
    assertThat(world.runs().find(runId).status()).isEqualTo("SUCCESS");
    assertThat(RunWorkbooks.open(settings, world.ws().database(), Clock.systemUTC()).stored(runId))
        .as("the run's workbook, stored for every host")
        .isNotNull();
  }

  /** Sessions waiting for a lock on the stored workbooks' table. */
  private long workbookWaiters() throws Exception {
    return Backend.POSTGRES.count(
        world.settings(),
        world.ws().database(),
        "SELECT count(*) FROM pg_locks WHERE relation = 'run_workbooks'::regclass AND NOT granted"
            + " AND "
            + EmbeddedPg.LOCKS_OF_THIS_DATABASE);
  }

  /** Run locks on this case's ledger granted now, across every session of the server. */
  private long runLocks() throws Exception {
    return Backend.POSTGRES.count(
        world.settings(),
        world.ws().database(),
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
            + " AND objsubid = 2 AND classid = "
            + RUN_LOCK_CLASS
            + " AND "
            + EmbeddedPg.LOCKS_OF_THIS_DATABASE);
  }
}
