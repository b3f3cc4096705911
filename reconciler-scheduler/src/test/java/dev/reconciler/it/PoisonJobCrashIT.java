package dev.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reconciler.core.testing.WaitBound;
import dev.reconciler.worker.jobs.TaskCatalog;
import dev.reconciler.worker.queue.FailureRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job that kills its worker JVM (as an out-of-memory kill or a native crash would), with workers
 * restarted after every death as systemd restarts them: past [worker] max_redeliveries (1 here, to
 * keep the test short) it fails for good instead of taking down worker after worker, and the queue
 * goes on.
 */
@WaitBound
class PoisonJobCrashIT {
  private static final String QUEUES = "reconcile,alerts";

  @RegisterExtension final ChildJvms children = new ChildJvms();

  @RegisterExtension
  final QueueWorld world = new QueueWorld(10).with("RECONCILER_WORKER_MAX_REDELIVERIES", "1");

  private final List<ChildJvms.Child> started = new ArrayList<>();

  @Test
  void aTaskThatHaltsItsWorkerFailsAfterTheCapUnderRestartsAndTheNextTasksStillRun()
      throws Exception {
    String poison = world.probe().sendTo("reconcile", TaskCatalog.TEST_HALT);
    String behind = world.probe().send(TaskCatalog.PING, List.of());

    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              restartIfDead();
              return "FAILURE".equals(world.probe().state(poison));
            });

    // Run on the first worker and redelivered once (the cap): two deaths; the third worker fails
    // it unrun and lives on.
    assertThat(started).hasSize(3);
    for (ChildJvms.Child dead : started.subList(0, 2)) {
      assertThat(dead.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(dead.process().exitValue()).as(dead.output()).isEqualTo(137);
    }
    ChildJvms.Child survivor = started.get(2);
    assertThat(survivor.isAlive()).isTrue();
    String error = "its worker died 2 times while running it";
    assertThat(world.probe().task(poison))
        .containsEntry("error", error)
        .containsEntry("redeliveries", "2")
        .containsEntry("worker", world.probe().workerOf(survivor).orElseThrow());
    assertThat(world.probe().failed()).singleElement().satisfies(r -> failedWith(r, poison, error));
    assertThat(cli("failed", "list")).contains(poison).contains(error);
    assertThat(cli("status", poison))
        .containsPattern("(?m)^state +FAILURE$")
        .containsPattern("(?m)^deliveries +3$")
        .containsPattern("(?m)^redeliveries +2$")
        .containsPattern("(?m)^error +" + error + "$");

    String after = world.probe().send(TaskCatalog.PING, List.of());
    await().atMost(Duration.ofSeconds(20)).until(() -> succeeded(behind) && succeeded(after));
    assertThat(survivor.isAlive()).isTrue();
    assertThat(world.probe().nonEmptyInflightLists()).isEmpty();
  }

  /** What systemd does for a worker unit with Restart=always: a dead worker is started again. */
  private void restartIfDead() {
    if (!started.isEmpty() && started.get(started.size() - 1).isAlive()) {
      return;
    }
    try {
      started.add(
          children.startWithJvmOptions(
              List.of("-Xmx256m", "-D" + TaskCatalog.HALT_TASK_PROPERTY + "=true"),
              "worker-" + (started.size() + 1),
              world.ws().root(),
              world.ws().tmp(),
              world.env(),
              "worker",
              "-Q",
              QUEUES,
              "-c",
              "1"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void failedWith(String record, String taskId, String error) {
    FailureRecord f = FailureRecord.read(record);
    assertThat(f.taskId()).isEqualTo(taskId);
    assertThat(f.taskName()).isEqualTo(TaskCatalog.TEST_HALT);
    assertThat(f.error()).isEqualTo(error);
  }

  /** What an operator sees with {@code reconciler <args>}. */
  private String cli(String... args) throws Exception {
    ChildJvms.Child run =
        children.start(args[0], world.ws().root(), world.ws().tmp(), world.env(), args);
    assertThat(run.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(run.process().exitValue()).as(run.output()).isZero();
    return run.stdoutText();
  }

  private boolean succeeded(String taskId) {
    return "SUCCESS".equals(world.probe().state(taskId));
  }
}
