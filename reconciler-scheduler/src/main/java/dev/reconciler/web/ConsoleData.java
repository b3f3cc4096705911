package dev.reconciler.web;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Money;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.imports.ImportSummary;
import dev.reconciler.core.ledger.AgeBucket;
import dev.reconciler.core.ledger.LedgerFigures;
import dev.reconciler.core.ledger.LedgerRules;
import dev.reconciler.core.ledger.LedgerStore;
import dev.reconciler.core.ledger.Ledgers;
import dev.reconciler.core.ledger.OpenItem;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.RunStore;
import dev.reconciler.core.runs.RunWorkbooks;
import dev.reconciler.core.runs.StoredWorkbook;
import dev.reconciler.core.store.ImportLog;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.scheduler.DailyScheduler;
import dev.reconciler.web.Views.Field;
import dev.reconciler.web.Views.LinkRow;
import dev.reconciler.web.Views.QueueRow;
import dev.reconciler.web.Views.TaskRow;
import dev.reconciler.web.Views.WorkerRow;
import dev.reconciler.worker.queue.ChainView;
import dev.reconciler.worker.queue.QueueInspector;
import dev.reconciler.worker.queue.QueueInspector.Head;
import dev.reconciler.worker.queue.QueueInspector.Reading;
import dev.reconciler.worker.queue.TaskQueue;
import dev.reconciler.worker.queue.TaskStats;
import dev.reconciler.worker.queue.WrongTypeKey;
import dev.reconciler.worker.task.TaskState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Reads what the pages show from Redis (through worker.queue) and the run store. Every read is
 * bounded: a few commands per queue and worker, the 60 per-minute buckets in one round trip, a
 * window of the recent-task index, one run-store query, the ledger's run of each recent date whose
 * fire key is gone; never a scan of keys. The Ledger page alone reads every open item, and is not
 * refreshed by itself.
 */
final class ConsoleData {
  /** Tasks listed when no criterion is given. */
  static final int NEWEST_SHOWN = 50;

  /** Most matches a search lists. */
  static final int MAX_MATCHES = 200;

  /** Failure records on a page. */
  static final int FAILED_PER_PAGE = 50;

  private static final String[] SEARCH_FIELDS = {
    "name", "state", "args", "enqueued_at", "finished_at"
  };

  private final Settings settings;
  private final TaskQueue queue;
  private final QueueInspector inspector;
  private final TaskStats stats;
  private final RunStore runs;
  private final RunWorkbooks workbooks;
  private final Clock clock;

  ConsoleData(Settings settings, TaskQueue queue, RunStore runs, Clock clock) {
    this.settings = settings;
    this.queue = queue;
    this.inspector = new QueueInspector(queue);
    this.stats = new TaskStats(queue.redis(), clock);
    this.runs = runs;
    this.workbooks = RunWorkbooks.open(settings, settings.paths().database(), clock);
    this.clock = clock;
  }

  Settings settings() {
    return settings;
  }

  RunStore runStore() {
    return runs;
  }

  /** The workbooks kept in the run store's database, beside {@link #runStore()}'s runs. */
  RunWorkbooks workbooks() {
    return workbooks;
  }

  // --- overview ------------------------------------------------------------------------------

  Views.Overview overview() {
    List<String> problems = new ArrayList<>();
    Map<String, Reading<Long>> lengths = read(problems, inspector::queueLengths, Map.of());
    Map<String, Reading<Head>> heads = read(problems, inspector::heads, Map.of());
    Map<String, Long> inFlightByQueue = read(problems, inspector::inFlightByQueue, Map.of());
    Map<String, Long> delayedByQueue = read(problems, inspector::delayedByQueue, Map.of());
    long now = clock.millis();
    List<QueueRow> queues = new ArrayList<>();
    // A queue with only delayed jobs has no list yet, and is not in Resque's set of queues.
    Set<String> names = new TreeSet<>(lengths.keySet());
    names.addAll(delayedByQueue.keySet());
    for (String q : names) {
      queues.add(
          new QueueRow(
              q,
              lengths.containsKey(q) ? count(lengths.get(q)) : "0",
              age(heads.get(q), now),
              String.valueOf(inFlightByQueue.getOrDefault(q, 0L)),
              String.valueOf(delayedByQueue.getOrDefault(q, 0L))));
    }
    List<QueueInspector.WorkerView> views = read(problems, inspector::workers, List.of());
    List<WorkerRow> workers = new ArrayList<>();
    long inFlight = 0;
    for (QueueInspector.WorkerView w : views) {
      workers.add(worker(w));
      inFlight += w.inFlight().value() == null ? 0 : w.inFlight().value();
    }
    return new Views.Overview(
        queues,
        String.valueOf(inFlight),
        count(inspector.delayed()),
        count(inspector.failedCount()),
        count(inspector.revokedCount()),
        workers,
        Charts.minutes(stats.lastMinutes(60)),
        problems);
  }

  private WorkerRow worker(QueueInspector.WorkerView w) {
    // Worker names are host:pid-thread:queue,queue (WorkerProcess).
    String name = w.name();
    int last = name.lastIndexOf(':');
    int first = last > 0 ? name.lastIndexOf(':', last - 1) : -1;
    String host = first > 0 ? name.substring(0, first) : name;
    String pidAndThread = first > 0 ? name.substring(first + 1, last) : "";
    int dash = pidAndThread.indexOf('-');
    String pid = dash > 0 ? pidAndThread.substring(0, dash) : pidAndThread;
    String queues = last > 0 ? name.substring(last + 1) : "";
    String task = "idle";
    String taskId = null;
    if (w.current().problem() != null) {
      task = "unreadable: " + w.current().problem();
    } else if (w.current().value() != null) {
      QueueInspector.CurrentJob job = QueueInspector.currentJob(w.current().value());
      task = job.taskName() != null ? job.taskName() : SafeText.line(w.current().value(), 200);
      taskId = job.taskId();
    }
    long ttl = settings.worker().heartbeatTtl().toMillis();
    boolean alive = w.heartbeatTtlMs() >= 0;
    String beat = alive ? Format.seconds((ttl - w.heartbeatTtlMs()) / 1000.0) : "missing";
    return new WorkerRow(host, pid, queues, task, taskId, count(w.inFlight()), beat, alive);
  }

  private static String age(Reading<Head> head, long nowMs) {
    if (head == null) {
      return "";
    }
    if (head.problem() != null) {
      return "unreadable";
    }
    if (head.value() == null) {
      return "empty";
    }
    Long at = head.value().enqueuedAtMs();
    return at == null ? "unknown" : Format.seconds(Math.max(0, nowMs - at) / 1000.0);
  }

  // --- tasks ---------------------------------------------------------------------------------

  /**
   * Tasks matching every criterion given, newest first, among the newest {@link
   * TaskQueue#MAX_INDEXED_TASKS} in the recent-task index; with none given, the newest few.
   */
  Views.TaskSearch search(String name, String date, String state) {
    boolean any = !blank(name) || !blank(date) || !blank(state);
    List<String> ids;
    try {
      ids = queue.recentTaskIds(any ? TaskQueue.MAX_INDEXED_TASKS : NEWEST_SHOWN);
    } catch (WrongTypeKey e) {
      return search(
          name, date, state, List.of(), "The task index is unreadable: " + e.getMessage());
    }
    List<List<String>> fields = queue.stateFields(ids, SEARCH_FIELDS);
    String dateArg = blank(date) ? null : "\"" + date.strip() + "\"";
    List<TaskRow> rows = new ArrayList<>();
    for (int i = 0; i < ids.size() && rows.size() < MAX_MATCHES; i++) {
      List<String> f = fields.get(i);
      if (f.get(1) == null) {
        continue; // expired or unreadable
      }
      if ((blank(name) || name.strip().equals(f.get(0)))
          && (blank(state) || state.strip().equals(f.get(1)))
          && (dateArg == null || (f.get(2) != null && f.get(2).contains(dateArg)))) {
        rows.add(new TaskRow(ids.get(i), f.get(0), f.get(1), f.get(2), f.get(3), f.get(4)));
      }
    }
    String note =
        any
            ? "Searched the newest "
                + ids.size()
                + " tasks (the index keeps the newest "
                + TaskQueue.MAX_INDEXED_TASKS
                + "); "
                + rows.size()
                + (rows.size() == MAX_MATCHES ? "+ (the first " + MAX_MATCHES + " shown)" : "")
                + " matched."
            : "The newest " + rows.size() + " tasks.";
    return search(name, date, state, rows, note);
  }

  private static Views.TaskSearch search(
      String name, String date, String state, List<TaskRow> rows, String note) {
    List<String> states = Arrays.stream(TaskState.values()).map(Enum::name).toList();
    return new Views.TaskSearch(null, name, date, state, states, rows, note);
  }

  /** A task's page, or null when Redis holds no state for it. */
  Views.TaskDetail task(String id) {
    if (!RunIds.isTaskId(id)) {
      return null; // not a task id: no key of ours to read
    }
    Map<String, String> s = queue.state(id);
    if (s.isEmpty()) {
      return null;
    }
    List<Field> fields = new ArrayList<>();
    for (String key :
        List.of(
            "queue",
            "attempt",
            "deliveries",
            "redeliveries",
            "worker",
            "enqueued_at",
            "eta",
            "started_at",
            "retry_at",
            "finished_at",
            "result",
            "note")) {
      if (s.get(key) != null) {
        fields.add(new Field(key, s.get(key)));
      }
    }
    between(fields, "waited", s.get("enqueued_at"), s.get("started_at"));
    between(fields, "ran", s.get("started_at"), s.get("finished_at"));
    TaskState state = TaskState.parse(s.get("state"));
    ReconcileArgs reconcile = QueueInspector.reconcileArgs(s);
    String chainId = reconcile == null || reconcile.chain() == null ? null : reconcile.chain().id();
    ChainView chain = null;
    if (chainId != null) {
      try {
        chain = inspector.chain(chainId);
      } catch (WrongTypeKey e) {
        chain = null;
      }
    }
    List<LinkRow> links = new ArrayList<>();
    if (chain != null) {
      chain
          .links()
          .forEach(l -> links.add(new LinkRow(l.date().toString(), l.taskId(), l.state())));
    }
    String runId =
        reconcile == null || !RunIds.isTaskId(id)
            ? null
            : RunIds.forTask(reconcile.businessDate(), id);
    return new Views.TaskDetail(
        id,
        s.get("name"),
        s.get("state"),
        s.get("args"),
        fields,
        attempts(id),
        s.get("error_type"),
        s.get("error"),
        s.get("traceback"),
        chainId,
        chain == null ? null : chain.summary(),
        links,
        followUps(s.get("follow_ups")),
        runId,
        runId != null && runRecorded(runId),
        state != null && state.isRevocable(),
        state == TaskState.FAILURE);
  }

  /**
   * The tasks a task's end enqueued, as its state lists them (ids from Redis: only those of a task
   * id's shape, each once, at most {@link #MAX_FOLLOW_UPS}), with their names and states.
   */
  private List<Views.FollowUpRow> followUps(String listed) {
    if (listed == null || listed.isEmpty()) {
      return List.of();
    }
    List<String> ids =
        Arrays.stream(listed.split(",", MAX_FOLLOW_UPS + 1))
            .filter(RunIds::isTaskId)
            .distinct()
            .limit(MAX_FOLLOW_UPS)
            .toList();
    List<List<String>> states = queue.stateFields(ids, "name", "state");
    List<Views.FollowUpRow> rows = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      rows.add(new Views.FollowUpRow(ids.get(i), states.get(i).get(0), states.get(i).get(1)));
    }
    return rows;
  }

  private static final int MAX_FOLLOW_UPS = 20;

  /** The task's failed attempts, newest first; none when its history is unreadable. */
  private List<Views.AttemptRow> attempts(String id) {
    List<Views.AttemptRow> rows = new ArrayList<>();
    try {
      for (TaskQueue.Attempt a : queue.attempts(id)) {
        rows.add(
            0,
            new Views.AttemptRow(
                a.attempt() == null ? "?" : String.valueOf(a.attempt()),
                a.state(),
                a.at(),
                a.worker(),
                a.errorType(),
                a.error(),
                a.traceback()));
      }
    } catch (WrongTypeKey e) {
      rows.clear();
    }
    return rows;
  }

  /** How long from one recorded time to another, when both read as instants. */
  private static void between(List<Field> fields, String label, String from, String to) {
    try {
      if (from != null && to != null) {
        long ms = java.time.Duration.between(Instant.parse(from), Instant.parse(to)).toMillis();
        fields.add(new Field(label, Format.seconds(Math.max(0, ms) / 1000.0)));
      }
    } catch (DateTimeParseException e) {
      // a time that is not one is shown as it is, above, and no duration is made up
    }
  }

  /** A reconcile task's run id (derived from its date and task id), else null. */
  private boolean runRecorded(String runId) {
    try {
      return runs.find(runId) != null;
    } catch (RuntimeException e) {
      return false;
    }
  }

  // --- failed --------------------------------------------------------------------------------

  Views.FailedList failed(int page) {
    List<Views.FailedRow> rows = new ArrayList<>();
    long first = (long) page * FAILED_PER_PAGE;
    long index = first;
    boolean more = false;
    while (rows.size() < FAILED_PER_PAGE) {
      List<QueueInspector.FailedView> got = inspector.failedPage(index);
      if (got.isEmpty()) {
        break;
      }
      for (QueueInspector.FailedView f : got) {
        if (rows.size() == FAILED_PER_PAGE) {
          more = true;
          break;
        }
        rows.add(failedRow(f));
      }
      index += got.size();
    }
    if (!more && rows.size() == FAILED_PER_PAGE) {
      more = !inspector.failedPage(first + FAILED_PER_PAGE).isEmpty();
    }
    return new Views.FailedList(rows, count(inspector.failedCount()), page, more);
  }

  private static Views.FailedRow failedRow(QueueInspector.FailedView f) {
    var r = f.failure();
    String reason = r.problem() != null ? "malformed failure record: " + r.problem() : r.error();
    return new Views.FailedRow(
        String.valueOf(f.index()),
        r.taskId(),
        r.taskName(),
        r.queue(),
        r.failedAt(),
        r.exception(),
        reason,
        r.worker());
  }

  // --- runs ----------------------------------------------------------------------------------

  /** Runs listed; the chart covers the last 90 days of these. */
  static final int RUNS_SHOWN = 200;

  Views.Runs runList() {
    LocalDate today = LocalDate.now(clock);
    List<RunRecord> recent;
    try {
      recent = runs.recent(RUNS_SHOWN);
    } catch (RuntimeException e) {
      return new Views.Runs(
          List.of(),
          Charts.runs(List.of(), today.minusDays(90), today),
          "The run store cannot be read: " + e.getMessage());
    }
    Map<String, StoredWorkbook> known = knownWorkbooks();
    List<Views.RunRow> rows =
        recent.stream().map(r -> runRow(r, known.get(r.runId()), recent)).toList();
    return new Views.Runs(rows, Charts.runs(recent, today.minusDays(90), today), null);
  }

  /** The stored and pruned workbooks; none when that table cannot be read (the runs still show). */
  private Map<String, StoredWorkbook> knownWorkbooks() {
    try {
      return workbooks.known();
    } catch (RuntimeException e) {
      return Map.of();
    }
  }

  /**
   * One run's row; {@code recent} (newest first) tells whether a later run of its date wrote its
   * own workbook over the file this one recorded, which then is not this run's to download.
   */
  private Views.RunRow runRow(RunRecord r, StoredWorkbook known, List<RunRecord> recent) {
    boolean pruned = known != null && known.pruned();
    List<Field> counts = new ArrayList<>();
    r.counts().forEach((k, v) -> counts.add(new Field(k, String.format("%,d", v))));
    List<Field> amounts = new ArrayList<>();
    r.amounts()
        .forEach(
            (kind, byCurrency) ->
                byCurrency.forEach(
                    (cur, amount) ->
                        amounts.add(new Field(kind, amount.toPlainString() + " " + cur))));
    String duration =
        r.startedAt() != null && r.finishedAt() != null
            ? Format.seconds(
                java.time.Duration.between(r.startedAt(), r.finishedAt()).toMillis() / 1000.0)
            : "";
    return new Views.RunRow(
        r.runId(),
        r.businessDate() == null ? "?" : r.businessDate().toString(),
        r.status(),
        r.matchRatePercent() == null ? "" : r.matchRatePercent().toPlainString() + " %",
        counts,
        amounts,
        duration,
        !pruned
            && (known != null
                || (Workbooks.servable(r, settings) != null
                    && workbooks.laterWriterOf(r, recent) == null)),
        pruned,
        r.error());
  }

  // --- imports -------------------------------------------------------------------------------

  /** Imports the Imports page lists, newest first. */
  static final int IMPORTS_SHOWN = 50;

  /** Rejected rows it lists of each import; the workbook of each day its rows reach has them. */
  static final int REJECTIONS_SHOWN = 10;

  /**
   * The latest imports into the input tables of [paths] database (or of PostgreSQL), with the days
   * their rows reach in [reconciliation] timezone and the first rows each rejected.
   */
  Views.Imports imports() {
    Path db = settings.paths().database();
    String input = settings.database().shown(db);
    try {
      ZoneId zone = settings.reconciliation().timezone();
      List<Views.ImportRow> rows =
          ImportLog.recent(settings.database(), db, IMPORTS_SHOWN, REJECTIONS_SHOWN).stream()
              .map(logged -> importRow(logged, zone))
              .toList();
      List<Views.FormatRow> formats = new ArrayList<>();
      ImportLog.byFormat(settings.database(), db)
          .forEach(
              (format, imported) ->
                  formats.add(
                      new Views.FormatRow(
                          format,
                          imported.latest().at().truncatedTo(ChronoUnit.SECONDS).toString(),
                          String.format("%,d", imported.latest().rowsAdded()),
                          imported.newestRow() == null ? "" : imported.newestRow().toString(),
                          day(imported.newestRow(), zone))));
      return new Views.Imports(input, formats, rows, null);
    } catch (RuntimeException e) {
      return new Views.Imports(
          input,
          List.of(),
          List.of(),
          "The import log cannot be read here: " + SafeText.line(String.valueOf(e.getMessage())));
    }
  }

  private static Views.ImportRow importRow(ImportLog.Logged logged, ZoneId zone) {
    ImportLog.Entry entry = logged.entry();
    List<Views.RejectionRow> rejections = new ArrayList<>();
    for (ImportSummary.Rejection r : logged.rejections()) {
      rejections.add(
          new Views.RejectionRow(
              r.rows() > 1 ? r.line() + "–" + r.lastLine() : String.valueOf(r.line()),
              r.rawId() == null ? "" : r.rawId(),
              day(r.at(), zone),
              r.reason()));
    }
    return new Views.ImportRow(
        entry.at().truncatedTo(ChronoUnit.SECONDS).toString(),
        entry.format(),
        entry.file(),
        String.format("%,d", entry.rowsAdded()),
        entry.rowsRejected() == null ? "" : String.format("%,d", entry.rowsRejected()),
        logged.days(zone),
        entry.taskId() == null ? "" : entry.taskId(),
        rejections,
        logged.notListed() > 0 ? String.format("%,d more", logged.notListed()) : "",
        logged.notes());
  }

  /** The date of {@code at} in {@code zone}; empty for no time. */
  private static String day(Instant at, ZoneId zone) {
    return at == null ? "" : LocalDate.ofInstant(at, zone).toString();
  }

  // --- ledger --------------------------------------------------------------------------------

  /** Open items the Ledger page lists, oldest first; its figures count every one. */
  static final int LEDGER_ITEMS_SHOWN = 200;

  /**
   * The ledger of [paths] database (or of the input tables on PostgreSQL): one read of its open
   * items, as `reconciler ledger` makes, so the page does not refresh itself.
   */
  Views.Ledger ledger() {
    try (LedgerStore store = Ledgers.open(settings, settings.paths().database(), clock)) {
      String input = store.toString();
      List<String> stale = store.staleDates().stream().map(LocalDate::toString).toList();
      String pruned = store.prunedBefore().map(LocalDate::toString).orElse(null);
      Optional<LocalDate> last = store.lastRunDate();
      if (last.isEmpty()) {
        List<Field> others = new ArrayList<>();
        store.otherInputs().forEach((name, date) -> others.add(new Field(name, date.toString())));
        return new Views.Ledger(
            input, null, "0", "0", "0", "", List.of(), List.of(), "0", stale, pruned, others, null);
      }
      LocalDate runDate = last.get();
      List<OpenItem> open = store.openNow();
      LedgerFigures figures = LedgerFigures.of(open, runDate);
      List<Views.BucketRow> buckets = new ArrayList<>();
      for (AgeBucket b : AgeBucket.values()) {
        List<String> amounts = new ArrayList<>();
        figures
            .amounts()
            .get(b)
            .forEach((currency, total) -> amounts.add(Money.withCode(total, currency)));
        amounts.sort(null);
        buckets.add(
            new Views.BucketRow(b.label(), String.format("%,d", figures.counts().get(b)), amounts));
      }
      List<Views.ItemRow> oldest =
          open.stream()
              .sorted(OLDEST_FIRST)
              .limit(LEDGER_ITEMS_SHOWN)
              .map(i -> itemRow(i, runDate))
              .toList();
      return new Views.Ledger(
          input,
          runDate.toString(),
          String.format("%,d", open.size()),
          String.format("%,d", figures.inTransit()),
          String.format("%,d", open.size() - figures.inTransit()),
          figures.oldestAge() < 0 ? "" : figures.oldestAge() + " d",
          buckets,
          oldest,
          String.format("%,d", oldest.size()),
          stale,
          pruned,
          List.of(),
          null);
    } catch (RuntimeException e) {
      return Views.Ledger.unreadable(
          "The ledger cannot be read here: " + SafeText.line(String.valueOf(e.getMessage())));
    }
  }

  private static final Comparator<OpenItem> OLDEST_FIRST =
      Comparator.comparing(OpenItem::openedOn).thenComparing(LedgerRules.ORDER);

  private static Views.ItemRow itemRow(OpenItem item, LocalDate runDate) {
    return new Views.ItemRow(
        item.source().label(),
        item.transactionId(),
        item.openedOn().toString(),
        String.valueOf(item.age(runDate)),
        item.bucket(runDate).label(),
        item.state(),
        item.row().amount() == null
            ? ""
            : Money.withCode(item.row().amount(), item.row().currency()));
  }

  // --- schedule ------------------------------------------------------------------------------

  Views.Schedule schedule() {
    Settings.Schedule s = settings.schedule();
    String catchUp = s.misfire().name().toLowerCase() + ", " + s.catchUpHours() + " h";
    try {
      DailyScheduler.Plan plan = DailyScheduler.plan(settings, queue, clock, 5);
      return new Views.Schedule(
          s.cron(),
          s.timezone().getId(),
          s.misfire().name().toLowerCase(),
          catchUp,
          plan.next().stream().map(ConsoleData::fire).toList(),
          plan.recent().stream().map(ConsoleData::fire).toList(),
          plan.lookBack().toHours() + " h",
          plan.ledgerProblem() == null
              ? null
              : "Could not read the ledger's runs ("
                  + plan.ledgerProblem()
                  + "): a fire whose key is gone shows MISSED even if its date ran since.");
    } catch (RuntimeException e) {
      return new Views.Schedule(
          s.cron(), s.timezone().getId(), "", catchUp, List.of(), List.of(), "", e.getMessage());
    }
  }

  private static Views.FireRow fire(DailyScheduler.Fire f) {
    String outcome =
        switch (f.state()) {
          case TO_COME -> "to come";
          case ENQUEUED -> "enqueued";
          case RAN_KEY_LOST -> "ran (fire key lost)";
          case MISSED -> "MISSED";
        };
    return new Views.FireRow(f.at().toString(), f.businessDate().toString(), outcome);
  }

  // --- helpers -------------------------------------------------------------------------------

  private static <T> T read(List<String> problems, Supplier<T> read, T otherwise) {
    try {
      return read.get();
    } catch (WrongTypeKey e) {
      problems.add(e.getMessage());
      return otherwise;
    }
  }

  private static String count(Reading<Long> n) {
    return n.problem() == null ? String.format("%,d", n.value()) : "unreadable";
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  Instant now() {
    return clock.instant();
  }
}
