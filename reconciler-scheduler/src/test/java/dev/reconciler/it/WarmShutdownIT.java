package dev.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.testing.WaitBound;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SIGTERM during a job: the worker finishes it, records its run (in SQLite or PostgreSQL),
 * unregisters and exits 0 within its grace.
 */
@WaitBound
class WarmShutdownIT {
  private static final LocalDate DAY = LocalDate.of(2026, 1, 16);

  /** A couple of seconds of reconcile in a cold worker JVM. */
  private static final int TRANSACTIONS = 120_000;

  private static final int GRACE_SECONDS = 30;

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @RegisterExtension final ChildJvms children = new ChildJvms();

  @RegisterExtension final QueueWorld world = new QueueWorld(GRACE_SECONDS);

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void sigtermLetsTheRunningReconcileFinishThenExitsZero(Backend backend) throws Exception {
    world.keepIn(backend, pg);
    world.generate(DAY, TRANSACTIONS);
    ChildJvms.Child worker = children.worker("worker", world.ws(), world.env(), "reconcile,alerts");
    String name =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> world.probe().workerOf(worker), o -> o.isPresent())
            .get();
    String taskId = world.sendReconcile(DAY);
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> "STARTED".equals(world.probe().state(taskId)));

    worker.terminate();
    // Signalled mid-run: had the job already finished, this would be SUCCESS.
    assertThat(world.probe().state(taskId)).isEqualTo("STARTED");
    assertThat(worker.process().waitFor(GRACE_SECONDS, TimeUnit.SECONDS))
        .as("exited within the grace")
        .isTrue();
    assertThat(worker.process().exitValue()).isZero();

    assertThat(world.probe().task(taskId))
        .containsEntry("state", "SUCCESS")
        .containsEntry("worker", name);
    Settings settings = world.settings();
    assertThat(world.ws().reports().resolve(settings.report().fileName(DAY))).isRegularFile();
    assertThat(Workspace.list(world.ws().reports())).hasSize(1);
    assertThat(world.runs().find(RunIds.forTask(DAY, taskId)).status()).isEqualTo("SUCCESS");
    backend.assertKeptEverything(world.ws().database());
    assertThat(worker.output())
        .contains("Warm shutdown: finishing the current job(s)")
        .doesNotContain("interrupted");
    assertThat(world.probe().workers()).doesNotContain(name);
    assertThat(world.probe().nonEmptyInflightLists()).isEmpty();
  }
}
