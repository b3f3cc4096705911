package dev.reconciler.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.worker.queue.EmbeddedRedis;
import dev.reconciler.worker.queue.RedisConnector;
import dev.reconciler.worker.queue.TaskPayloads;
import dev.reconciler.worker.queue.TaskQueue;
import dev.reconciler.worker.task.TaskEnvelope;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Quartz against a real Redis: an HA pair enqueues once per fire time; catch-up fires once. */
class DailySchedulerIT {
  private EmbeddedRedis server;
  private RedisConnector redis;

  @BeforeEach
  void start() {
    server = EmbeddedRedis.start();
    redis = new RedisConnector(server.url(), 5000, 8);
  }

  @AfterEach
  void stop() {
    redis.close();
    server.stop();
  }

  private Settings settings(String cron, String misfire) {
    Map<String, String> env = new HashMap<>();
    env.put("RECONCILER_REDIS_URL", server.url());
    env.put("RECONCILER_SCHEDULE_CRON", cron);
    env.put("RECONCILER_SCHEDULE_MISFIRE", misfire);
    return SettingsLoader.load(null, env);
  }

  private TaskQueue queue(Settings settings, Clock clock) {
    return new TaskQueue(
        redis, settings.redis().namespace(), settings.worker().resultExpiry(), clock);
  }

  private List<TaskEnvelope> queued() {
    return redis.with(j -> j.lrange("resque:queue:reconcile", 0, -1)).stream()
        .map(TaskPayloads::decode)
        .toList();
  }

  @Test
  void twoSchedulersFiringEverySecondEnqueueOneTaskPerFireTime() throws Exception {
    Settings settings = settings("* * * * * ?", "skip");
    try (DailyScheduler a =
            new DailyScheduler(settings, queue(settings, Clock.systemUTC()), Clock.systemUTC());
        DailyScheduler b =
            new DailyScheduler(settings, queue(settings, Clock.systemUTC()), Clock.systemUTC())) {
      a.start();
      b.start();
      Thread.sleep(4_200);
    }
    Set<String> fireKeys = redis.with(j -> j.keys("reconciler:fire:*"));
    List<TaskEnvelope> tasks = queued();
    assertThat(fireKeys.size()).isGreaterThanOrEqualTo(3);
    assertThat(tasks).hasSameSizeAs(fireKeys);
    assertThat(tasks.stream().map(TaskEnvelope::taskId).collect(Collectors.toSet()))
        .hasSameSizeAs(tasks);
    assertThat(tasks).allSatisfy(t -> assertThat(t.name()).isEqualTo("reconcile"));
  }

  @Test
  void aSchedulerThatWasDownCatchesUpTheMissedFireTimeOnceForThePreviousDay() {
    Settings settings = settings("0 0 6 * * ?", "fire_once");
    Clock sevenAm = Clock.fixed(Instant.parse("2026-11-25T07:00:00Z"), ZoneOffset.UTC);
    for (int i = 0; i < 2; i++) {
      try (DailyScheduler s = new DailyScheduler(settings, queue(settings, sevenAm), sevenAm)) {
        s.start();
      }
    }
    List<TaskEnvelope> tasks = queued();
    assertThat(tasks).hasSize(1);
    assertThat(tasks.get(0).args().get(0)).isEqualTo(LocalDate.of(2026, 11, 24).toString());
  }

  @Test
  void withMisfireSkipAMissedFireTimeIsNotCaughtUp() {
    Settings settings = settings("0 0 6 * * ?", "skip");
    Clock sevenAm = Clock.fixed(Instant.parse("2026-11-25T07:00:00Z"), ZoneOffset.UTC);
    try (DailyScheduler s = new DailyScheduler(settings, queue(settings, sevenAm), sevenAm)) {
      s.start();
    }
    assertThat(queued()).isEmpty();
  }
}
