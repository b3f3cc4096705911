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
import java.util.function.Function;

/**
 * What a day's rows, or one part of them ({@link dev.reconciler.core.domain.Shard}), give before
 * the ledger: the same-day findings with their rows, the unpaid sales without a processor row, the
 * rejected rows, and each side's counts and totals. Parts add up to the whole day.
 *
 * @param salesTotals amount per currency code of the sales taken into matching
 * @param matched pairs that agree
 * @param unpaid the unpaid sales with no processor row, in full
 * @param unsettled the number of such sales
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

  /** Every part of a day, as if read together: each list built once, in the parts' order. */
  public static DayPart sum(List<DayPart> parts) {
    DayPart first = parts.get(0);
    SourceStats sales = first.sales;
    SourceStats processor = first.processor;
    Map<String, BigDecimal> salesTotals = first.salesTotals;
    Map<String, BigDecimal> processorTotals = first.processorTotals;
    long matched = first.matched;
    long unsettled = first.unsettled;
    for (DayPart part : parts.subList(1, parts.size())) {
      sales = sum(sales, part.sales);
      processor = sum(processor, part.processor);
      salesTotals = sum(salesTotals, part.salesTotals);
      processorTotals = sum(processorTotals, part.processorTotals);
      matched += part.matched;
      unsettled += part.unsettled;
    }
    return new DayPart(
        concat(parts, DayPart::sameDay),
        concat(parts, DayPart::unpaid),
        sales,
        processor,
        salesTotals,
        processorTotals,
        concat(parts, DayPart::rejected),
        matched,
        unsettled);
  }

  private static <T> List<T> concat(List<DayPart> parts, Function<DayPart, List<T>> list) {
    List<T> all = new ArrayList<>(parts.stream().mapToInt(p -> list.apply(p).size()).sum());
    parts.forEach(p -> all.addAll(list.apply(p)));
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
