package dev.reconciler.core.reconcile;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Futures;
import dev.reconciler.core.domain.Money;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.load.Cleaner;
import dev.reconciler.core.load.LoadedSide;
import dev.reconciler.core.load.RejectedRow;
import dev.reconciler.core.load.SideLoader;
import dev.reconciler.core.match.CurrencyTotal;
import dev.reconciler.core.match.Discrepancy;
import dev.reconciler.core.match.MatchOutcome;
import dev.reconciler.core.match.Matcher;
import dev.reconciler.core.match.ReconciliationResult;
import dev.reconciler.core.match.SourceStats;
import dev.reconciler.core.report.ExcelReportWriter;
import dev.reconciler.core.runs.RunCounts;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.RunStore;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.core.store.InputSchema;
import dev.reconciler.core.store.InputSource;
import dev.reconciler.core.store.SqliteInputSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Runs one reconciliation end to end: load and clean, match, report, record. */
public final class ReconcileService {
  private static final Logger log = LoggerFactory.getLogger(ReconcileService.class);

  private final Settings settings;
  private final Clock clock;
  private final Progress progress;

  public ReconcileService(Settings settings, Clock clock, Progress progress) {
    this.settings = settings;
    this.clock = clock;
    this.progress = progress;
  }

  /**
   * Runs the request and records it in the run store (as FAILURE with the error when it throws).
   */
  public RunOutcome run(ReconcileRequest request) {
    String previous = MDC.get("runId");
    MDC.put("runId", request.runId());
    Instant started = clock.instant();
    RunStore runs = RunStores.open(settings, request.database());
    try {
      checkInput(request);
      runs.save(RunRecord.running(request.runId(), request.businessDate(), started));
      RunOutcome outcome = execute(request);
      Stopwatch watch = new Stopwatch(outcome.stages());
      runs.save(
          RunRecord.succeeded(
              request.runId(),
              request.businessDate(),
              started,
              clock.instant(),
              RunCounts.of(outcome.result()),
              RunCounts.amounts(outcome.result()),
              outcome.result().matchRatePercent(),
              outcome.report().toString()));
      watch.lap("record");
      log.info(
          "Run {} for {} finished: {} matched, {} discrepancies, {} rejected; report {}; stages {}",
          request.runId(),
          request.businessDate(),
          outcome.result().matched(),
          outcome.result().discrepancyCount(),
          outcome.result().rejected().size(),
          outcome.report(),
          outcome.stages());
      return outcome;
    } catch (RuntimeException e) {
      recordFailure(runs, request, started, e);
      throw e;
    } finally {
      restore(previous);
    }
  }

  private void checkInput(ReconcileRequest request) {
    try (InputSource input = input(request)) {
      input.checkSchema();
    }
  }

  private RunOutcome execute(ReconcileRequest request) {
    Map<String, Duration> stages = new LinkedHashMap<>();
    Stopwatch watch = new Stopwatch(stages);
    ExcelReportWriter writer = new ExcelReportWriter(settings.report());
    progress.start("Loading " + request.businessDate(), -1);
    LoadedSide[] sides = loadBothSides(request);
    progress.finish();
    watch.lap("load+clean");
    MatchOutcome matched =
        new Matcher(settings.reconciliation().amountTolerance()).match(sides[0], sides[1]);
    watch.lap("match");
    List<Discrepancy> discrepancies =
        new DetailResolver(() -> input(request), settings.reconciliation())
            .resolve(matched.findings(), sides[0], sides[1]);
    watch.lap("details");
    ReconciliationResult result = result(request, sides, matched, discrepancies);
    Path target = request.reportDir().resolve(settings.report().fileName(request.businessDate()));
    try {
      writer.write(result, target);
    } catch (IOException e) {
      throw new UncheckedIOException("writing report " + target + " failed: " + e, e);
    }
    watch.lap("report");
    return new RunOutcome(result, target, stages);
  }

  /** Loads sales on this thread and the processor side on another: the two reads overlap. */
  private LoadedSide[] loadBothSides(ReconcileRequest request) {
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
                return loadSide(request, Source.PROCESSOR);
              },
              pool);
      LoadedSide sales = loadSide(request, Source.SALES);
      return new LoadedSide[] {sales, Futures.join(processor)};
    } finally {
      pool.shutdownNow();
    }
  }

  private LoadedSide loadSide(ReconcileRequest request, Source source) {
    try (InputSource input = input(request)) {
      SideLoader loader =
          new SideLoader(new Cleaner(settings.reconciliation()), request.businessDate());
      return loader.load(input, source, progress);
    }
  }

  private ReconciliationResult result(
      ReconcileRequest request,
      LoadedSide[] sides,
      MatchOutcome matched,
      List<Discrepancy> discrepancies) {
    List<RejectedRow> rejected = new ArrayList<>(sides[0].rejected());
    rejected.addAll(sides[1].rejected());
    rejected.sort(Comparator.comparing(RejectedRow::source).thenComparingLong(RejectedRow::line));
    return new ReconciliationResult(
        request.runId(),
        request.businessDate(),
        request.database().toString(),
        stats(sides[0]),
        stats(sides[1]),
        matched.matched(),
        matched.unsettledSales(),
        discrepancies,
        List.copyOf(rejected),
        totals(sides[0], sides[1]));
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

  private static List<CurrencyTotal> totals(LoadedSide sales, LoadedSide processor) {
    Map<String, BigDecimal> s = sales.totals();
    Map<String, BigDecimal> p = processor.totals();
    TreeSet<String> currencies = new TreeSet<>(s.keySet());
    currencies.addAll(p.keySet());
    BigDecimal none = Money.toDecimal(0L);
    return currencies.stream()
        .map(c -> new CurrencyTotal(c, s.getOrDefault(c, none), p.getOrDefault(c, none)))
        .toList();
  }

  private InputSource input(ReconcileRequest request) {
    InputSchema schema =
        new InputSchema(
            settings.database().salesTable(),
            settings.database().processorTable(),
            settings.reconciliation().matchKey());
    return new SqliteInputSource(request.database(), schema, settings.database().busyTimeoutMs());
  }

  private void recordFailure(
      RunStore runs, ReconcileRequest request, Instant started, RuntimeException e) {
    // Runs kept in a missing input database have nowhere to go; a runs database of its own does.
    if (settings.paths().runsDatabase() == null && !Files.isRegularFile(request.database())) {
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
