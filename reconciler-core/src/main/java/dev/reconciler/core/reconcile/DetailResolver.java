package dev.reconciler.core.reconcile;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Futures;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.TwoThreads;
import dev.reconciler.core.domain.Txn;
import dev.reconciler.core.load.Cleaner;
import dev.reconciler.core.load.LoadedSide;
import dev.reconciler.core.match.Discrepancy;
import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.match.Finding;
import dev.reconciler.core.store.InputSource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.LongStream;

/**
 * Turns findings (positions) into displayable discrepancies by fetching only the rows a report
 * shows, cleaned by the same {@link Cleaner} as the bulk load.
 */
final class DetailResolver {
  /**
   * Kind, then transaction id, then the sale before the processor row, then line. One method, not a
   * chain of comparators: it runs ~750,000 times per million rows, before the JIT has warmed up.
   */
  static int order(Discrepancy a, Discrepancy b) {
    int c = a.kind().compareTo(b.kind());
    if (c == 0) {
      c = a.transactionId().compareTo(b.transactionId());
    }
    if (c == 0) {
      c = Boolean.compare(a.sale() == null, b.sale() == null);
    }
    return c != 0 ? c : Long.compare(line(a), line(b));
  }

  private static long line(Discrepancy d) {
    return d.sale() != null ? d.sale().line() : d.processor().line();
  }

  private final Supplier<InputSource> inputs;
  private final Settings.Reconciliation rules;

  /** Each side's rows are fetched from an input of their own, the two sides at once. */
  DetailResolver(Supplier<InputSource> inputs, Settings.Reconciliation rules) {
    this.inputs = inputs;
    this.rules = rules;
  }

  List<Discrepancy> resolve(List<Finding> findings, LoadedSide sales, LoadedSide processor) {
    long[] processorLines =
        lines(
            findings.stream()
                .filter(f -> f.processorPosition() >= 0)
                .mapToLong(f -> processor.line(f.processorPosition())),
            processor);
    CompletableFuture<Map<Long, Txn>> processorFetch =
        TwoThreads.onAnother(() -> fetch(processor, processorLines));
    Map<Long, Txn> saleRows =
        fetch(
            sales,
            lines(
                findings.stream()
                    .filter(f -> f.salePosition() >= 0)
                    .mapToLong(f -> sales.line(f.salePosition())),
                sales));
    Map<Long, Txn> processorRows = Futures.join(processorFetch);
    List<Discrepancy> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      Txn sale = f.salePosition() < 0 ? null : saleRows.get(sales.line(f.salePosition()));
      Txn proc =
          f.processorPosition() < 0
              ? null
              : processorRows.get(processor.line(f.processorPosition()));
      BigDecimal difference =
          f.kind() == DiscrepancyKind.AMOUNT_MISMATCH
              ? proc.amount().subtract(sale.amount())
              : null;
      out.add(
          new Discrepancy(
              f.kind(),
              sale != null ? sale.transactionId() : proc.transactionId(),
              sale,
              proc,
              difference));
    }
    addDuplicates(out, sales, saleRows);
    addDuplicates(out, processor, processorRows);
    return TwoThreads.sort(out, DetailResolver::order);
  }

  /** Lines of every row in a conflicting-duplicate group: each canonical row and its conflicts. */
  private static LongStream conflictLines(LoadedSide side) {
    return LongStream.range(0, side.conflictCount())
        .flatMap(
            i ->
                LongStream.of(
                    side.line(side.conflictCanonical((int) i)), side.conflictLine((int) i)));
  }

  /**
   * The lines of the findings' rows and of every conflicting-duplicate group, once each, in line
   * order: a source then reads its rows in order (SQLite: the table's pages) rather than seeking.
   */
  private static long[] lines(LongStream findingLines, LoadedSide side) {
    long[] lines = LongStream.concat(findingLines, conflictLines(side)).toArray();
    Arrays.sort(lines);
    int distinct = 0;
    for (int i = 0; i < lines.length; i++) {
      if (i == 0 || lines[i] != lines[i - 1]) {
        lines[distinct++] = lines[i];
      }
    }
    return Arrays.copyOf(lines, distinct);
  }

  /** The cleaned rows of one side at these lines (in line order), by line. */
  Map<Long, Txn> fetch(LoadedSide side, long[] lines) {
    Cleaner cleaner = new Cleaner(rules);
    try (InputSource input = inputs.get()) {
      Map<Long, Txn> rows = new HashMap<>(lines.length * 2);
      input.fetch(side.source(), lines, row -> rows.put(row.line(), cleaner.toTxn(row)));
      return rows;
    }
  }

  private static void addDuplicates(List<Discrepancy> out, LoadedSide side, Map<Long, Txn> rows) {
    Set<Long> canonicalsListed = new HashSet<>();
    for (int i = 0; i < side.conflictCount(); i++) {
      long canonicalLine = side.line(side.conflictCanonical(i));
      if (canonicalsListed.add(canonicalLine)) {
        out.add(duplicate(side.source(), rows.get(canonicalLine)));
      }
      out.add(duplicate(side.source(), rows.get(side.conflictLine(i))));
    }
  }

  private static Discrepancy duplicate(Source source, Txn row) {
    return source == Source.SALES
        ? new Discrepancy(DiscrepancyKind.DUPLICATE_ID, row.transactionId(), row, null, null)
        : new Discrepancy(DiscrepancyKind.DUPLICATE_ID, row.transactionId(), null, row, null);
  }
}
