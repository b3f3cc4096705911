package dev.reconciler.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.it.LedgerRuns;
import dev.reconciler.testhelper.SettableClock;
import dev.reconciler.worker.queue.EmbeddedRedis;
import dev.reconciler.worker.queue.RedisConnector;
import dev.reconciler.worker.queue.TaskPayloads;
import dev.reconciler.worker.queue.TaskQueue;
import dev.reconciler.worker.task.TaskEnvelope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronExpression;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Protocol;

/**
 * Quartz against a real Redis: an HA pair enqueues once per fire time; a catch-up enqueues the
 * missed dates once, as one chain, at start and while running; a fire Redis refused is retried.
 */
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
    return settings(cron, misfire, "24");
  }

  private Settings settings(String cron, String misfire, String catchUpHours) {
    Map<String, String> env = new HashMap<>();
    env.put("RECONCILER_SCHEDULE_CATCH_UP_HOURS", catchUpHours);
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

  /**
   * Closing lets a fire whose enqueue is under way finish it (Redis holding its writes back here),
   * and returns once it has: the fire's key and its task are both in Redis, or neither.
   */
  @Test
  void closingWaitsForTheEnqueueOfAFireUnderWay() throws Exception {
    Settings settings = settings("* * * * * ?", "skip");
    DailyScheduler s =
        new DailyScheduler(settings, queue(settings, Clock.systemUTC()), Clock.systemUTC());
    long resumeAt;
    try {
      s.start();
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> !redis.with(j -> j.keys("reconciler:fire:*")).isEmpty());
      // For 1.5 s every script and write waits in Redis: the next fire's enqueue (within a
      // second) is held back until then.
      resumeAt = System.nanoTime() + Duration.ofMillis(1_500).toNanos();
      redis.with(j -> j.sendCommand(Protocol.Command.CLIENT, "PAUSE", "1500", "WRITE"));
      Thread.sleep(1_200);
    } finally {
      s.close();
    }
    long closedAt = System.nanoTime();

    assertThat(closedAt).as("close returned before the held enqueue ended").isGreaterThan(resumeAt);
    Set<String> fireKeys = redis.with(j -> j.keys("reconciler:fire:*"));
    assertThat(fireKeys).hasSizeGreaterThanOrEqualTo(2);
    assertThat(queued()).hasSameSizeAs(fireKeys);
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
      // Closing waits for a fire being enqueued: every fire key set by then has its task queued.
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> redis.with(j -> j.keys("reconciler:fire:*")).size() >= 3);
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
  void aSchedulerDownForDaysCatchesUpEveryMissedDateOldestFirstAsOneChainEnqueuedOnce() {
    Settings settings = settings("0 0 6 * * ?", "fire_once", "96");
    Clock sevenAm = Clock.fixed(Instant.parse("2026-11-25T07:00:00Z"), ZoneOffset.UTC);
    for (int i = 0; i < 2; i++) {
      try (DailyScheduler s = new DailyScheduler(settings, queue(settings, sevenAm), sevenAm)) {
        s.start();
      }
    }

    // Fire times 11-22 to 11-25 at 06:00 fall within 96 hours: business dates 11-21 to 11-24.
    List<TaskEnvelope> tasks = queued();
    assertThat(tasks).hasSize(1);
    ReconcileArgs first = ReconcileArgs.from(tasks.get(0).args());
    assertThat(first.businessDate()).isEqualTo(LocalDate.of(2026, 11, 21));
    assertThat(first.chain())
        .isEqualTo(new ReconcileArgs.Chain(tasks.get(0).taskId(), LocalDate.of(2026, 11, 24)));
    Set<String> fireKeys = redis.with(j -> j.keys("reconciler:fire:*"));
    assertThat(fireKeys).hasSize(4);
    Map<String, String> links =
        redis.with(j -> j.hgetAll("reconciler:chain:" + tasks.get(0).taskId()));
    assertThat(links).containsExactly(Map.entry("2026-11-21", tasks.get(0).taskId()));
  }

  @Test
  void theCatchUpChainStartsAtTheOldestDateThatWasNotEnqueued() {
    Settings settings = settings("0 0 6 * * ?", "fire_once", "96");
    Instant firedThen = Instant.parse("2026-11-22T06:00:00Z");
    try (DailyScheduler s =
        new DailyScheduler(
            settings, queue(settings, Clock.systemUTC()), Clock.fixed(firedThen, ZoneOffset.UTC))) {
      assertThat(s.enqueueFor(firedThen)).isTrue();
    }
    redis.with(j -> j.del("resque:queue:reconcile"));

    Clock sevenAm = Clock.fixed(Instant.parse("2026-11-25T07:00:00Z"), ZoneOffset.UTC);
    try (DailyScheduler s = new DailyScheduler(settings, queue(settings, sevenAm), sevenAm)) {
      s.start();
    }

    ReconcileArgs first = ReconcileArgs.from(queued().get(0).args());
    assertThat(queued()).hasSize(1);
    assertThat(first.businessDate()).isEqualTo(LocalDate.of(2026, 11, 22));
    assertThat(first.chain().until()).isEqualTo(LocalDate.of(2026, 11, 24));
  }

  @Test
  void aFireWhoseEnqueueFailedWhileRedisWasDownIsEnqueuedOnceWhenItIsBack() throws Exception {
    // skip: no catch-up, so only the fire's own retries can enqueue it. Every 10 s, from the
    // second that makes the next fire come in 2 to 3 s instead of in up to 11.
    int second = (Instant.now().atOffset(ZoneOffset.UTC).getSecond() + 3) % 10;
    Settings settings = settings(second + "/10 * * * * ?", "skip");
    ListAppender<ILoggingEvent> log = capture();
    Level was = schedulerLogger().getLevel();
    schedulerLogger().setLevel(Level.INFO);
    Instant fire;
    try (DailyScheduler s =
        new DailyScheduler(settings, queue(settings, Clock.systemUTC()), Clock.systemUTC())) {
      s.start();
      fire = nextFire(settings, Instant.now().plusSeconds(1));
      server.stop();
      sleepUntil(fire.plusMillis(1_500));
      server = EmbeddedRedis.start(server.port());
      // Until the fire's retries are over (its last attempt logged what it did), before the next
      // fire 10 s after it: no later attempt of it can enqueue it again.
      await()
          .atMost(Duration.between(Instant.now(), fire.plusMillis(9_500)))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> retriesEnded(log, fire));
    } finally {
      schedulerLogger().setLevel(was);
      release(log);
    }

    // The restart emptied Redis: every key there was set after it, by a fire enqueued once.
    Set<String> fireKeys = redis.with(j -> j.keys("reconciler:fire:*"));
    assertThat(fireKeys).contains("reconciler:fire:" + FireTimes.key(DailyScheduler.TRIGGER, fire));
    assertThat(queued()).hasSameSizeAs(fireKeys);
    assertThat(log.list)
        .anySatisfy(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.ERROR);
              assertThat(e.getFormattedMessage()).contains("Enqueue of fire time " + fire);
            });
  }

  @Test
  void aFireMissedWhileTheSchedulerRunsIsCaughtUpOnceWithoutARestart() throws Exception {
    Settings settings = settings("0 0 6 * * ?", "fire_once");
    SettableClock clock = new SettableClock(Instant.parse("2026-11-25T05:59:00Z"));
    try (DailyScheduler s =
        new DailyScheduler(settings, queue(settings, clock), clock, Duration.ofMillis(200))) {
      s.start();
      assertThat(dates()).containsExactly(LocalDate.of(2026, 11, 23));

      // Quartz fires on the real clock, so to it 06:00 of this clock never came: a misfire.
      clock.set(Instant.parse("2026-11-25T07:00:00Z"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> dates().contains(LocalDate.of(2026, 11, 24)));
      Thread.sleep(1_000); // five more catch-ups, which find nothing missed
    }
    assertThat(dates()).containsExactly(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 24));
  }

  /**
   * Redis restarted without its data takes the fire keys with it, not the runs: a missed date whose
   * run the ledger recorded after its fire time is not run (and alerted) again; one recorded before
   * it (an operator's early run), stale since, or never run is caught up.
   */
  @Test
  void aDateWhoseRunTheLedgerRecordedAfterItsFireTimeIsNotCaughtUpAgain(@TempDir Path dir)
      throws Exception {
    Settings settings = runsOfAScheduleWhoseFireKeysRedisLost(dir);
    ListAppender<ILoggingEvent> log = capture();
    Level was = schedulerLogger().getLevel();
    schedulerLogger().setLevel(Level.INFO);
    Clock sevenAm = Clock.fixed(Instant.parse("2026-11-25T07:00:00Z"), ZoneOffset.UTC);
    try (DailyScheduler s = new DailyScheduler(settings, queue(settings, sevenAm), sevenAm)) {
      s.start();
    } finally {
      schedulerLogger().setLevel(was);
      release(log);
    }

    List<TaskEnvelope> tasks = queued();
    assertThat(tasks).hasSize(1);
    ReconcileArgs first = ReconcileArgs.from(tasks.get(0).args());
    assertThat(first.businessDate()).isEqualTo(LocalDate.of(2026, 11, 21));
    assertThat(first.chain().until()).isEqualTo(LocalDate.of(2026, 11, 23));
    assertThat(log.list)
        .anySatisfy(
            e ->
                assertThat(e.getFormattedMessage())
                    .contains("Business date 2026-11-24: its fire key is gone"));
  }

  /**
   * The console's plan marks a fire without its key as the catch-up decides: run where the ledger
   * recorded its date's run after it, MISSED where the catch-up runs the date again; once the
   * catch-up ran, nothing is MISSED.
   */
  @Test
  void thePlanShowsAFireWhoseKeyIsGoneAsRunWhereTheCatchUpLeavesItsDateOut(@TempDir Path dir)
      throws Exception {
    Settings settings = runsOfAScheduleWhoseFireKeysRedisLost(dir);
    Clock sevenAm = Clock.fixed(Instant.parse("2026-11-25T07:00:00Z"), ZoneOffset.UTC);
    TaskQueue queue = queue(settings, sevenAm);

    DailyScheduler.Plan plan = DailyScheduler.plan(settings, queue, sevenAm, 1);

    assertThat(plan.ledgerProblem()).isNull();
    assertThat(plan.next())
        .extracting(DailyScheduler.Fire::state)
        .containsExactly(DailyScheduler.FireState.TO_COME);
    // Newest first: 11-24 ran after its fire time; 11-23 never ran, 11-22 ran before its fire time
    // and 11-21 was made stale since; 11-20's rerun was recorded after its fire time.
    assertThat(states(plan))
        .containsExactly(
            "2026-11-24 RAN_KEY_LOST",
            "2026-11-23 MISSED",
            "2026-11-22 MISSED",
            "2026-11-21 MISSED",
            "2026-11-20 RAN_KEY_LOST");
    try (DailyScheduler s = new DailyScheduler(settings, queue, sevenAm)) {
      s.start();
    }
    ReconcileArgs chain = ReconcileArgs.from(queued().get(0).args());
    assertThat(chain.businessDate()).isEqualTo(LocalDate.of(2026, 11, 21));
    assertThat(chain.chain().until()).isEqualTo(LocalDate.of(2026, 11, 23));
    assertThat(states(DailyScheduler.plan(settings, queue, sevenAm, 1)))
        .containsExactly(
            "2026-11-24 RAN_KEY_LOST",
            "2026-11-23 ENQUEUED",
            "2026-11-22 ENQUEUED",
            "2026-11-21 ENQUEUED",
            "2026-11-20 RAN_KEY_LOST");
  }

  private static List<String> states(DailyScheduler.Plan plan) {
    return plan.recent().stream().map(f -> f.businessDate() + " " + f.state()).toList();
  }

  /** Where the ledger cannot be read, the plan still comes, each fire without its key MISSED. */
  @Test
  void thePlanShowsEveryFireWithoutItsKeyMissedAndSaysWhyWhenTheLedgerCannotBeRead(
      @TempDir Path dir) throws Exception {
    Settings settings = runsOfAScheduleWhoseFireKeysRedisLost(dir);
    Files.writeString(settings.paths().database(), "not a SQLite database, not any more");
    Clock sevenAm = Clock.fixed(Instant.parse("2026-11-25T07:00:00Z"), ZoneOffset.UTC);

    DailyScheduler.Plan plan = DailyScheduler.plan(settings, queue(settings, sevenAm), sevenAm, 1);

    assertThat(plan.ledgerProblem()).contains("is not a SQLite database");
    assertThat(plan.next()).hasSize(1);
    assertThat(plan.recent())
        .hasSize(5)
        .allSatisfy(f -> assertThat(f.state()).isEqualTo(DailyScheduler.FireState.MISSED));
  }

  /**
   * A console on a host without the ledger's SQLite file says so, instead of reading it as a ledger
   * with no run and showing MISSED with nothing to say why.
   */
  @Test
  void thePlanSaysWhyWhenTheLedgersFileIsNotOnThisHost(@TempDir Path dir) throws Exception {
    Settings settings = runsOfAScheduleWhoseFireKeysRedisLost(dir);
    Files.delete(settings.paths().database());
    Clock sevenAm = Clock.fixed(Instant.parse("2026-11-25T07:00:00Z"), ZoneOffset.UTC);

    DailyScheduler.Plan plan = DailyScheduler.plan(settings, queue(settings, sevenAm), sevenAm, 1);

    assertThat(plan.ledgerProblem())
        .isEqualTo(settings.paths().database() + " is not on this host");
    assertThat(plan.recent())
        .hasSize(5)
        .allSatisfy(f -> assertThat(f.state()).isEqualTo(DailyScheduler.FireState.MISSED));
  }

  /**
   * Settings for a schedule firing daily at 06:00 (catch_up_hours 96), whose ledger, in a SQLite
   * file in {@code dir}, holds runs of the business dates 11-20 to 11-24 that no fire key in Redis
   * vouches for: an early run, a stale one, ones recorded after their fire time, a date never run.
   */
  private Settings runsOfAScheduleWhoseFireKeysRedisLost(Path dir) throws IOException {
    // An empty file is an empty SQLite database: the input the ledger is kept in.
    Files.createFile(dir.resolve("input.db"));
    Map<String, String> env = new HashMap<>();
    env.put("RECONCILER_SCHEDULE_CATCH_UP_HOURS", "96");
    env.put("RECONCILER_REDIS_URL", server.url());
    env.put("RECONCILER_SCHEDULE_CRON", "0 0 6 * * ?");
    env.put("RECONCILER_SCHEDULE_MISFIRE", "fire_once");
    env.put("RECONCILER_PATHS_DATABASE", dir.resolve("input.db").toString());
    Settings settings = SettingsLoader.load(null, env);
    // Fire times 11-22 to 11-25 at 06:00: business dates 11-21 to 11-24.
    LedgerRuns.record(settings, LocalDate.of(2026, 11, 21), "2026-11-22T06:04:00Z");
    // A rerun of the day before makes 11-21's run stale: it must run again.
    LedgerRuns.record(settings, LocalDate.of(2026, 11, 20), "2026-11-22T09:00:00Z");
    LedgerRuns.record(settings, LocalDate.of(2026, 11, 22), "2026-11-23T05:00:00Z");
    LedgerRuns.record(settings, LocalDate.of(2026, 11, 24), "2026-11-25T06:05:00Z");
    return settings;
  }

  /**
   * Whether the fire's retrying came to its end: after its last failed attempt, an attempt logged
   * that it enqueued the fire, or found it enqueued.
   */
  private static boolean retriesEnded(ListAppender<ILoggingEvent> log, Instant fire) {
    List<String> messages;
    synchronized (log) {
      messages = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
    int failed = -1;
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).startsWith("Enqueue of fire time " + fire + " failed")) {
        failed = i;
      }
    }
    return failed >= 0
        && messages.subList(failed + 1, messages.size()).stream()
            .anyMatch(
                m ->
                    m.startsWith("Enqueued reconcile of ")
                        || m.startsWith("Fire time " + fire + ": already enqueued"));
  }

  private List<LocalDate> dates() {
    return queued().stream().map(t -> ReconcileArgs.from(t.args()).businessDate()).toList();
  }

  private static Instant nextFire(Settings settings, Instant after) throws Exception {
    CronExpression cron = new CronExpression(settings.schedule().cron());
    cron.setTimeZone(TimeZone.getTimeZone(settings.schedule().timezone()));
    return cron.getTimeAfter(Date.from(after)).toInstant();
  }

  private static void sleepUntil(Instant at) throws InterruptedException {
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), at).toMillis()));
  }

  private static ListAppender<ILoggingEvent> capture() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    schedulerLogger().addAppender(appender);
    return appender;
  }

  private static void release(ListAppender<ILoggingEvent> appender) {
    schedulerLogger().detachAppender(appender);
  }

  private static Logger schedulerLogger() {
    return (Logger) LoggerFactory.getLogger(DailyScheduler.class);
  }

  @Test
  void withMisfireSkipAMissedFireTimeIsNotCaughtUp() {
    Settings settings = settings("0 0 6 * * ?", "skip", "96");
    Clock sevenAm = Clock.fixed(Instant.parse("2026-11-25T07:00:00Z"), ZoneOffset.UTC);
    try (DailyScheduler s = new DailyScheduler(settings, queue(settings, sevenAm), sevenAm)) {
      s.start();
    }
    assertThat(queued()).isEmpty();
  }
}
