package dev.reconciler.core.reconcile;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Futures;
import dev.reconciler.core.domain.Money;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.Shard;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.TwoThreads;
import dev.reconciler.core.domain.Txn;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.ledger.LedgerLock;
import dev.reconciler.core.ledger.LedgerOutcome;
import dev.reconciler.core.ledger.LedgerRules;
import dev.reconciler.core.ledger.LedgerState;
import dev.reconciler.core.ledger.LedgerStep;
import dev.reconciler.core.ledger.LedgerStore;
import dev.reconciler.core.ledger.Ledgers;
import dev.reconciler.core.ledger.Leftover;
import dev.reconciler.core.ledger.OpenItem;
import dev.reconciler.core.load.Cleaner;
import dev.reconciler.core.load.LoadedSide;
import dev.reconciler.core.load.RejectedRow;
import dev.reconciler.core.load.SideLoader;
import dev.reconciler.core.match.CurrencyTotal;
import dev.reconciler.core.match.Discrepancy;
import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.match.MatchOutcome;
import dev.reconciler.core.match.Matcher;
import dev.reconciler.core.match.ReconciliationResult;
import dev.reconciler.core.match.SourceStats;
import dev.reconciler.core.report.ExcelReportWriter;
import dev.reconciler.core.runs.RunCounts;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.RunStore;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.core.runs.RunWorkbooks;
import dev.reconciler.core.settle.Settlement;
import dev.reconciler.core.settle.SettlementRules;
import dev.reconciler.core.store.InputSchema;
import dev.reconciler.core.store.InputSource;
import dev.reconciler.core.store.PgInputSource;
import dev.reconciler.core.store.Sqlite;
import dev.reconciler.core.store.SqliteInputSource;
import dev.reconciler.core.store.SqlitePartIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Runs one reconciliation end to end: load and clean, match, report, record. */
public final class ReconcileService {
  private static final Logger log = LoggerFactory.getLogger(ReconcileService.class);

  private final Settings settings;
  private final Clock clock;
  private final Progress progress;
  private final HeapCheck heap;

  public ReconcileService(Settings settings, Clock clock, Progress progress) {
    this.settings = settings;
    this.clock = clock;
    this.progress = progress;
    this.heap = new HeapCheck(HeapCheck.RUNTIME, settings.database());
  }

  /**
   * Runs the request and records it in the run store (as FAILURE with the error when it throws).
   */
  public RunOutcome run(ReconcileRequest request) {
    return run(request, null);
  }

  /**
   * Reconciles one part of the request's day (of {@code [reconciliation] shards}) as far as it can
   * alone: loaded, matched and its findings' rows fetched. Records nothing: {@link #finish} takes
   * every part of the day and does the rest. The ledger is neither read nor changed.
   */
  public DayPart part(ReconcileRequest request, Shard shard) {
    String previous = MDC.get("runId");
    MDC.put("runId", request.runId());
    try {
      checkInput(request, shard.count());
      LoadedSide[] sides = loadBothSides(request, shard);
      return matchDay(request, sides, new Stopwatch(new LinkedHashMap<>()));
    } catch (RuntimeException | OutOfMemoryError e) {
      if (outOfMemory(e)) {
        throw heap.outOfMemory(request);
      }
      throw e;
    } finally {
      restore(previous);
    }
  }

  /**
   * Runs the request from its day's parts ({@link #part}, one of each shard) instead of loading the
   * day: the ledger, the settlement rules, the report and the run record, as {@link #run} does, and
   * the same outcome as a run of the whole day.
   */
  public RunOutcome finish(ReconcileRequest request, List<DayPart> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("no part of " + request.businessDate() + " to finish");
    }
    return run(request, List.copyOf(parts));
  }

  /** Runs the request, from the day itself or, when given, from its parts. */
  private RunOutcome run(ReconcileRequest request, List<DayPart> parts) {
    String previous = MDC.get("runId");
    MDC.put("runId", request.runId());
    Instant started = clock.instant();
    RunStore runs = RunStores.open(settings, request.database());
    try {
      // The parts have checked the input and the heap for their share; the whole day is not read.
      int shards = parts == null ? checkInput(request, settings.reconciliation().shards()) : 0;
      prepareParts(request.database(), shards);
      runs.save(RunRecord.running(request.runId(), request.businessDate(), started));
      try (LedgerLock lock = Ledgers.lock(settings, request.database());
          Executed executed = execute(request, parts, shards)) {
        stopIfInterrupted();
        return finish(request, runs, started, executed, lock);
      }
    } catch (RuntimeException | OutOfMemoryError e) {
      RuntimeException error = outOfMemory(e) ? heap.outOfMemory(request) : (RuntimeException) e;
      recordFailure(runs, request, started, error);
      throw error;
    } finally {
      restore(previous);
    }
  }

  /** Whether {@code e} is, or was caused by (on a helper thread), running out of heap. */
  private static boolean outOfMemory(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError || Sqlite.outOfMemory(t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A run's outcome, with its ledger record written but not yet committed and its report written
   * but not yet published.
   */
  private record Executed(
      RunOutcome outcome, LedgerStore.Recording ledger, ExcelReportWriter.Pending report)
      implements AutoCloseable {
    @Override
    public void close() {
      try {
        ledger.close();
      } finally {
        report.close();
      }
    }
  }

  /**
   * Publishes the report, commits the ledger, stores the workbook, then records the run: a process
   * killed before the record leaves a run that a redelivery repeats, and repeating a date rewrites
   * its own ledger changes, so nothing doubles. The ledger's lock is confirmed first: one lost
   * during the run fails it, and its retry reads the ledger again.
   */
  private RunOutcome finish(
      ReconcileRequest request,
      RunStore runs,
      Instant started,
      Executed executed,
      LedgerLock lock) {
    RunOutcome outcome = executed.outcome();
    Stopwatch watch = new Stopwatch(outcome.stages());
    lock.confirmHeld();
    // After the last check that can stop or fail the run, just before the commit: a run stopped
    // or failed before here leaves the day's report as it was, not one that tells of a ledger never
    // committed; one whose report cannot be put in place commits nothing either. Only a commit
    // failing in the moment between leaves the new report without its ledger, which the run's
    // retry writes again.
    publish(executed.report());
    executed.ledger().commit();
    watch.lap("ledger commit");
    // Before the success: a redelivery of a run recorded SUCCESS does not run it again, so a
    // worker killed between the two would leave a workbook no other host ever gets.
    RunWorkbooks.open(settings, request.database(), clock)
        .afterRun(request.runId(), outcome.report());
    watch.lap("workbook");
    runs.save(
        RunRecord.succeeded(
            request.runId(),
            request.businessDate(),
            started,
            clock.instant(),
            outcome.counts(),
            RunCounts.amounts(outcome.result()),
            outcome.result().matchRatePercent(),
            outcome.report().toString()));
    watch.lap("record");
    if (settings.reconciliation().ledgerKeepDays() > 0) {
      pruneLedger(request);
      watch.lap("ledger prune");
    }
    log.info(
        "Run {} for {} finished: {} matched, {} discrepancies, {} rejected; report {}; stages {}",
        request.runId(),
        request.businessDate(),
        outcome.result().matched(),
        outcome.result().discrepancyCount(),
        outcome.result().rejectedRows(),
        outcome.report(),
        outcome.stages());
    return outcome;
  }

  /**
   * After the run recorded its success, still under the ledger's lock: deletes the history no run
   * from [reconciliation] ledger_keep_days before the run's date on reads. A prune that fails only
   * logs; the next run tries again.
   */
  private void pruneLedger(ReconcileRequest request) {
    LocalDate before = request.businessDate().minusDays(settings.reconciliation().ledgerKeepDays());
    try (LedgerStore ledger = Ledgers.open(settings, request.database(), clock)) {
      LedgerStore.Pruned pruned = ledger.prune(before);
      if (pruned.items() + pruned.unpaidSales() > 0) {
        log.info(
            "Pruned the ledger's history before {}: {} cleared items and {} unpaid sales deleted",
            pruned.before(),
            pruned.items(),
            pruned.unpaidSales());
      }
    } catch (RuntimeException e) {
      log.warn(
          "Pruning the ledger's history before {} failed, the next run tries again: {}",
          before,
          e.toString());
    }
  }

  /**
   * A run its worker stopped (time limit, 'revoke --terminate') records neither its ledger nor a
   * success: the interrupt may have come while nothing in the pipeline looked at it.
   */
  private static void stopIfInterrupted() {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("interrupted by its worker before it recorded its result");
    }
  }

  /**
   * The input has what a run reads, and the day (in {@code shards} parts) fits in the heap left
   * (see {@link HeapCheck}).
   *
   * @return the parts to read the day in (shards, or what auto chose)
   */
  private int checkInput(ReconcileRequest request, int shards) {
    int parts;
    try (InputSource input = input(request)) {
      input.checkSchema();
      parts = heap.check(input, () -> input(request), request, shards);
    }
    return shards == Settings.AUTO_SHARDS ? indexedParts(request, parts) : parts;
  }

  /**
   * The parts auto chose, or the count the input is indexed for when that is more, up to {@link
   * #INDEXED_PARTS_MORE} times as many: smaller parts fit the heap too, and a day whose rows or
   * heap sit near a boundary would otherwise have its part indexes dropped and made again each time
   * auto's choice halves or quarters (seconds on a big day, see {@link #prepareParts}).
   */
  private int indexedParts(ReconcileRequest request, int parts) {
    if (parts < 2 || settings.database().postgres()) {
      return parts;
    }
    int read =
        partsToRead(
            parts,
            SqlitePartIndex.indexedCount(
                request.database(), schema(), settings.database().busyTimeoutMs()));
    if (read != parts) {
      log.info(
          "{}: reconciling in {} parts instead of {}, as the input is indexed for {}",
          request.businessDate(),
          read,
          parts,
          read);
    }
    return read;
  }

  /**
   * Most parts auto reads a day in, for its choice: beyond it, a part's own work (a pass of the
   * rules, a report to merge) costs more than making the indexes for the count it chose.
   */
  static final int INDEXED_PARTS_MORE = 4;

  /**
   * The parts to read a day in that auto would read in {@code chosen}: see {@link #indexedParts}.
   */
  static int partsToRead(int chosen, int indexed) {
    return indexed > chosen && indexed <= chosen * INDEXED_PARTS_MORE ? indexed : chosen;
  }

  /** Runs the request from {@code parts} when given, else from the day read in {@code shards}. */
  private Executed execute(ReconcileRequest request, List<DayPart> parts, int shards) {
    Map<String, Duration> stages = new LinkedHashMap<>();
    Stopwatch watch = new Stopwatch(stages);
    ExcelReportWriter writer = new ExcelReportWriter(settings.report());
    // The carried items are read while the day loads: reading them is work of its own (a hundred
    // thousand rows after a few bad weeks), and none of it depends on the day's rows.
    CompletableFuture<LedgerState> carried = TwoThreads.onAnother(() -> carried(request));
    CompletableFuture<Settlement> settling = parts == null ? null : settle(request);
    try {
      List<DayPart> read = new ArrayList<>(shards);
      for (int i = 0; i < shards; i++) {
        Shard shard = new Shard(i, shards);
        progress.start(
            "Loading " + request.businessDate() + (shard.whole() ? "" : ", part " + shard), -1);
        LoadedSide[] sides = loadBothSides(request, shard);
        progress.finish();
        watch.lap("load+clean");
        if (settling == null) {
          // The settlement rules need nothing of the match: they run beside it, the details and
          // the ledger, which leave the second core mostly idle. (Beside the load they only slowed
          // it: both cores are busy there.)
          settling = settle(request);
        }
        // A part's loaded rows are let go before the next part loads: only its findings stay.
        read.add(matchDay(request, sides, watch));
      }
      DayPart day = DayPart.sum(parts == null ? read : parts);
      return ledgerAndReport(request, day, carried, settling, writer, watch);
    } finally {
      if (settling != null) {
        Futures.await(settling);
      }
      Futures.await(carried);
    }
  }

  private CompletableFuture<Settlement> settle(ReconcileRequest request) {
    return TwoThreads.onAnother(
        () -> new SettlementRules(settings).check(request.database(), request.businessDate()));
  }

  /**
   * One day, or one part of it: matched, and the rows of its findings and of its unpaid sales
   * without a processor row fetched.
   */
  private DayPart matchDay(ReconcileRequest request, LoadedSide[] sides, Stopwatch watch) {
    MatchOutcome matched =
        new Matcher(settings.reconciliation().amountTolerance()).match(sides[0], sides[1]);
    watch.lap("match");
    DetailResolver details = new DetailResolver(() -> input(request), settings.reconciliation());
    // Fetched beside the findings' rows: their two fetches leave a core idle part of the time.
    CompletableFuture<List<Txn>> unpaid =
        TwoThreads.onAnother(() -> List.copyOf(unpaid(details, sides[0], matched)));
    List<Discrepancy> sameDay;
    try {
      sameDay = details.resolve(matched.findings(), sides[0], sides[1]);
    } finally {
      Futures.await(unpaid);
    }
    watch.lap("details");
    List<RejectedRow> rejected = new ArrayList<>(sides[0].rejected());
    rejected.addAll(sides[1].rejected());
    return new DayPart(
        sameDay,
        Futures.join(unpaid),
        stats(sides[0]),
        stats(sides[1]),
        sides[0].totals(),
        sides[1].totals(),
        rejected,
        matched.matched(),
        matched.unsettledSales());
  }

  private Executed ledgerAndReport(
      ReconcileRequest request,
      DayPart day,
      CompletableFuture<LedgerState> carried,
      CompletableFuture<Settlement> settling,
      ExcelReportWriter writer,
      Stopwatch watch) {
    LedgerState before = Futures.join(carried);
    LedgerStep ledger = applyLedger(request, before, day.sameDay(), day.unpaid());
    List<Discrepancy> discrepancies = withLedger(day.sameDay(), ledger);
    watch.lap("ledger");
    Settlement settlement = Futures.join(settling);
    watch.lap("settlement (rest)");
    ReconciliationResult result = result(request, day, discrepancies, settlement, ledger.outcome());
    Path target = request.reportDir().resolve(settings.report().fileName(request.businessDate()));
    // Checked here too, not only before recording: a library the report writer uses clears the
    // thread's interrupt, and a run stopped by now leaves the day's report file as it was.
    stopIfInterrupted();
    // The ledger is written while the report is: neither needs the other, and the run commits it
    // only once it has not been stopped, after the report (see run).
    CompletableFuture<LedgerStore.Recording> recording =
        TwoThreads.onAnother(() -> prepareLedger(request, ledger.outcome()));
    // Beside the report too, rather than after it on the run's own thread.
    CompletableFuture<Map<String, Long>> counts = TwoThreads.onAnother(() -> RunCounts.of(result));
    ExcelReportWriter.Pending report;
    try {
      report = writeReport(writer, result, target);
    } catch (IOException | RuntimeException e) {
      Futures.await(counts);
      Futures.await(recording.thenAccept(LedgerStore.Recording::close));
      throw e instanceof IOException io
          ? new UncheckedIOException("writing report " + target + " failed: " + e, io)
          : (RuntimeException) e;
    }
    watch.lap("report");
    Map<String, Long> runCounts;
    LedgerStore.Recording prepared;
    try {
      runCounts = Futures.join(counts);
      prepared = Futures.join(recording);
    } catch (RuntimeException e) {
      Futures.await(recording.thenAccept(LedgerStore.Recording::close));
      report.close();
      throw e;
    }
    watch.lap("ledger record");
    return new Executed(
        new RunOutcome(result, target, watch.stages(), runCounts), prepared, report);
  }

  private static void publish(ExcelReportWriter.Pending report) {
    try {
      report.publish();
    } catch (IOException e) {
      throw new UncheckedIOException("publishing report " + report.target() + " failed: " + e, e);
    }
  }

  /**
   * Writes the report on another thread while this one waits: the library that clears a thread's
   * interrupt then clears the helper's, and an interrupt of the run's own thread that arrives
   * during the report is still there when the run checks it before recording.
   */
  private static ExcelReportWriter.Pending writeReport(
      ExcelReportWriter writer, ReconciliationResult result, Path target) throws IOException {
    try {
      return Futures.join(
          TwoThreads.onAnother(
              () -> {
                try {
                  return writer.writePending(result, target);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private LedgerStore.Recording prepareLedger(ReconcileRequest request, LedgerOutcome outcome) {
    // A recording outlives its store: the store keeps no connection of its own.
    try (LedgerStore ledger = Ledgers.open(settings, request.database(), clock)) {
      return ledger.prepare(request.runId(), outcome);
    }
  }

  /** Loads sales on this thread and the processor side on another: the two reads overlap. */
  private LoadedSide[] loadBothSides(ReconcileRequest request, Shard shard) {
    String runId = MDC.get("runId");
    ExecutorService pool =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "load-processor");
              t.setDaemon(true);
              return t;
            });
    try {
      CompletableFuture<LoadedSide> processor =
          CompletableFuture.supplyAsync(
              () -> {
                MDC.put("runId", runId);
                return loadSide(request, Source.PROCESSOR, shard);
              },
              pool);
      LoadedSide sales = loadSide(request, Source.SALES, shard);
      return new LoadedSide[] {sales, Futures.join(processor)};
    } finally {
      pool.shutdownNow();
    }
  }

  private LoadedSide loadSide(ReconcileRequest request, Source source, Shard shard) {
    try (InputSource input = input(request)) {
      SideLoader loader =
          new SideLoader(new Cleaner(settings.reconciliation()), request.businessDate());
      return loader.load(input, source, shard, progress);
    }
  }

  private ReconciliationResult result(
      ReconcileRequest request,
      DayPart day,
      List<Discrepancy> discrepancies,
      Settlement settlement,
      LedgerOutcome ledger) {
    List<RejectedRow> rejected = new ArrayList<>(day.rejected());
    rejected.sort(Comparator.comparing(RejectedRow::source).thenComparingLong(RejectedRow::line));
    // After the tables' own: the rows the imports of the day's processor files rejected, by file.
    rejected.addAll(ImportRejections.forDay(settings, request.database(), request.businessDate()));
    return new ReconciliationResult(
        request.runId(),
        request.businessDate(),
        settings.database().shown(request.database()),
        day.sales(),
        day.processor(),
        day.matched(),
        day.unsettled(),
        discrepancies,
        List.copyOf(rejected),
        totals(day.salesTotals(), day.processorTotals()),
        settlement,
        ledger);
  }

  /** The ledger as the previous date's run left it. */
  private LedgerState carried(ReconcileRequest request) {
    try (LedgerStore ledger = Ledgers.open(settings, request.database(), clock)) {
      return ledger.before(request.businessDate());
    }
  }

  /**
   * The day's unpaid sales without a processor row, in full: they never open an item, but they are
   * the other half of a processor row carried from an earlier day or of one a later day brings, as
   * a pending sale and a settled payment on one day are a pair.
   */
  private static Collection<Txn> unpaid(
      DetailResolver details, LoadedSide sales, MatchOutcome matched) {
    long[] lines = Arrays.stream(matched.unsettledPositions()).mapToLong(sales::line).toArray();
    return lines.length == 0 ? List.of() : details.fetch(sales, lines).values();
  }

  /**
   * The day's unmatched rows against the ledger as the previous date's run left it: a paid sale
   * with no processor row that day (missing in processor) or a processor row with no sale (missing
   * in sales) is a leftover that may clear an older item (a processor row also an earlier unpaid
   * sale) or open one of its own; an unpaid sale ({@code unpaid}) may only clear one, and is kept
   * for a later processor row when it clears none.
   */
  private LedgerStep applyLedger(
      ReconcileRequest request,
      LedgerState carried,
      List<Discrepancy> sameDay,
      Collection<Txn> unpaid) {
    Cleaner cleaner = new Cleaner(settings.reconciliation());
    Function<Txn, Leftover> leftover = row -> new Leftover(row, cleaner.status(row.status()));
    List<Leftover> leftovers = new ArrayList<>();
    for (Discrepancy d : sameDay) {
      if (isMissing(d.kind())) {
        leftovers.add(leftover.apply(d.sale() != null ? d.sale() : d.processor()));
      }
    }
    List<Leftover> unpaidLeftovers = unpaid.stream().map(leftover).toList();
    LedgerRules rules =
        new LedgerRules(
            settings.reconciliation().settlementWindowDays(),
            settings.reconciliation().amountTolerance());
    LocalDate date = request.businessDate();
    if (carried.emptyStart() != null) {
      log.info("Ledger for {}: {}", date, carried.emptyStart());
    }
    try (LedgerStore ledger = Ledgers.open(settings, request.database(), clock)) {
      List<Leftover> all = new ArrayList<>(leftovers);
      all.addAll(unpaidLeftovers);
      // The rules need only what the ledger carries of each item (amount, currency, status): which
      // items the run shows in full, and their rows, are found on the other core meanwhile. (The
      // earlier unpaid sales are read in full, and never shown but cleared.)
      CompletableFuture<Map<Txn, Txn>> full =
          TwoThreads.onAnother(() -> fullRows(ledger, rules.shownInFull(date, carried, all)));
      LedgerStep step;
      try {
        LedgerState before =
            carried.withUnpaidSales(ledger.unpaidSales(date, processorIds(leftovers)));
        step = rules.apply(date, before, leftovers, unpaidLeftovers);
      } finally {
        Futures.await(full);
      }
      return step.withRows(Futures.join(full));
    }
  }

  /**
   * The ids of the processor rows among {@code leftovers}: what an earlier unpaid sale may pair.
   */
  private static Set<String> processorIds(List<Leftover> leftovers) {
    Set<String> ids = new HashSet<>();
    for (Leftover left : leftovers) {
      if (left.row().source() == Source.PROCESSOR) {
        ids.add(left.row().transactionId());
      }
    }
    return ids;
  }

  /** The full row of each of {@code shown}, by the carried row it replaces (by identity). */
  private static Map<Txn, Txn> fullRows(LedgerStore ledger, List<OpenItem> shown) {
    List<OpenItem> complete = ledger.complete(shown);
    Map<Txn, Txn> rows = new IdentityHashMap<>(2 * shown.size());
    for (int i = 0; i < shown.size(); i++) {
      rows.put(shown.get(i).row(), complete.get(i).row());
    }
    return rows;
  }

  /**
   * The run's findings: the same-day ones, less the missing kinds, whose place the ledger's take
   * (only items that went missing on this run), plus late pairs that disagree; in report order.
   */
  static List<Discrepancy> withLedger(List<Discrepancy> sameDay, LedgerStep ledger) {
    List<Discrepancy> kept = new ArrayList<>(sameDay.size());
    boolean ordered = true;
    for (Discrepancy d : sameDay) {
      if (!isMissing(d.kind())) {
        ordered = ordered && (kept.isEmpty() || DetailResolver.order(last(kept), d) <= 0);
        kept.add(d);
      }
    }
    List<Discrepancy> late = new ArrayList<>(ledger.discrepancies());
    if (!ordered) {
      // A day read in parts: each part's findings are in order, not the parts together.
      kept.addAll(late);
      kept.sort(DetailResolver::order);
      return kept;
    }
    // A day read whole: only the ledger's few are sorted, then merged, ties from the same-day ones
    // first, as one stable sort of both would put them.
    late.sort(DetailResolver::order);
    List<Discrepancy> all = new ArrayList<>(kept.size() + late.size());
    int j = 0;
    for (Discrepancy d : kept) {
      while (j < late.size() && DetailResolver.order(late.get(j), d) < 0) {
        all.add(late.get(j++));
      }
      all.add(d);
    }
    all.addAll(late.subList(j, late.size()));
    return all;
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }

  private static boolean isMissing(DiscrepancyKind kind) {
    return kind == DiscrepancyKind.MISSING_IN_PROCESSOR || kind == DiscrepancyKind.MISSING_IN_SALES;
  }

  private static SourceStats stats(LoadedSide side) {
    return new SourceStats(
        side.source(),
        side.table(),
        side.rowsRead(),
        side.rejected().size(),
        side.exactDuplicates(),
        side.conflictCount(),
        side.size());
  }

  private static List<CurrencyTotal> totals(Map<String, BigDecimal> s, Map<String, BigDecimal> p) {
    TreeSet<String> currencies = new TreeSet<>(s.keySet());
    currencies.addAll(p.keySet());
    BigDecimal none = Money.toDecimal(0L);
    return currencies.stream()
        .map(c -> new CurrencyTotal(c, s.getOrDefault(c, none), p.getOrDefault(c, none)))
        .toList();
  }

  private InputSource input(ReconcileRequest request) {
    if (settings.database().postgres()) {
      return new PgInputSource(settings.database(), schema());
    }
    return new SqliteInputSource(request.database(), schema(), settings.database().busyTimeoutMs());
  }

  private InputSchema schema() {
    return new InputSchema(
        settings.database().salesTable(),
        settings.database().processorTable(),
        settings.reconciliation().matchKey());
  }

  /**
   * Readies {@code database} for days read in {@code count} parts, before they are read: on SQLite
   * each part then seeks its own rows through an index ({@link SqlitePartIndex}), made once unless
   * the input is not this product's to write ([paths] runs_database set) or cannot be written.
   * PostgreSQL reads a part by its condition alone.
   */
  public void prepareParts(Path database, int count) {
    if (count > 1 && !settings.database().postgres()) {
      SqlitePartIndex.ensure(
          database,
          schema(),
          count,
          settings.database().busyTimeoutMs(),
          settings.paths().runsDatabase() == null);
    }
  }

  /**
   * Makes the indexes {@link #prepareParts} would, whoever records the runs ('reconciler
   * index-parts'), failing when it cannot.
   *
   * @return true when it made them, false when they were there
   * @throws UserError on PostgreSQL, which has nothing to index
   */
  public boolean indexParts(Path database, int count) {
    if (settings.database().postgres()) {
      throw new UserError(
          "index-parts is for SQLite: PostgreSQL reads a part of a day by its condition alone");
    }
    return SqlitePartIndex.make(database, schema(), count, settings.database().busyTimeoutMs());
  }

  private void recordFailure(
      RunStore runs, ReconcileRequest request, Instant started, RuntimeException e) {
    // Runs kept in a missing input database have nowhere to go; a runs database of its own does,
    // and so does PostgreSQL.
    if (!settings.database().postgres()
        && settings.paths().runsDatabase() == null
        && !Files.isRegularFile(request.database())) {
      return;
    }
    try {
      runs.save(
          RunRecord.failed(
              request.runId(),
              request.businessDate(),
              started,
              clock.instant(),
              e.getClass().getSimpleName() + ": " + e.getMessage()));
    } catch (RuntimeException again) {
      e.addSuppressed(again);
    }
  }

  private static void restore(String previous) {
    if (previous == null) {
      MDC.remove("runId");
    } else {
      MDC.put("runId", previous);
    }
  }
}
