package dev.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.core.testing.WaitBound;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A worker whose heap cannot hold the day it is given fails the task once, with the estimate's one
 * line: no retries (each would be refused the same way) and no report, reading SQLite or
 * PostgreSQL.
 */
@WaitBound
class BigDayWorkerIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  /**
   * About 600,000 rows in all: some 57 MB by the estimate, in a 64 MB heap. The day BigDayCliIT
   * refuses in 48 MB, generated once per backend in the run (seconds each time); each case
   * reconciles its own copy.
   */
  static final DayTemplate big = new DayTemplate(pg, GenerationSpec.of(DAY, 300_000, 1));

  @RegisterExtension final ChildJvms children = new ChildJvms();
  @RegisterExtension final QueueWorld world = new QueueWorld(10);

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void aDayTooBigForTheWorkersHeapFailsOnceWithTheEstimateAndIsNotRetried(Backend backend)
      throws Exception {
    world.keepCopyIn(backend, big);
    ChildJvms.Child worker =
        children.workerWithHeap("-Xmx64m", "worker", world.ws(), world.env(), ReconcileArgs.TASK);
    world.probe().awaitWorkerOf(worker);

    String taskId = world.sendReconcile(DAY);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "FAILURE".equals(world.probe().state(taskId)));
    Map<String, String> task = world.probe().task(taskId);
    assertThat(task).containsEntry("attempt", "0");
    assertThat(task.get("error"))
        .contains("not enough memory to reconcile 2026-11-24")
        .contains("processor rows need about")
        .contains("RECONCILER_HEAP=");
    assertThat(world.probe().failed()).hasSize(1);
    assertThat(world.probe().queueLength(ReconcileArgs.TASK)).isZero();
    assertThat(Workspace.list(world.ws().reports())).isEmpty();
    assertThat(worker.isAlive()).as("the worker lives on").isTrue();
  }
}
