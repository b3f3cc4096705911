package dev.reconciler.core.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the Summary and the run's counts say of the open items after a run, from one pass over them:
 * a hundred thousand items after a few bad weeks, which the report and the record each went over
 * several times, on the run's own thread.
 *
 * @param inTransit open items not yet missing
 * @param wentMissing open items that went missing on this run
 * @param oldestAge the oldest open item's age in days, or -1 when nothing is open
 * @param counts open items per bucket, every bucket present
 * @param currencies the currencies of the open items, in order
 * @param amounts per bucket (every bucket present), the open items' total per currency they have
 */
public record LedgerFigures(
    long inTransit,
    long wentMissing,
    long oldestAge,
    Map<AgeBucket, Long> counts,
    SortedSet<String> currencies,
    Map<AgeBucket, Map<String, BigDecimal>> amounts) {

  /** The figures of {@code ledger}'s open items. */
  public static LedgerFigures of(LedgerOutcome ledger) {
    return of(ledger.open(), ledger.runDate());
  }

  /**
   * The figures of {@code open}, the items open after the run of {@code runDate}, in the ledger's
   * order (by opening date within each source).
   */
  public static LedgerFigures of(List<OpenItem> open, LocalDate runDate) {
    AgeBucket[] buckets = AgeBucket.values();
    long[] counts = new long[buckets.length];
    List<Map<String, BigDecimal>> amounts = new ArrayList<>(buckets.length);
    for (int b = 0; b < buckets.length; b++) {
      amounts.add(new HashMap<>());
    }
    long inTransit = 0;
    long wentMissing = 0;
    long oldest = -1;
    // Items come by opening date within each source: the age is worked out once per date.
    LocalDate opened = null;
    long age = 0;
    int bucket = 0;
    for (OpenItem item : open) {
      if (!item.openedOn().equals(opened)) {
        opened = item.openedOn();
        age = OpenItem.age(opened, runDate);
        bucket = AgeBucket.of(age).ordinal();
      }
      if (!item.missing()) {
        inTransit++;
      } else if (runDate.equals(item.missingSince())) {
        wentMissing++;
      }
      oldest = Math.max(oldest, age);
      counts[bucket]++;
      amounts.get(bucket).merge(item.row().currency(), item.row().amount(), BigDecimal::add);
    }
    Map<AgeBucket, Long> countsByBucket = new EnumMap<>(AgeBucket.class);
    Map<AgeBucket, Map<String, BigDecimal>> amountsByBucket = new EnumMap<>(AgeBucket.class);
    SortedSet<String> currencies = new TreeSet<>();
    for (AgeBucket b : buckets) {
      countsByBucket.put(b, counts[b.ordinal()]);
      amountsByBucket.put(b, Collections.unmodifiableMap(amounts.get(b.ordinal())));
      currencies.addAll(amounts.get(b.ordinal()).keySet());
    }
    return new LedgerFigures(
        inTransit,
        wentMissing,
        oldest,
        Collections.unmodifiableMap(countsByBucket),
        Collections.unmodifiableSortedSet(currencies),
        Collections.unmodifiableMap(amountsByBucket));
  }
}
