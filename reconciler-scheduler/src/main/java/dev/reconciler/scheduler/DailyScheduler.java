package dev.reconciler.scheduler;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.ledger.LedgerStore;
import dev.reconciler.core.ledger.Ledgers;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.worker.jobs.RunOrder;
import dev.reconciler.worker.queue.FollowUp;
import dev.reconciler.worker.queue.TaskQueue;
import dev.reconciler.worker.runtime.Backoff;
import dev.reconciler.worker.task.TaskEnvelope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz with the [schedule] cron: each fire enqueues one reconcile task through a Redis fire key,
 * so any number of schedulers (an HA pair) enqueue exactly one task per fire time. A fire whose
 * enqueue fails is retried until the next fire time. On start, and every minute while it runs, it
 * catches up every business date whose fire was missed (no scheduler ran, the process was stopped,
 * Redis refused every retry), oldest first, as one chain, when the misfire policy says so.
 */
public final class DailyScheduler implements AutoCloseable {
  static final String TRIGGER = "daily-reconcile";
  static final String CATCH_UP_TRIGGER = "catch-up";
  private static final Logger log = LoggerFactory.getLogger(DailyScheduler.class);

  /** How often a running scheduler catches up missed fire times. */
  static final Duration CATCH_UP_EVERY = Duration.ofMinutes(1);

  /** First wait before an enqueue that failed is tried again; doubled up to {@link #MAX_RETRY}. */
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

  private static final Duration MAX_RETRY = Duration.ofMinutes(1);

  private final Settings settings;
  private final TaskQueue queue;
  private final Clock clock;
  private final CronExpression cron;
  private final Duration catchUpEvery;
  private final CountDownLatch closing = new CountDownLatch(1);
  private Scheduler quartz;

  public DailyScheduler(Settings settings, TaskQueue queue, Clock clock) {
    this(settings, queue, clock, CATCH_UP_EVERY);
  }

  /** With another catch-up period, for tests that cannot wait a minute. */
  DailyScheduler(Settings settings, TaskQueue queue, Clock clock, Duration catchUpEvery) {
    this.settings = settings;
    this.queue = queue;
    this.clock = clock;
    this.cron = cron(settings.schedule(), clock.instant());
    this.catchUpEvery = catchUpEvery;
  }

  /**
   * Checks [schedule] cron before anything connects: it must parse and fire at least once after
   * {@code now}. Quartz accepts "0 0 0 30 2 ?" (February 30th) and past years, then refuses to
   * schedule them; left to Quartz that was exit 1, and systemd restarted the scheduler every 5 s.
   *
   * @throws UserError naming the key and the value
   */
  public static void check(Settings.Schedule schedule, Instant now) {
    cron(schedule, now);
  }

  private static CronExpression cron(Settings.Schedule schedule, Instant now) {
    CronExpression cron;
    try {
      cron = new CronExpression(schedule.cron());
    } catch (ParseException e) {
      throw invalid(schedule, e.getMessage());
    }
    cron.setTimeZone(TimeZone.getTimeZone(schedule.timezone()));
    if (cron.getNextValidTimeAfter(Date.from(now)) == null) {
      throw invalid(schedule, "it never fires after " + now);
    }
    return cron;
  }

  private static UserError invalid(Settings.Schedule schedule, String why) {
    return new UserError(
        "[schedule] cron = '"
            + schedule.cron()
            + "' is invalid: "
            + why
            + " (expected a Quartz cron expression that fires, such as '0 0 6 * * ?')");
  }

  /** What became of a fire time. */
  public enum FireState {
    /** Still to come. */
    TO_COME,
    /** A scheduler enqueued it: its fire key is set. */
    ENQUEUED,
    /**
     * Its fire key is gone (Redis lost its data) but the ledger recorded its date's run at or after
     * it, not made stale since: the catch-up leaves the date out.
     */
    RAN_KEY_LOST,
    /** Neither enqueued nor run since: the catch-up runs its date (within catch_up_hours). */
    MISSED
  }

  /** A fire time, its business date and what became of it. */
  public record Fire(Instant at, LocalDate businessDate, FireState state) {}

  /**
   * The schedule as the console shows it: the next fire times, and the recent ones with what became
   * of each, as far back as fire keys are kept ({@code lookBack}). {@code ledgerProblem} says why
   * the ledger could not be read (each recent fire without its key is then MISSED), else null.
   */
  public record Plan(List<Fire> next, List<Fire> recent, Duration lookBack, String ledgerProblem) {}

  /** Most recent fire times listed: a cron that fires every minute would list a day of them. */
  static final int MAX_RECENT = 50;

  /**
   * The next {@code count} fire times and the recent ones, newest first, each recent one marked by
   * its fire key and, where that is gone, by the ledger, as the catch-up decides.
   *
   * @throws UserError for a cron that does not parse or never fires
   */
  public static Plan plan(Settings settings, TaskQueue queue, Clock clock, int count) {
    Settings.Schedule schedule = settings.schedule();
    Instant now = clock.instant();
    CronExpression cron = cron(schedule, now);
    List<Fire> next = new ArrayList<>();
    Date cursor = Date.from(now);
    while (next.size() < count && (cursor = cron.getTimeAfter(cursor)) != null) {
      Instant at = cursor.toInstant();
      next.add(new Fire(at, FireTimes.businessDate(at, schedule.timezone()), FireState.TO_COME));
    }
    Duration lookBack = keyTtl(schedule);
    List<Instant> past = FireTimes.between(cron, now, lookBack, Integer.MAX_VALUE);
    past = past.subList(Math.max(0, past.size() - MAX_RECENT), past.size());
    List<Instant> unfired = unfired(queue, past);
    Set<Instant> ran = Set.of();
    String ledgerProblem = null;
    try {
      if (!unfired.isEmpty()) {
        requireLedgerHere(settings);
      }
      ran = ranAfterFiring(settings, clock, unfired).keySet();
    } catch (RuntimeException e) {
      // Shown with the plan, not logged: the console asks for it every few seconds.
      ledgerProblem = SafeText.line(String.valueOf(e.getMessage()));
    }
    List<Fire> recent = new ArrayList<>();
    for (int i = past.size() - 1; i >= 0; i--) {
      Instant at = past.get(i);
      FireState state =
          !unfired.contains(at)
              ? FireState.ENQUEUED
              : ran.contains(at) ? FireState.RAN_KEY_LOST : FireState.MISSED;
      recent.add(new Fire(at, FireTimes.businessDate(at, schedule.timezone()), state));
    }
    return new Plan(next, recent, lookBack, ledgerProblem);
  }

  /**
   * Refuses to read a SQLite ledger whose file is not on this host (a console apart from the
   * workers' database): it would read as a ledger with no run, and every fire whose key is gone
   * would show MISSED with nothing to say why.
   */
  private static void requireLedgerHere(Settings settings) {
    if (settings.database().postgres()) {
      return;
    }
    Path file = RunStores.location(settings.paths(), settings.paths().database());
    if (!Files.exists(file)) {
      throw new IllegalStateException(file + " is not on this host");
    }
  }

  /**
   * Of {@code fires}, in their order, those whose fire key is not set: no scheduler enqueued them.
   */
  private static List<Instant> unfired(TaskQueue queue, List<Instant> fires) {
    List<Boolean> fired = queue.fired(fires.stream().map(t -> FireTimes.key(TRIGGER, t)).toList());
    List<Instant> unfired = new ArrayList<>();
    for (int i = 0; i < fires.size(); i++) {
      if (!fired.get(i)) {
        unfired.add(fires.get(i));
      }
    }
    return unfired;
  }

  /**
   * Of the fire times whose fire keys are not set, those whose date's run the ledger holds as
   * recorded at or after them and not made stale since, each with when it was recorded: their fire
   * keys were lost (Redis restarted without its data), not their runs. The ledger outlives Redis.
   * The one rule by which the catch-up leaves their dates out and the console shows them run.
   *
   * @throws RuntimeException when the ledger cannot be read here (its database on another host)
   */
  static Map<Instant, Instant> ranAfterFiring(
      Settings settings, Clock clock, List<Instant> unfired) {
    if (unfired.isEmpty()) {
      return Map.of();
    }
    // In the order given: the catch-up says which dates ran oldest first.
    Map<Instant, Instant> ran = new LinkedHashMap<>();
    Map<LocalDate, Optional<Instant>> recorded = new HashMap<>();
    try (LedgerStore ledger = Ledgers.open(settings, settings.paths().database(), clock)) {
      for (Instant fire : unfired) {
        // A cron firing several times a day asks the ledger once for the date.
        Optional<Instant> at =
            recorded.computeIfAbsent(
                FireTimes.businessDate(fire, settings.schedule().timezone()), ledger::recordedAt);
        if (at.isPresent() && !at.get().isBefore(fire)) {
          ran.put(fire, at.get());
        }
      }
    }
    return ran;
  }

  /** How long a fire key is kept: the catch-up window and a day. */
  private static Duration keyTtl(Settings.Schedule schedule) {
    return Duration.ofHours(schedule.catchUpHours() + 24L);
  }

  public void start() {
    catchUp(clock.instant());
    try {
      Properties props = new Properties();
      props.setProperty("org.quartz.scheduler.instanceName", "reconciler-" + UUID.randomUUID());
      // One for the fire (which may be retrying for a while), one for the catch-up.
      props.setProperty("org.quartz.threadPool.threadCount", "2");
      props.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
      props.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
      props.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
      quartz = new StdSchedulerFactory(props).getScheduler();
      quartz.getContext().put(EnqueueReconcileJob.SCHEDULER_KEY, this);
      // A misfire is left to the catch-up: Quartz would fire it late under the time of the late
      // fire, a fire key no other scheduler uses, so an HA pair could enqueue it twice.
      quartz.scheduleJob(
          JobBuilder.newJob(EnqueueReconcileJob.class).withIdentity(TRIGGER).build(),
          TriggerBuilder.newTrigger()
              .withIdentity(TRIGGER)
              .withSchedule(
                  CronScheduleBuilder.cronSchedule(cron).withMisfireHandlingInstructionDoNothing())
              .build());
      quartz.scheduleJob(
          JobBuilder.newJob(CatchUpJob.class).withIdentity(CATCH_UP_TRIGGER).build(),
          TriggerBuilder.newTrigger()
              .withIdentity(CATCH_UP_TRIGGER)
              .startAt(Date.from(Instant.now().plus(catchUpEvery)))
              .withSchedule(
                  SimpleScheduleBuilder.simpleSchedule()
                      .withIntervalInMilliseconds(catchUpEvery.toMillis())
                      .repeatForever()
                      .withMisfireHandlingInstructionNextWithRemainingCount())
              .build());
      quartz.start();
      log.info(
          "Scheduler started: cron '{}' in {}, next fire {}",
          settings.schedule().cron(),
          settings.schedule().timezone(),
          cron.getNextValidTimeAfter(Date.from(clock.instant())));
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot start Quartz: " + e.getMessage(), e);
    }
  }

  /**
   * Enqueues the reconcile task of one fire time, trying again with backoff while Redis fails,
   * until it is enqueued, the next fire time comes (whose own enqueue, and the catch-up, take over
   * from there) or the scheduler closes. Each failure is an ERROR: a fire not enqueued is a
   * business date not reconciled.
   */
  void enqueueRetrying(Instant fireTime) {
    Date next = cron.getTimeAfter(Date.from(fireTime));
    Instant giveUpAt = next == null ? Instant.MAX : next.toInstant();
    Backoff backoff = new Backoff(FIRST_RETRY, MAX_RETRY);
    while (true) {
      try {
        enqueueFor(fireTime);
        return;
      } catch (RuntimeException e) {
        Duration wait = backoff.nextDelay();
        if (!clock.instant().plus(wait).isBefore(giveUpAt)) {
          log.error(
              "Fire time {} was not enqueued ({}); giving up as the next fire time comes ({})",
              fireTime,
              SafeText.line(String.valueOf(e.getMessage())),
              settings.schedule().misfire() == Settings.Misfire.FIRE_ONCE
                  ? "the catch-up enqueues its date if it was the date's last fire"
                  : "[schedule] misfire = skip: its date is not caught up",
              e);
          return;
        }
        log.error(
            "Enqueue of fire time {} failed ({}); trying again in {} s",
            fireTime,
            SafeText.line(String.valueOf(e.getMessage())),
            wait.toSeconds());
        if (closed(wait)) {
          return;
        }
      }
    }
  }

  /** Waits, unless the scheduler closes first; returns whether it closed. */
  private boolean closed(Duration wait) {
    try {
      return closing.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /**
   * Enqueues the reconcile task of one fire time unless some scheduler already did: a chain of one
   * date, so the dates a rerun made stale after it are run again after it.
   */
  boolean enqueueFor(Instant fireTime) {
    LocalDate date = FireTimes.businessDate(fireTime, settings.schedule().timezone());
    boolean enqueued = enqueueChain(List.of(FireTimes.key(TRIGGER, fireTime)), date, date);
    if (!enqueued) {
      log.info("Fire time {}: already enqueued by another scheduler", fireTime);
    }
    return enqueued;
  }

  /**
   * One chain from {@code from} to {@code until} (each link enqueued when the one before it
   * succeeded), only if at least one of the fire keys was not set before: of two schedulers
   * catching up the same fire times, one enqueues.
   */
  private boolean enqueueChain(List<String> fireKeys, LocalDate from, LocalDate until) {
    TaskEnvelope first =
        RunOrder.firstLink(new ReconcileArgs(from, null, null), until, clock.millis());
    Duration keep = keyTtl(settings.schedule());
    boolean enqueued =
        queue.enqueueOnce(
            fireKeys,
            keep,
            new FollowUp(
                settings.tasks().get(ReconcileArgs.TASK).queue(), first, RunOrder.linkOf(first)));
    if (enqueued) {
      log.info(
          "Enqueued reconcile of {}{} as chain {}",
          from,
          from.equals(until) ? "" : " to " + until,
          first.taskId());
    }
    return enqueued;
  }

  /**
   * The periodic catch-up: fire times of the last period are left to their own enqueue, which may
   * still be running or retrying; a failure waits for the next period.
   */
  void catchUpWhileRunning() {
    try {
      catchUp(clock.instant().minus(catchUpEvery));
    } catch (RuntimeException e) {
      log.error(
          "Catch-up of missed fire times failed ({}); trying again in {} s",
          SafeText.line(String.valueOf(e.getMessage())),
          catchUpEvery.toSeconds());
    }
  }

  /**
   * With misfire = fire_once, the business dates whose fire times up to {@code until} were missed
   * (no scheduler ran, or none could enqueue them), as far back as [schedule] catch_up_hours, are
   * enqueued as one chain, oldest first: the ledger needs them run in order. A date counts as
   * missed when its latest fire time in that window was never enqueued and the ledger does not say
   * it ran since ({@link #ranAfterFiring}); the chain runs from the oldest missed date to the
   * newest (a date between them that did run is run again, which changes nothing) and then the
   * dates that made stale. The fire keys make it safe to run any time.
   */
  private void catchUp(Instant until) {
    if (settings.schedule().misfire() != Settings.Misfire.FIRE_ONCE
        || settings.schedule().catchUpHours() == 0) {
      return;
    }
    SortedMap<LocalDate, Instant> fires =
        FireTimes.latestPerDate(
            cron,
            until,
            Duration.ofHours(settings.schedule().catchUpHours()),
            settings.schedule().timezone());
    List<Instant> unfired = unfired(queue, new ArrayList<>(fires.values()));
    Set<Instant> ran = alreadyRun(unfired);
    List<Instant> missed = unfired.stream().filter(fire -> !ran.contains(fire)).toList();
    if (missed.isEmpty()) {
      return;
    }
    List<LocalDate> dates = missed.stream().map(this::businessDate).toList();
    log.info("Catching up missed business dates {} in order, as one chain", dates);
    List<String> keys = missed.stream().map(fire -> FireTimes.key(TRIGGER, fire)).toList();
    if (!enqueueChain(keys, dates.get(0), dates.get(dates.size() - 1))) {
      log.info("The missed dates were caught up by another scheduler");
    }
  }

  private LocalDate businessDate(Instant fireTime) {
    return FireTimes.businessDate(fireTime, settings.schedule().timezone());
  }

  /** Dates already said to have run though their fire keys were gone: said once per process. */
  private final Set<LocalDate> saidRan = ConcurrentHashMap.newKeySet();

  /**
   * Of the {@code missed} fire times, those {@link #ranAfterFiring} says ran: running their dates
   * again would send their alerts again. When the ledger cannot be read here, none: each missed
   * date runs again, which changes no report.
   */
  private Set<Instant> alreadyRun(List<Instant> missed) {
    Map<Instant, Instant> ran;
    try {
      ran = ranAfterFiring(settings, clock, missed);
    } catch (RuntimeException e) {
      log.warn(
          "Could not read the ledger's runs to leave out dates already run ({}): catching up every"
              + " missed date",
          SafeText.line(String.valueOf(e.getMessage())));
      return Set.of();
    }
    ran.forEach(
        (fire, at) -> {
          if (saidRan.add(businessDate(fire))) {
            log.info(
                "Business date {}: its fire key is gone but its run was recorded at {}, after the"
                    + " fire time {}: not caught up again",
                businessDate(fire),
                at,
                fire);
          }
        });
    return ran.keySet();
  }

  @Override
  public void close() {
    closing.countDown();
    if (quartz == null) {
      return;
    }
    // What shutdown(true) does, less its half second: it also joins Quartz's idle worker threads,
    // which see the shutdown only when their 500 ms wait for work runs out. So: no new fire, the
    // fire under way (perhaps retrying its enqueue) finished, then shut down without joining the
    // idle threads, which are daemons and end on their own.
    try {
      quartz.standby();
      awaitFiresUnderWay();
      quartz.shutdown(false);
    } catch (SchedulerException e) {
      log.warn("Quartz shutdown: {}", e.getMessage());
    }
  }

  /** Waits until no fire is under way, or until this thread is interrupted (it stays so). */
  private void awaitFiresUnderWay() throws SchedulerException {
    try {
      while (!quartz.getCurrentlyExecutingJobs().isEmpty()) {
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
