package dev.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** worker --beat, like Celery's -B: one process schedules the daily task and runs it. */
class WorkerBeatIT {
  @RegisterExtension final ChildJvms children = new ChildJvms();

  @RegisterExtension
  final QueueWorld world =
      new QueueWorld(10)
          .with("RECONCILER_SCHEDULE_CRON", "*/2 * * * * ?")
          .with("RECONCILER_SCHEDULE_MISFIRE", "skip");

  @BeforeEach
  void generate() throws Exception {
    // The schedule reconciles the day before its fire time (UTC by default).
    world.ws().generate(LocalDate.now(ZoneOffset.UTC).minusDays(1), 500);
  }

  @Test
  void theEmbeddedSchedulerEnqueuesTheReconcileAndTheWorkerRunsIt() throws Exception {
    children.start(
        "beat",
        world.ws().root(),
        world.ws().tmp(),
        world.env(),
        "worker",
        "--beat",
        "-Q",
        "reconcile,alerts",
        "-c",
        "1");
    await()
        .atMost(Duration.ofSeconds(40))
        .until(() -> !world.probe().tasks("reconcile", "SUCCESS").isEmpty());
    assertThat(world.probe().keys("reconciler:fire:*")).isNotEmpty();
    List<String> done = world.probe().tasks("reconcile", "SUCCESS");
    assertThat(world.probe().task(done.get(0)).get("args"))
        .contains(LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());
    try (var reports = Files.list(world.ws().reports())) {
      assertThat(reports.filter(p -> p.toString().endsWith(".xlsx"))).hasSize(1);
    }
  }
}
