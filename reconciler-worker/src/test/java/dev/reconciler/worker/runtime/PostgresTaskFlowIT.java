package dev.reconciler.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.generate.GroundTruth;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.runs.PgPartStore;
import dev.reconciler.core.runs.PgRunStore;
import dev.reconciler.core.runs.PgWorkbookStore;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.worker.queue.GroupView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sharded worker reconcile with the report store in PostgreSQL too; the flows that run on both
 * databases take a {@link FlowDatabase} as their parameter.
 */
class PostgresTaskFlowIT {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @TempDir Path dir;
  private WorkerHarness harness;

  @AfterEach
  void stop() throws Exception {
    harness.close();
  }

  /**
   * shards = 2: the part tasks store their parts in PostgreSQL and the merge reads them there,
   * records the run and stores its workbook there, and deletes the parts.
   */
  @Test
  void aShardedReconcileKeepsItsPartsRunAndWorkbookInPostgres() throws Exception {
    pg.newDatabase("sharded");
    harness =
        new WorkerHarness(
            dir,
            Map.of(
                "RECONCILER_DATABASE_URL", pg.url("sharded"),
                "RECONCILER_DATABASE_USER", "postgres",
                "RECONCILER_RECONCILIATION_SHARDS", "2",
                "RECONCILER_REPORT_STORE", "database"));
    GroundTruth truth = harness.generate(2000);
    harness.startWorker();

    String taskId =
        harness.client.send(
            ReconcileArgs.TASK, new ReconcileArgs(WorkerHarness.DAY, null, null).toList());
    harness.awaitState(taskId, "SUCCESS", Duration.ofSeconds(60));
    // The merge records the run, then deletes the parts, then succeeds: wait for its SUCCESS, not
    // the run record's, before looking for parts left.
    harness.awaitState(
        GroupView.callbackId(GroupView.fannedOutAs(taskId)), "SUCCESS", Duration.ofSeconds(60));
    String runId = RunIds.forTask(WorkerHarness.DAY, taskId);
    PgRunStore store = new PgRunStore(harness.settings.database());
    assertThat(store.find(runId).status()).isEqualTo("SUCCESS");

    assertThat(store.find(runId).counts()).containsEntry("matched", truth.matched());
    assertThat(new PgWorkbookStore(harness.settings.database()).find(runId).size()).isPositive();
    assertThat(new PgPartStore(harness.settings.database()).parts(runId, 2)).isEmpty();
    assertThat(harness.settings.paths().database()).doesNotExist();
  }
}
