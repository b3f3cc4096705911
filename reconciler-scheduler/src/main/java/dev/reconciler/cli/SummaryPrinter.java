package dev.reconciler.cli;

import dev.reconciler.core.domain.Money;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.match.EmptySide;
import dev.reconciler.core.match.ReconciliationResult;
import dev.reconciler.core.match.SourceStats;
import dev.reconciler.core.reconcile.RunOutcome;
import dev.reconciler.core.runs.RunCounts;
import dev.reconciler.core.runs.RunRecord;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The short table an operator checks before opening the workbook, from a run or its record. */
final class SummaryPrinter {
  private SummaryPrinter() {}

  static void print(RunOutcome outcome, PrintStream out) {
    ReconciliationResult r = outcome.result();
    out.printf("Reconciliation of %s (run %s)%n", r.businessDate(), r.runId());
    warning(out, r.businessDate(), r.sales().rowsRead(), r.processor().rowsRead());
    side(out, r.sales());
    side(out, r.processor());
    matched(out, r.matched(), r.matchRatePercent());
    out.printf(
        "  %-22s %,12d   (not paid, nothing expected to settle)%n",
        "unsettled sales", r.unsettledSales());
    Map<String, Long> counts = new LinkedHashMap<>();
    r.counts().forEach((kind, n) -> counts.put(kind.id(), n));
    Map<String, Map<String, BigDecimal>> amounts = new LinkedHashMap<>();
    r.amounts().forEach((kind, byCurrency) -> amounts.put(kind.id(), byCurrency));
    kinds(out, counts, amounts);
    rejected(out, r.rejectedRows(), r.rejectedInFiles());
    ledger(out, outcome.counts());
    if (r.ledger().emptyStart() != null) {
      out.println("  ledger started empty: " + r.ledger().emptyStart());
    }
    out.println("Report: " + outcome.report());
  }

  static void print(RunRecord run, PrintStream out) {
    out.printf(
        "Reconciliation of %s (run %s): %s%n", run.businessDate(), run.runId(), run.status());
    warning(
        out,
        run.businessDate(),
        run.counts().get(RunCounts.SALES_ROWS),
        run.counts().get(RunCounts.PROCESSOR_ROWS));
    out.printf(
        "  %-22s %,12d%n", "sales rows", run.counts().getOrDefault(RunCounts.SALES_ROWS, 0L));
    out.printf(
        "  %-22s %,12d%n",
        "processor rows", run.counts().getOrDefault(RunCounts.PROCESSOR_ROWS, 0L));
    matched(out, run.counts().getOrDefault(RunCounts.MATCHED, 0L), run.matchRatePercent());
    kinds(out, run.counts(), run.amounts());
    rejected(
        out,
        run.counts().getOrDefault(RunCounts.REJECTED, 0L),
        run.counts().getOrDefault(RunCounts.REJECTED_IN_FILES, 0L));
    ledger(out, run.counts());
  }

  /**
   * A warning line when one side read no rows of the day while the other read some; none when a
   * count is not known (a run recorded before row counts).
   */
  private static void warning(PrintStream out, LocalDate date, Long sales, Long processor) {
    EmptySide empty = EmptySide.of(sales, processor);
    if (empty != null) {
      out.println("  warning: " + empty.question(date, sales, processor));
    }
  }

  /** The rejected rows, and how many of them processor files lost at import when any did. */
  private static void rejected(PrintStream out, long rows, long inFiles) {
    out.printf(
        "  %-22s %,12d%s%n",
        "rejected rows",
        rows,
        inFiles > 0 ? String.format("   (%,d in processor files)", inFiles) : "");
  }

  /** The ledger's counts, when the run kept them (a run recorded before the ledger did not). */
  private static void ledger(PrintStream out, Map<String, Long> counts) {
    Long open = counts.get(RunCounts.OPEN_ITEMS);
    if (open == null) {
      return;
    }
    long oldest = counts.getOrDefault(RunCounts.OLDEST_OPEN_DAYS, -1L);
    out.printf("  %-22s %,12d%n", "in transit", counts.getOrDefault(RunCounts.IN_TRANSIT, 0L));
    out.printf(
        "  %-22s %,12d   %s%n",
        "open items",
        open,
        oldest < 0 ? "" : "oldest " + oldest + (oldest == 1 ? " day" : " days"));
    out.printf("  %-22s %,12d%n", "cleared late", counts.getOrDefault(RunCounts.CLEARED, 0L));
    out.printf("  %-22s %,12d%n", "resolved", counts.getOrDefault(RunCounts.RESOLVED, 0L));
  }

  private static void matched(PrintStream out, long matched, BigDecimal rate) {
    out.printf(
        "  %-22s %,12d   match rate %s%n", "matched", matched, rate == null ? "n/a" : rate + "%");
  }

  /**
   * One line per kind with its totals per currency. A currency is printed escaped: the settlement
   * rules total by the code a stored row carries, and a run record is read from the database, so
   * either may hold a terminal escape or a line break.
   */
  static void kinds(
      PrintStream out, Map<String, Long> counts, Map<String, Map<String, BigDecimal>> amounts) {
    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      out.printf(
          "  %-22s %,12d   %s%n",
          kind.label().toLowerCase(),
          counts.getOrDefault(kind.id(), 0L),
          amounts.getOrDefault(kind.id(), Map.of()).entrySet().stream()
              .map(
                  e ->
                      SafeText.line(e.getKey(), 20) + " " + Money.display(e.getValue(), e.getKey()))
              .collect(Collectors.joining(", ")));
    }
  }

  private static void side(PrintStream out, SourceStats s) {
    out.printf(
        "  %-22s %,12d   (%,d rejected, %,d exact duplicates, %,d conflicting duplicates)%n",
        s.source().label().toLowerCase() + " rows",
        s.rowsRead(),
        s.rejected(),
        s.exactDuplicates(),
        s.conflictingDuplicates());
  }
}
