package dev.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.testing.WaitBound;
import dev.reconciler.scheduler.DailyScheduler;
import dev.reconciler.worker.queue.ChainView;
import dev.reconciler.worker.queue.QueueInspector;
import dev.reconciler.worker.queue.RedisConnector;
import dev.reconciler.worker.queue.TaskQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A scheduler that was down for days starts, and a worker runs every missed business date in order,
 * one run per date: the catch-up as the operator sees it in the runs and the chain, with the runs
 * in SQLite and in PostgreSQL.
 */
@WaitBound
class CatchUpChainIT {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  /** The scheduler starts at 07:00 on Jan 18th; it last ran before the 6:00 fire of Jan 15th. */
  private static final Clock RESTART =
      Clock.fixed(Instant.parse("2026-01-18T07:00:00Z"), ZoneOffset.UTC);

  private static final List<LocalDate> MISSED =
      List.of(
          LocalDate.of(2026, 1, 14),
          LocalDate.of(2026, 1, 15),
          LocalDate.of(2026, 1, 16),
          LocalDate.of(2026, 1, 17));

  @RegisterExtension final ChildJvms children = new ChildJvms();

  @RegisterExtension
  final QueueWorld world =
      new QueueWorld(60)
          .with("RECONCILER_SCHEDULE_CRON", "0 0 6 * * ?")
          .with("RECONCILER_SCHEDULE_MISFIRE", "fire_once")
          .with("RECONCILER_SCHEDULE_CATCH_UP_HOURS", "96");

  private RedisConnector redis;
  private TaskQueue queue;

  /**
   * Everything in the backend's store, the day generated there, and a queue on the world's Redis.
   */
  private Settings given(Backend backend) throws Exception {
    Settings settings = world.keepIn(backend, pg);
    world.generate(LocalDate.of(2026, 1, 15), 2_000);
    redis = new RedisConnector(settings.redis().url(), 2_000, 2);
    queue =
        new TaskQueue(
            redis, settings.redis().namespace(), settings.worker().resultExpiry(), RESTART);
    return settings;
  }

  @AfterEach
  void close() {
    if (redis != null) {
      redis.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void everyMissedDateIsRunOnceOldestFirst(Backend backend) throws Exception {
    Settings settings = given(backend);
    try (DailyScheduler scheduler = new DailyScheduler(settings, queue, RESTART)) {
      scheduler.start();
    }
    String chainId = new QueueInspector(queue).recentChains(1).get(0);

    children.worker("worker", world.ws(), world.env(), "reconcile,alerts");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> "DONE".equals(new QueueInspector(queue).chain(chainId).state()));

    ChainView chain = new QueueInspector(queue).chain(chainId);
    assertThat(chain.links()).extracting(ChainView.Link::date).containsExactlyElementsOf(MISSED);
    List<RunRecord> runs =
        world.runs().recent(100).stream()
            .sorted(Comparator.comparing(RunRecord::startedAt))
            .toList();
    assertThat(runs).extracting(RunRecord::businessDate).containsExactlyElementsOf(MISSED);
    assertThat(runs).allSatisfy(r -> assertThat(r.status()).isEqualTo("SUCCESS"));
    backend.assertKeptEverything(world.ws().database());
  }
}
