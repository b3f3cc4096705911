package dev.reconciler.bench;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.runs.RunCounts;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.SqliteRunStore;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.worker.jobs.RunOrder;
import dev.reconciler.worker.queue.EmbeddedRedis;
import dev.reconciler.worker.queue.GroupView;
import dev.reconciler.worker.queue.QueueInspector;
import dev.reconciler.worker.queue.RedisConnector;
import dev.reconciler.worker.queue.TaskClient;
import dev.reconciler.worker.queue.TaskQueue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;

/**
 * A generated day reconciled in parts ([reconciliation] shards) by worker processes: real child
 * JVMs started through the launcher (bin/reconciler worker, its JVM options and machine-sized heap,
 * as the systemd units run them), one private Redis, a config.ini naming the day's database.
 *
 * <p>Each run starts fresh workers (cold JVMs), a fresh runs database (where the parts, the ledger
 * and the run record go: the day's database is only read) and report directory, waits until every
 * worker has registered, then enqueues the day's reconcile as an operator's {@code enqueue
 * reconcile} does. Wall time = that enqueue to the merge's SUCCESS (the chord's callback, which
 * records the run); with shards = 1 the reconcile task's own SUCCESS. The split comes from the
 * tasks' states in Redis: fan-out (enqueue to the reconcile task's SUCCESS, the chord sent), each
 * part's start to SUCCESS, the wait for the merge and the merge itself; the merge's stages from its
 * worker's log. Peak RSS per worker = VmHWM from /proc/PID/status just before it is stopped, JVM
 * start-up included; CPU = the process's user + system time.
 *
 * <p>Options (key=value): db=PATH (required) date=2026-11-24 processes=2 shards=4 (comma lists
 * allowed) runs=3 heap= (RECONCILER_HEAP; empty: the launcher's share of this machine) jvm=
 * (RECONCILER_OPTS, replaces every launcher default) launcher=bin/reconciler dir= (where each run's
 * files go; empty: a new temp directory) timeout_minutes=60 warmup= (a smaller generated day's
 * database, same date: the fresh workers reconcile it in as many parts first, untimed, so that the
 * measured run meets workers whose code is compiled, as a fleet that ran yesterday's day does;
 * their peak RSS and CPU then include it).
 */
public final class ShardedWorkersBenchmark {
  private static final Clock CLOCK = Clock.systemUTC();
  private static final Pattern CHORD = Pattern.compile("sent as chord ([0-9a-f-]{36})");
  private static final Pattern STAGES = Pattern.compile("finished: .*; (stages \\{.*\\})$");
  private static final Pattern WORKER_PID = Pattern.compile(":(\\d+)-\\d+:");

  private final Map<String, String> opts;
  private final RedisConnector redis;
  private final String redisUrl;
  private final Path base;

  private ShardedWorkersBenchmark(
      Map<String, String> opts, RedisConnector redis, String redisUrl, Path base) {
    this.opts = opts;
    this.redis = redis;
    this.redisUrl = redisUrl;
    this.base = base;
  }

  /** What one run measured. */
  private record Run(double wall, double fanOut, double slowestPart, double merge, long maxRssMb) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    if (opts.get("db").isBlank()) {
      throw new IllegalArgumentException("db=PATH is required: a generated day's database");
    }
    Path db = Path.of(opts.get("db")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(db)) {
      throw new IllegalArgumentException("db=" + db + ": no such file");
    }
    Path base =
        opts.get("dir").isBlank()
            ? Files.createTempDirectory("reconciler-sharded-bench")
            : Files.createDirectories(Path.of(opts.get("dir")).toAbsolutePath());
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores, %s; java %s; day %s (%d MB), date %s; runs in %s%n",
        Runtime.getRuntime().availableProcessors(),
        memTotal(),
        System.getProperty("java.version"),
        db,
        Files.size(db) >> 20,
        opts.get("date"),
        base);
    try (EmbeddedRedis server = EmbeddedRedis.start();
        RedisConnector redis = new RedisConnector(server.url(), 30_000, 4)) {
      ShardedWorkersBenchmark bench = new ShardedWorkersBenchmark(opts, redis, server.url(), base);
      List<String> rows = new ArrayList<>();
      for (String s : opts.get("shards").split(",")) {
        for (String p : opts.get("processes").split(",")) {
          rows.add(
              bench.configuration(db, Integer.parseInt(p.strip()), Integer.parseInt(s.strip())));
        }
      }
      System.out.println();
      System.out.println(
          "| processes x shards | wall s, median (runs) | fan-out s | slowest part s | merge s |"
              + " peak RSS of the biggest worker MB |");
      System.out.println("|---|---|---|---|---|---|");
      rows.forEach(System.out::println);
    }
  }

  /** Every run of one shape; returns its table row. */
  private String configuration(Path db, int processes, int shards) throws Exception {
    System.out.printf("%n== %d worker process(es), shards %d ==%n", processes, shards);
    List<Run> runs = new ArrayList<>();
    for (int r = 1; r <= Integer.parseInt(opts.get("runs")); r++) {
      runs.add(run(db, processes, shards, r));
    }
    double wall = median(runs, Run::wall);
    long rss = Math.round(median(runs, run -> (double) run.maxRssMb()));
    System.out.printf(
        Locale.ROOT,
        "%d x %d median %.2f s (fan-out %.2f s, slowest part %.2f s, merge %.2f s),"
            + " peak RSS of the biggest worker %d MB%n",
        processes,
        shards,
        wall,
        median(runs, Run::fanOut),
        median(runs, Run::slowestPart),
        median(runs, Run::merge),
        rss);
    return String.format(
        Locale.ROOT,
        "| %d x %d | %.2f (%s) | %.2f | %.2f | %.2f | %d |",
        processes,
        shards,
        wall,
        runs.stream()
            .map(x -> String.format(Locale.ROOT, "%.2f", x.wall()))
            .collect(Collectors.joining(", ")),
        median(runs, Run::fanOut),
        median(runs, Run::slowestPart),
        median(runs, Run::merge),
        rss);
  }

  private Run run(Path db, int processes, int shards, int number) throws Exception {
    redis.with(Jedis::flushAll);
    Path dir = Files.createDirectories(base.resolve(processes + "x" + shards + "-run" + number));
    Path runs = dir.resolve("runs.db");
    Path config = writeConfig(dir, db, runs, shards);
    Settings settings = SettingsLoader.load(config, Map.of());
    TaskQueue queue =
        new TaskQueue(redis, settings.redis().namespace(), settings.worker().resultExpiry(), CLOCK);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("RECONCILER_CONFIG", config.toString());
    if (!opts.get("heap").isBlank()) {
      env.put("RECONCILER_HEAP", opts.get("heap"));
    }
    if (!opts.get("jvm").isBlank()) {
      env.put("RECONCILER_OPTS", opts.get("jvm"));
    }
    try (WorkerFleet fleet =
        WorkerFleet.launch(
            processes, settings.worker().concurrency(), Path.of(opts.get("launcher")), dir, env)) {
      fleet.awaitRegistered(redis, settings.redis().namespace(), processes);
      if (!opts.get("warmup").isBlank()) {
        warmUp(fleet, queue, settings);
      }
      if (number == 1) {
        System.out.println("worker JVM options: " + jvmOptions(fleet.commandLine(0)));
      }
      LocalDate date = LocalDate.parse(opts.get("date"));
      long enqueued = CLOCK.millis();
      String taskId =
          RunOrder.sendChain(
              new TaskClient(queue, settings, CLOCK),
              new ReconcileArgs(date, null, null),
              date,
              null,
              enqueued);
      Map<String, String> reconcile = awaitState(fleet, queue, taskId);
      Matcher chord = CHORD.matcher(reconcile.get("result"));
      Timed timed =
          chord.find()
              ? chord(
                  queue,
                  reconcile,
                  awaitChord(fleet, new QueueInspector(queue), chord.group(1)),
                  enqueued)
              : whole(reconcile, enqueued);
      RunRecord record =
          SqliteRunStore.ownFile(runs, settings.database().busyTimeoutMs())
              .find(RunIds.forTask(date, taskId));
      if (record == null || !"SUCCESS".equals(record.status())) {
        throw new IllegalStateException("run not recorded as SUCCESS: " + record);
      }
      System.out.printf(
          Locale.ROOT,
          "  run %d: %7.2f s enqueue to recorded run; %s%n",
          number,
          timed.run().wall(),
          timed.split());
      long maxRssMb = 0;
      for (int i = 0; i < fleet.size(); i++) {
        long mb = fleet.peakRssKb(i) >> 10;
        maxRssMb = Math.max(maxRssMb, mb);
        String ran = timed.ranBy().getOrDefault(fleet.pid(i), "nothing");
        System.out.printf(
            Locale.ROOT,
            "         worker %d (pid %d, ran %s): peak RSS %d MB (VmHWM, start-up included),"
                + " CPU %.1f s%n",
            i + 1,
            fleet.pid(i),
            ran,
            mb,
            fleet.cpuSeconds(i));
      }
      System.out.println("         counts " + counts(record));
      String stages = stages(fleet, RunIds.forTask(date, taskId));
      if (stages != null) {
        System.out.println("         " + (timed.run().merge() > 0 ? "merge " : "run ") + stages);
      }
      Run run = timed.run();
      return new Run(run.wall(), run.fanOut(), run.slowestPart(), run.merge(), maxRssMb);
    }
  }

  /**
   * Reconciles the warm-up day on the fresh workers, in the configured parts, and waits for its
   * chord (or whole run): untimed.
   */
  private void warmUp(WorkerFleet fleet, TaskQueue queue, Settings settings) throws Exception {
    LocalDate date = LocalDate.parse(opts.get("date"));
    String taskId =
        RunOrder.sendChain(
            new TaskClient(queue, settings, CLOCK),
            new ReconcileArgs(date, warmupDb().toString(), null, null),
            date,
            null,
            CLOCK.millis());
    Matcher chord = CHORD.matcher(awaitState(fleet, queue, taskId).get("result"));
    if (chord.find()) {
      awaitChord(fleet, new QueueInspector(queue), chord.group(1));
    }
  }

  private Path warmupDb() {
    return Path.of(opts.get("warmup")).toAbsolutePath().normalize();
  }

  /** A run's figures from its tasks' states, the line that shows them, and who ran what by pid. */
  private record Timed(Run run, String split, Map<Long, String> ranBy) {}

  /** shards = 1: the reconcile task ran the whole day itself. */
  private static Timed whole(Map<String, String> reconcile, long enqueued) {
    double ran = seconds(reconcile, "started_at", reconcile, "finished_at");
    Map<Long, String> ranBy = new LinkedHashMap<>();
    ranBy.put(pidOf(reconcile), "the whole day");
    return new Timed(
        new Run((millis(reconcile, "finished_at") - enqueued) / 1000.0, 0, ran, 0, 0),
        String.format(Locale.ROOT, "the whole day in the reconcile task, %.2f s", ran),
        ranBy);
  }

  /**
   * A chord: fan-out = enqueue to the reconcile task's SUCCESS (the chord sent); each part's start
   * to SUCCESS; the merge's wait after the last part, and its own run to SUCCESS (the end).
   */
  private static Timed chord(
      TaskQueue queue, Map<String, String> reconcile, GroupView group, long enqueued) {
    Map<String, String> merge = queue.state(GroupView.callbackId(group.groupId()));
    Map<Long, Integer> partsBy = new LinkedHashMap<>();
    List<String> parts = new ArrayList<>();
    double slowest = 0;
    long firstStart = Long.MAX_VALUE;
    long lastEnd = Long.MIN_VALUE;
    for (GroupView.Member m : group.members()) {
      Map<String, String> part = queue.state(m.taskId());
      double ran = seconds(part, "started_at", part, "finished_at");
      slowest = Math.max(slowest, ran);
      parts.add(String.format(Locale.ROOT, "%.2f", ran));
      firstStart = Math.min(firstStart, millis(part, "started_at"));
      lastEnd = Math.max(lastEnd, millis(part, "finished_at"));
      partsBy.merge(pidOf(part), 1, Integer::sum);
    }
    double fanOut = (millis(reconcile, "finished_at") - enqueued) / 1000.0;
    double merged = seconds(merge, "started_at", merge, "finished_at");
    Map<Long, String> ranBy = new LinkedHashMap<>();
    ranBy.put(pidOf(reconcile), "the fan-out");
    partsBy.forEach(
        (pid, n) ->
            ranBy.merge(pid, n + (n == 1 ? " part" : " parts"), ShardedWorkersBenchmark::and));
    ranBy.merge(pidOf(merge), "the merge", ShardedWorkersBenchmark::and);
    return new Timed(
        new Run((millis(merge, "finished_at") - enqueued) / 1000.0, fanOut, slowest, merged, 0),
        String.format(
            Locale.ROOT,
            "fan-out %.2f s; parts %s s (first start to last SUCCESS %.2f s); merge waited %.2f s,"
                + " ran %.2f s",
            fanOut,
            String.join(", ", parts),
            (lastEnd - firstStart) / 1000.0,
            (millis(merge, "started_at") - lastEnd) / 1000.0,
            merged),
        ranBy);
  }

  private static String and(String a, String b) {
    return a + ", " + b;
  }

  /** The pid in the id of the worker that ran a task (host:pid-n:queues). */
  private static long pidOf(Map<String, String> state) {
    Matcher m = WORKER_PID.matcher(state.get("worker"));
    if (!m.find()) {
      throw new IllegalStateException("no pid in worker id " + state.get("worker"));
    }
    return Long.parseLong(m.group(1));
  }

  private static double seconds(
      Map<String, String> from, String fromField, Map<String, String> to, String toField) {
    return (millis(to, toField) - millis(from, fromField)) / 1000.0;
  }

  /** The run's files: the day's database named in [paths], everything written under dir. */
  private Path writeConfig(Path dir, Path db, Path runs, int shards) throws IOException {
    String ini =
        String.join(
            "\n",
            "[paths]",
            "data_dir = " + dir,
            "database = " + db,
            // The warm-up day's database, which its task names.
            opts.get("warmup").isBlank() ? "" : "allowed_roots = " + warmupDb().getParent(),
            "runs_database = " + runs,
            "report_dir = " + dir.resolve("reports"),
            "log_dir = " + dir.resolve("logs"),
            "outbox_dir = " + dir.resolve("outbox"),
            "",
            "[reconciliation]",
            "shards = " + shards,
            "",
            "[logging]",
            "level = INFO",
            "file =",
            "",
            "[redis]",
            "url = " + redisUrl,
            "");
    return Files.writeString(dir.resolve("config.ini"), ini);
  }

  private Map<String, String> awaitState(WorkerFleet fleet, TaskQueue queue, String taskId)
      throws InterruptedException {
    long deadline = deadline();
    while (true) {
      Map<String, String> state = queue.state(taskId);
      String s = state.get("state");
      if ("SUCCESS".equals(s)) {
        return state;
      }
      if ("FAILURE".equals(s) || "REVOKED".equals(s)) {
        throw new IllegalStateException("task " + taskId + " is " + s + ": " + state);
      }
      poll(fleet, deadline, "task " + taskId + " " + s);
    }
  }

  private GroupView awaitChord(WorkerFleet fleet, QueueInspector inspector, String id)
      throws InterruptedException {
    long deadline = deadline();
    while (true) {
      GroupView group = inspector.group(id);
      if ("SUCCESS".equals(group.state())) {
        return group;
      }
      if ("FAILURE".equals(group.state()) || "REVOKED".equals(group.state())) {
        throw new IllegalStateException(group.summary() + ": " + group.fields());
      }
      poll(fleet, deadline, group.summary());
    }
  }

  private long deadline() {
    return System.nanoTime()
        + Duration.ofMinutes(Long.parseLong(opts.get("timeout_minutes"))).toNanos();
  }

  /** Every 100 ms: cheap next to a run of seconds, and finer than the figures printed. */
  private static void poll(WorkerFleet fleet, long deadline, String waitingFor)
      throws InterruptedException {
    fleet.checkAlive();
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException(
          "timed out waiting for " + waitingFor + "; logs in " + fleet.dir());
    }
    Thread.sleep(100);
  }

  /** The merge's "stages {...}" (or the whole run's, shards = 1) from the worker that ran it. */
  /** The stages the measured run's merge (or whole run) logged; a warm-up run's are skipped. */
  private static String stages(WorkerFleet fleet, String runId) throws IOException {
    for (int i = 0; i < fleet.size(); i++) {
      for (String line : Files.readAllLines(fleet.log(i))) {
        Matcher m = STAGES.matcher(line);
        if (m.find() && line.contains(runId)) {
          return m.group(1);
        }
      }
    }
    return null;
  }

  private static String counts(RunRecord record) {
    return record.counts().entrySet().stream()
        .filter(e -> e.getValue() != 0 || RunCounts.MATCHED.equals(e.getKey()))
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  /** The JVM's own options on a command line (java ... -cp ...): what the launcher chose. */
  private static String jvmOptions(List<String> commandLine) {
    List<String> shown = new ArrayList<>();
    for (String arg : commandLine.subList(1, commandLine.size())) {
      if (arg.equals("-cp")) {
        break;
      }
      if (!arg.startsWith("-Dreconciler.native.dir")) {
        shown.add(arg);
      }
    }
    return String.join(" ", shown);
  }

  private static long millis(Map<String, String> state, String field) {
    return Instant.parse(state.get(field)).toEpochMilli();
  }

  private static double median(List<Run> runs, ToDoubleFunction<Run> f) {
    return Stats.median(runs.stream().map(f::applyAsDouble).toList());
  }

  private static String memTotal() throws IOException {
    return Files.readAllLines(Path.of("/proc/meminfo")).stream()
        .filter(l -> l.startsWith("MemTotal:"))
        .map(l -> (Long.parseLong(l.replaceAll("[^0-9]", "")) >> 20) + " GiB")
        .findFirst()
        .orElse("? GiB");
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    opts.put("db", "");
    opts.put("date", "2026-11-24");
    opts.put("processes", "2");
    opts.put("shards", "4");
    opts.put("runs", "3");
    opts.put("heap", "");
    opts.put("jvm", "");
    opts.put("launcher", "bin/reconciler");
    opts.put("dir", "");
    opts.put("timeout_minutes", "60");
    opts.put("warmup", "");
    return Options.parse(opts, args);
  }
}
