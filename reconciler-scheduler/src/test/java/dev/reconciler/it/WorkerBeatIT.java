package dev.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reconciler.worker.queue.EmbeddedRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** worker --beat, like Celery's -B: one process schedules the daily task and runs it. */
class WorkerBeatIT {
  @RegisterExtension final ChildJvms children = new ChildJvms();

  @TempDir Path dir;

  private EmbeddedRedis redis;
  private QueueProbe probe;
  private Workspace ws;
  private Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    ws = new Workspace(dir);
    // The schedule reconciles the day before its fire time (UTC by default).
    ws.generate(LocalDate.now(ZoneOffset.UTC).minusDays(1), 500);
    redis = EmbeddedRedis.start();
    env = new java.util.HashMap<>(ws.env(redis.url(), 10));
    env.put("RECONCILER_SCHEDULE_CRON", "*/2 * * * * ?");
    env.put("RECONCILER_SCHEDULE_MISFIRE", "skip");
    probe = new QueueProbe(redis.url(), ws.settings(env));
  }

  @AfterEach
  void tearDown() {
    probe.close();
    redis.stop();
  }

  @Test
  void theEmbeddedSchedulerEnqueuesTheReconcileAndTheWorkerRunsIt() throws Exception {
    children.start(
        "beat", ws.root(), ws.tmp(), env, "worker", "--beat", "-Q", "reconcile,alerts", "-c", "1");
    await()
        .atMost(Duration.ofSeconds(40))
        .until(() -> !probe.tasks("reconcile", "SUCCESS").isEmpty());
    assertThat(probe.keys("reconciler:fire:*")).isNotEmpty();
    List<String> done = probe.tasks("reconcile", "SUCCESS");
    assertThat(probe.task(done.get(0)).get("args"))
        .contains(LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());
    try (var reports = Files.list(ws.reports())) {
      assertThat(reports.filter(p -> p.toString().endsWith(".xlsx"))).hasSize(1);
    }
  }
}
