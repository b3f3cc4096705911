package dev.reconciler.cli;

import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.match.ReconciliationResult;
import dev.reconciler.core.match.SourceStats;
import dev.reconciler.core.reconcile.RunOutcome;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Collectors;

/** The short table `reconcile` prints: what an operator checks before opening the workbook. */
final class SummaryPrinter {
  private SummaryPrinter() {}

  static void print(RunOutcome outcome, PrintStream out) {
    ReconciliationResult r = outcome.result();
    out.printf("Reconciliation of %s (run %s)%n", r.businessDate(), r.runId());
    side(out, r.sales());
    side(out, r.processor());
    BigDecimal rate = r.matchRatePercent();
    out.printf("  %-22s %,12d   match rate %s%n", "matched", r.matched(), rate == null ? "n/a" : rate + "%");
    out.printf("  %-22s %,12d   (not paid, nothing expected to settle)%n", "unsettled sales", r.unsettledSales());
    Map<DiscrepancyKind, Map<String, BigDecimal>> amounts = r.amounts();
    r.counts().forEach((kind, count) -> out.printf("  %-22s %,12d   %s%n", kind.label().toLowerCase(), count,
        amounts.getOrDefault(kind, Map.of()).entrySet().stream()
            .map(e -> e.getKey() + " " + String.format("%,.2f", e.getValue()))
            .collect(Collectors.joining(", "))));
    out.printf("  %-22s %,12d%n", "rejected rows", r.rejected().size());
    out.println("Report: " + outcome.report());
  }

  private static void side(PrintStream out, SourceStats s) {
    out.printf("  %-22s %,12d   (%,d rejected, %,d exact duplicates, %,d conflicting duplicates)%n",
        s.source().label().toLowerCase() + " rows", s.rowsRead(), s.rejected(), s.exactDuplicates(),
        s.conflictingDuplicates());
  }
}
