package dev.reconciler.core.generate;

import dev.reconciler.core.imports.RowType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the processor side as an export file in the shuffled processor order, one plan at a time
 * (plans are drawn again, never held), then each account's payouts. Memory stays flat: per payout a
 * running sum, per format a few totals.
 */
final class ExportFile {
  /** What the file holds, for the ground truth. */
  record Written(Map<String, Long> importCounts, List<ExportTruth.Payout> payouts, long rows) {}

  /** Called after each plan, so the caller can report progress. */
  interface Tick {
    void tick();
  }

  private final ExportSpec spec;
  private final Planner planner;
  private final Ids ids;
  private final Timestamps clock;
  private final long seed;
  private final long[] counts = new long[RowType.values().length];

  ExportFile(GenerationSpec spec, Planner planner, Ids ids, Timestamps clock) {
    this.spec = spec.export();
    this.planner = planner;
    this.ids = ids;
    this.clock = clock;
    this.seed = spec.seed();
  }

  /** How often {@link #write} calls tick: once per slot and section. */
  static int passes(ExportSpec export) {
    return new PayoutLayout(export.format()).accounts;
  }

  Written write(Path file, int[] slots, Tick tick) throws IOException {
    PayoutLayout layout = new PayoutLayout(spec.format());
    ExportRows rows = new ExportRows(ids, spec.rateCard(), layout, spec.format());
    try (ExportWriter out = ExportWriter.open(spec.format(), file, clock, layout, seed)) {
      Payouts payouts =
          new Payouts(layout, out, spec.rates().payoutAnomalies(), seed, clock.dayMillis());
      ExportRows.Sink written =
          row -> {
            counts[row.type.ordinal()]++;
            out.row(row);
          };
      ExportRows.Sink member =
          row -> {
            payouts.add(row);
            written.accept(row);
          };
      int sections = out.sectioned() ? layout.accounts : 1;
      for (int section = 0; section < sections; section++) {
        out.beginSection(section);
        BitSet seen = new BitSet();
        for (int slot : slots) {
          int index = InsertionOrder.index(slot);
          Plan p = planner.plan(index);
          if (!out.sectioned() || rows.account(p) == section) {
            rows.emit(p, seen.get(index), member);
            seen.set(index);
          }
          tick.tick();
        }
        for (int account = 0; account < layout.accounts; account++) {
          if (!out.sectioned() || account == section) {
            payouts.closeAccount(account, written);
          }
        }
        out.endSection(section);
      }
      out.finish();
      return new Written(importCounts(), payouts.truth(), total());
    }
  }

  private Map<String, Long> importCounts() {
    Map<String, Long> result = new LinkedHashMap<>();
    for (RowType type : RowType.values()) {
      result.put(type.id(), counts[type.ordinal()]);
    }
    return result;
  }

  private long total() {
    long sum = 0;
    for (long c : counts) {
      sum += c;
    }
    return sum;
  }
}
