package dev.reconciler.core.ledger;

import dev.reconciler.core.domain.Money;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.Txn;
import dev.reconciler.core.match.Discrepancy;
import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.match.Matcher;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ledger's rules for one run: the day's leftovers first clear the items of the other source
 * still open from earlier days, then open items of their own, and only then is every open item aged
 * against the settlement window. Matching before aging is what lets an item whose other half
 * arrives on the very run its age reaches the window clear instead of going missing.
 */
public final class LedgerRules {
  /** Source, then opening date, then transaction id: the Open Items sheet's order. */
  public static final Comparator<OpenItem> ORDER =
      // Spelled out rather than chained: it sorts every open item on every run, and a chain of
      // key extractors costs a few times more per comparison under the batch commands' C1 JIT.
      (a, b) -> {
        int c = a.source().compareTo(b.source());
        if (c == 0) {
          c = a.openedOn().compareTo(b.openedOn());
        }
        return c != 0 ? c : a.transactionId().compareTo(b.transactionId());
      };

  private final int windowDays;
  private final long tolerance;

  /**
   * @param windowDays days an item stays in transit before it is reported missing
   * @param tolerance the largest amount difference a late pair may have and still agree
   */
  public LedgerRules(int windowDays, BigDecimal tolerance) {
    if (windowDays < 0) {
      throw new IllegalArgumentException("negative settlement window " + windowDays);
    }
    this.windowDays = windowDays;
    this.tolerance = Money.fromDecimal(tolerance);
  }

  /**
   * The carried items whose rows a run of {@code date} shows in full: those a leftover of the other
   * source may clear (the Cleared sheet) and those whose age reaches the window (a missing sheet).
   * Every other carried item shows only its id, dates, amount and currency.
   */
  public List<OpenItem> shownInFull(LocalDate date, LedgerState carried, List<Leftover> leftovers) {
    Set<String> sales = new HashSet<>();
    Set<String> processor = new HashSet<>();
    for (Leftover left : leftovers) {
      (left.row().source() == Source.SALES ? sales : processor).add(left.row().transactionId());
    }
    List<OpenItem> shown = new ArrayList<>();
    for (OpenItem item : carried.open()) {
      if (hasOtherHalf(item, sales, processor) || reachesWindow(item, date)) {
        shown.add(item);
      }
    }
    // A resolved item never goes missing; it shows only when cleared.
    for (OpenItem item : carried.resolvedOpen()) {
      if (hasOtherHalf(item, sales, processor)) {
        shown.add(item);
      }
    }
    return shown;
  }

  private static boolean hasOtherHalf(OpenItem item, Set<String> sales, Set<String> processor) {
    return (item.source() == Source.SALES ? processor : sales).contains(item.transactionId());
  }

  /** Applies the run for {@code date} to the ledger as it stood before it. */
  public LedgerStep apply(LocalDate date, LedgerState before, List<Leftover> leftovers) {
    return apply(date, before, leftovers, List.of());
  }

  /**
   * As {@link #apply(LocalDate, LedgerState, List)}, where {@code unpaid} are the day's unpaid
   * sales without a processor row: each clears a processor item carried with its id, like any
   * leftover, but opens nothing when there is none (nothing was expected to settle); it is kept
   * instead ({@link LedgerOutcome#unpaid}), and a processor row of a later day with its id clears
   * it ({@link LedgerState#unpaidSales}). A pending sale settled the next day is a pair in either
   * order, as on one day.
   */
  public LedgerStep apply(
      LocalDate date, LedgerState before, List<Leftover> leftovers, List<Leftover> unpaid) {
    // In the order the ledger reads them (by opening date, then in the sheet's order within it):
    // the open list built from these then holds long sorted runs, which the final sort merges
    // rather than sorting every item from scratch.
    // Sized for every carried item: growing a map of a hundred thousand rehashes it ten times.
    int capacity = (int) (before.open().size() / 0.75f) + 1;
    Map<String, OpenItem> openSales = new LinkedHashMap<>(capacity);
    Map<String, OpenItem> openProcessor = new LinkedHashMap<>(capacity);
    for (OpenItem item : before.open()) {
      if (!item.openedOn().isBefore(date)) {
        throw new IllegalArgumentException(
            "item "
                + item.transactionId()
                + " opened on "
                + item.openedOn()
                + ", not before "
                + date);
      }
      Map<String, OpenItem> same = item.source() == Source.SALES ? openSales : openProcessor;
      same.merge(item.transactionId(), item, LedgerRules::older);
    }
    // Items open but for a resolution (a sale written off, say): when the other half comes after
    // all, it clears the item, as it would have unresolved, instead of opening an item of its own
    // that could then never clear (and, were the resolution taken back, would count the pair
    // twice). Only where no item of that id is open: the open one is the other half's.
    Map<String, OpenItem> resolvedSales = new HashMap<>();
    Map<String, OpenItem> resolvedProcessor = new HashMap<>();
    for (OpenItem item : before.resolvedOpen()) {
      Map<String, OpenItem> same =
          item.source() == Source.SALES ? resolvedSales : resolvedProcessor;
      same.merge(item.transactionId(), item, LedgerRules::older);
    }
    // Only a processor row with none of the above to clear pairs with an earlier unpaid sale: an
    // item open is the other half a row was expected to have.
    Map<String, OpenItem> unpaidSales = new HashMap<>();
    for (OpenItem item : before.unpaidSales()) {
      unpaidSales.merge(item.transactionId(), item, LedgerRules::older);
    }
    List<ClearedItem> cleared = new ArrayList<>();
    List<Discrepancy> discrepancies = new ArrayList<>();
    List<OpenItem> opened = new ArrayList<>();
    List<OpenItem> unpaidCleared = new ArrayList<>();
    for (Leftover left : leftovers) {
      boolean sale = left.row().source() == Source.SALES;
      String id = left.row().transactionId();
      OpenItem other =
          otherHalf(id, sale ? openProcessor : openSales, sale ? resolvedProcessor : resolvedSales);
      if (other == null && !sale && !openProcessor.containsKey(id)) {
        other = unpaidSales.remove(id);
        if (other != null) {
          unpaidCleared.add(other);
        }
      }
      if (other != null) {
        clear(other, left, date, cleared, discrepancies);
      } else if (!(sale ? openSales : openProcessor).containsKey(id)) {
        // A repeat of an id still open on the same side stays one item, dated by its first row.
        opened.add(new OpenItem(left.row(), left.status(), date, null));
      }
    }
    // By id, the first row kept: the date's unpaid sales are stored one per id, as items are.
    Map<String, OpenItem> kept = new LinkedHashMap<>();
    for (Leftover left : unpaid) {
      String id = left.row().transactionId();
      OpenItem other = otherHalf(id, openProcessor, resolvedProcessor);
      if (other != null) {
        clear(other, left, date, cleared, discrepancies);
      } else {
        kept.putIfAbsent(id, new OpenItem(left.row(), left.status(), date, null));
      }
    }
    List<OpenItem> open = new ArrayList<>(openSales.size() + openProcessor.size() + opened.size());
    for (Map<String, OpenItem> side : List.of(openSales, openProcessor)) {
      side.values().forEach(open::add);
    }
    open.addAll(opened);
    for (int i = 0; i < open.size(); i++) {
      OpenItem item = open.get(i);
      if (reachesWindow(item, date)) {
        item = item.missingFrom(date);
        open.set(i, item);
        discrepancies.add(missing(item));
      }
    }
    open.sort(ORDER);
    cleared.sort(Comparator.comparing(ClearedItem::item, ORDER));
    // In the same order however the day was read (whole, or in parts whose rows come unordered).
    List<OpenItem> keptSales = new ArrayList<>(kept.values());
    keptSales.sort(ORDER);
    unpaidCleared.sort(ORDER);
    LedgerOutcome outcome =
        new LedgerOutcome(
            date,
            windowDays,
            before.emptyStart(),
            List.copyOf(open),
            List.copyOf(cleared),
            List.copyOf(before.resolved()),
            List.copyOf(keptSales),
            List.copyOf(unpaidCleared));
    return new LedgerStep(outcome, discrepancies);
  }

  /**
   * The item of the other source that a leftover of {@code id} clears, taken off its map: the open
   * one, else one open but for its resolution; null when neither.
   */
  private static OpenItem otherHalf(
      String id, Map<String, OpenItem> open, Map<String, OpenItem> resolved) {
    OpenItem other = open.remove(id);
    return other != null ? other : resolved.remove(id);
  }

  /** Clears {@code item} by {@code left}, also a finding of its kind when the pair disagrees. */
  private void clear(
      OpenItem item,
      Leftover left,
      LocalDate date,
      List<ClearedItem> cleared,
      List<Discrepancy> discrepancies) {
    DiscrepancyKind kind = classify(item, left);
    ClearedItem done = new ClearedItem(item, left.row(), date, kind);
    cleared.add(done);
    if (kind != null) {
      discrepancies.add(latePair(kind, done));
    }
  }

  private static OpenItem older(OpenItem a, OpenItem b) {
    return a.openedOn().isAfter(b.openedOn()) ? b : a;
  }

  private DiscrepancyKind classify(OpenItem item, Leftover left) {
    boolean itemIsSale = item.source() == Source.SALES;
    Txn sale = itemIsSale ? item.row() : left.row();
    Txn processor = itemIsSale ? left.row() : item.row();
    return Matcher.classify(
        sale.currency(),
        itemIsSale ? item.status() : left.status(),
        Money.fromDecimal(sale.amount()),
        processor.currency(),
        itemIsSale ? left.status() : item.status(),
        Money.fromDecimal(processor.amount()),
        tolerance);
  }

  private static Discrepancy latePair(DiscrepancyKind kind, ClearedItem c) {
    BigDecimal difference =
        kind == DiscrepancyKind.AMOUNT_MISMATCH
            ? c.processor().amount().subtract(c.sale().amount())
            : null;
    return new Discrepancy(kind, c.transactionId(), c.sale(), c.processor(), difference);
  }

  private static Discrepancy missing(OpenItem item) {
    return item.source() == Source.SALES
        ? new Discrepancy(
            DiscrepancyKind.MISSING_IN_PROCESSOR, item.transactionId(), item.row(), null, null)
        : new Discrepancy(
            DiscrepancyKind.MISSING_IN_SALES, item.transactionId(), null, item.row(), null);
  }

  /**
   * Whether an item not yet missing goes missing on {@code date}: what {@link #apply} marks, and so
   * what {@link #shownInFull} must read in full beforehand.
   */
  private boolean reachesWindow(OpenItem item, LocalDate date) {
    return !item.missing() && item.age(date) >= windowDays;
  }
}
