package dev.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.worker.queue.EmbeddedRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM during a job: the worker finishes it, unregisters and exits 0 within its grace. */
class WarmShutdownIT {
  private static final LocalDate DAY = LocalDate.of(2026, 1, 16);

  /** A couple of seconds of reconcile in a cold worker JVM. */
  private static final int TRANSACTIONS = 120_000;

  private static final int GRACE_SECONDS = 30;

  @RegisterExtension final ChildJvms children = new ChildJvms();

  @TempDir Path dir;

  private EmbeddedRedis redis;
  private QueueProbe probe;
  private Workspace ws;
  private Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    ws = new Workspace(dir);
    ws.generate(DAY, TRANSACTIONS);
    redis = EmbeddedRedis.start();
    env = ws.env(redis.url(), GRACE_SECONDS);
    probe = new QueueProbe(redis.url(), ws.settings(env));
  }

  @AfterEach
  void tearDown() {
    probe.close();
    redis.stop();
  }

  @Test
  void sigtermLetsTheRunningReconcileFinishThenExitsZero() throws Exception {
    ChildJvms.Child worker = children.worker("worker", ws, env, "reconcile,alerts");
    String name =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> probe.workerOf(worker), o -> o.isPresent())
            .get();
    String taskId =
        probe.send(
            ReconcileArgs.TASK,
            new ReconcileArgs(DAY, ws.database().toString(), ws.reports().toString()).toList());
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> "STARTED".equals(probe.state(taskId)));

    worker.terminate();
    // Signalled mid-run: had the job already finished, this would be SUCCESS.
    assertThat(probe.state(taskId)).isEqualTo("STARTED");
    assertThat(worker.process().waitFor(GRACE_SECONDS, TimeUnit.SECONDS))
        .as("exited within the grace")
        .isTrue();
    assertThat(worker.process().exitValue()).isZero();

    assertThat(probe.task(taskId)).containsEntry("state", "SUCCESS").containsEntry("worker", name);
    Settings settings = ws.settings(env);
    assertThat(ws.reports().resolve(settings.report().fileName(DAY))).isRegularFile();
    assertThat(Workspace.list(ws.reports())).hasSize(1);
    assertThat(worker.output())
        .contains("Warm shutdown: finishing the current job(s)")
        .doesNotContain("interrupted");
    assertThat(probe.workers()).doesNotContain(name);
    assertThat(probe.nonEmptyInflightLists()).isEmpty();
  }
}
