package dev.reconciler.core.reconcile;

import dev.reconciler.core.domain.Txn;
import dev.reconciler.core.load.RejectedRow;
import dev.reconciler.core.match.Discrepancy;
import dev.reconciler.core.match.SourceStats;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a day's rows, or one part of them ({@link dev.reconciler.core.domain.Shard}), give before
 * the ledger: the same-day findings with their rows, the unpaid sales that may clear a carried
 * item, the rejected rows, and each side's counts and totals. Parts add up to the whole day.
 *
 * @param salesTotals amount per currency code of the sales taken into matching
 * @param matched pairs that agree
 * @param unsettled unpaid sales with no processor row
 */
public record DayPart(
    List<Discrepancy> sameDay,
    List<Txn> unpaid,
    SourceStats sales,
    SourceStats processor,
    Map<String, BigDecimal> salesTotals,
    Map<String, BigDecimal> processorTotals,
    List<RejectedRow> rejected,
    long matched,
    long unsettled) {

  /** Every part of a day, as if read together. */
  public static DayPart sum(List<DayPart> parts) {
    DayPart day = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      day = day.plus(parts.get(i));
    }
    return day;
  }

  /** This part and {@code other}, as if read together. */
  public DayPart plus(DayPart other) {
    return new DayPart(
        concat(sameDay, other.sameDay),
        concat(unpaid, other.unpaid),
        sum(sales, other.sales),
        sum(processor, other.processor),
        sum(salesTotals, other.salesTotals),
        sum(processorTotals, other.processorTotals),
        concat(rejected, other.rejected),
        matched + other.matched,
        unsettled + other.unsettled);
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a.size() + b.size());
    all.addAll(a);
    all.addAll(b);
    return all;
  }

  private static SourceStats sum(SourceStats a, SourceStats b) {
    return new SourceStats(
        a.source(),
        a.table(),
        a.rowsRead() + b.rowsRead(),
        a.rejected() + b.rejected(),
        a.exactDuplicates() + b.exactDuplicates(),
        a.conflictingDuplicates() + b.conflictingDuplicates(),
        a.accepted() + b.accepted());
  }

  private static Map<String, BigDecimal> sum(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
    Map<String, BigDecimal> all = new HashMap<>(a);
    b.forEach((currency, amount) -> all.merge(currency, amount, BigDecimal::add));
    return all;
  }
}
