package dev.reconciler.core.generate;

import dev.reconciler.core.domain.Money;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.match.DiscrepancyKind;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The open-items ledger's rules applied to plans rather than rows, day by day in date order from an
 * empty ledger: a day's leftovers clear items carried from earlier days, the rest open new items,
 * and only then are items aged. A pending sale without a processor row that day opens nothing but
 * is kept: a processor row of a later day clears it. The reconciler is never run to learn this.
 */
final class LedgerTruth {
  /** A row that has no partner among its own day's rows. */
  private record Leftover(Source side, String id, Plan plan) {}

  private record Key(Source side, String id) {}

  /** An item cleared on a run, and the kind of its late pair when it disagrees. */
  private record Clearing(Item item, DiscrepancyKind kind) {}

  /** An open item; missingSince is set on the run where its age reaches the window. */
  private static final class Item {
    final Source side;
    final String id;
    final Plan plan;
    final LocalDate openedOn;
    LocalDate missingSince;

    Item(Leftover row, LocalDate openedOn) {
      this.side = row.side();
      this.id = row.id();
      this.plan = row.plan();
      this.openedOn = openedOn;
    }
  }

  /** A day's lists, waiting for the day's rows to be written before its truth is complete. */
  record DayLists(
      List<MultiDayTruth.Item> inTransit,
      List<MultiDayTruth.Item> open,
      List<MultiDayTruth.Cleared> cleared) {

    MultiDayTruth.Day with(GroundTruth run) {
      return new MultiDayTruth.Day(run, inTransit, open, cleared);
    }
  }

  private static final Comparator<Item> ORDER =
      Comparator.<Item, Source>comparing(i -> i.side)
          .thenComparing(i -> i.openedOn)
          .thenComparing(i -> i.id);

  private final int windowDays;
  private final long toleranceScaled;

  /** Leftovers by the day (index from the first) whose run they are part of. */
  private final List<List<Leftover>> byDay = new ArrayList<>();

  private final Map<Key, Item> open = new HashMap<>();

  /** Pending sales of earlier days whose processor row is still to come, by id. */
  private final Map<String, Item> kept = new HashMap<>();

  /** Pending sales by the day (index) whose run keeps them. */
  private final List<List<Leftover>> keptByDay = new ArrayList<>();

  LedgerTruth(GenerationSpec spec) {
    this.windowDays = spec.days().windowDays();
    this.toleranceScaled = Money.fromDecimal(spec.amountTolerance());
    for (int day = 0; day < spec.days().count(); day++) {
      byDay.add(new ArrayList<>());
      keptByDay.add(new ArrayList<>());
    }
  }

  /** Whether any row of the plan lacks a partner on its own day: then the plan is the ledger's. */
  private static boolean ledgered(Plan p) {
    return leftover(p, Source.SALES) || leftover(p, Source.PROCESSOR);
  }

  /**
   * A paid sale without a processor row on its day, or a processor row without a sale on its day.
   * An unpaid sale with no processor row is unsettled and never opens an item.
   */
  private static boolean leftover(Plan p, Source side) {
    Source other = other(side);
    boolean unpaid =
        side == Source.SALES
            && (p.category == Category.UNSETTLED_SALE || p.category == Category.LATE_CAPTURE);
    boolean partnerSameDay = has(p, other) && p.dayOffset(other) == p.dayOffset(side);
    return has(p, side) && !unpaid && !partnerSameDay;
  }

  private static boolean has(Plan p, Source side) {
    return side == Source.SALES ? p.category.hasSale() : p.category.hasProcessor();
  }

  /** Whether the plan's sale is pending on its day and its processor row comes on a later one. */
  private static boolean keptUnpaid(Plan p) {
    return p.category == Category.LATE_CAPTURE;
  }

  /**
   * A plan of the day-th day, in index order: a same-day one goes to the day's {@code truth}, the
   * rest to the ledger (a pending sale kept for a later day also counts unsettled on its own).
   */
  void take(int day, String id, Plan p, TruthCollector truth) {
    if (!ledgered(p)) {
      truth.add(p);
      return;
    }
    add(day, id, p);
    if (keptUnpaid(p)) {
      truth.keptUnpaid();
    }
  }

  /** Schedules a ledgered plan of the day-th day; rows landing after the last day never come. */
  private void add(int day, String id, Plan p) {
    if (keptUnpaid(p)) {
      keptByDay.get(day).add(new Leftover(Source.SALES, id, p));
    }
    for (Source side : Source.values()) {
      int target = day + p.dayOffset(side);
      if (leftover(p, side) && target < byDay.size()) {
        byDay.get(target).add(new Leftover(side, id, p));
      }
    }
  }

  /**
   * The run of the day-th day: every plan landing rows on it must have been added. The findings it
   * makes (items gone missing, late pairs that disagree) go to that day's truth.
   */
  DayLists run(int day, LocalDate date, TruthCollector truth) {
    List<Clearing> cleared = new ArrayList<>();
    List<Item> opened = new ArrayList<>();
    for (Leftover row : byDay.set(day, List.of())) {
      Item hit = open.remove(new Key(other(row.side()), row.id()));
      if (hit == null && row.side() == Source.PROCESSOR) {
        hit = kept.remove(row.id());
      }
      if (hit == null) {
        opened.add(new Item(row, date));
        continue;
      }
      DiscrepancyKind kind = classify(row.plan());
      if (kind != null) {
        truth.latePair(kind, row.id(), row.plan());
      }
      cleared.add(new Clearing(hit, kind));
    }
    opened.forEach(item -> open.put(new Key(item.side, item.id), item));
    for (Leftover sale : keptByDay.set(day, List.of())) {
      kept.put(sale.id(), new Item(sale, date));
    }
    age(date, truth);
    return lists(date, cleared);
  }

  /** After matching: an item whose age reached the window goes missing on this run, once. */
  private void age(LocalDate date, TruthCollector truth) {
    for (Item item : open.values()) {
      if (item.missingSince == null && age(item, date) >= windowDays) {
        item.missingSince = date;
        truth.missing(item.side, item.id, item.plan);
      }
    }
  }

  /**
   * A pair completed across days is classified like a same-day pair: currency, else a paid sale's
   * failed payment (no pending sale kept here has one), else the amount beyond tolerance.
   */
  private DiscrepancyKind classify(Plan p) {
    if (p.saleCurrency != p.processorCurrency) {
      return DiscrepancyKind.CURRENCY_MISMATCH;
    }
    if (p.processorFailed) {
      return DiscrepancyKind.FAILED_PAYMENT;
    }
    long difference = Math.abs(p.saleMinor - p.processorMinor) * p.saleCurrency.scaledMinorUnit();
    return difference > toleranceScaled ? DiscrepancyKind.AMOUNT_MISMATCH : null;
  }

  private DayLists lists(LocalDate date, List<Clearing> cleared) {
    cleared.sort(Comparator.comparing(Clearing::item, ORDER));
    List<MultiDayTruth.Cleared> done = new ArrayList<>();
    for (Clearing c : cleared) {
      done.add(
          new MultiDayTruth.Cleared(
              TruthCollector.name(c.item().side),
              c.item().id,
              c.item().openedOn,
              age(c.item(), date),
              c.kind() == null ? null : c.kind().id()));
    }
    List<Item> all = new ArrayList<>(open.values());
    all.sort(ORDER);
    List<MultiDayTruth.Item> openNow = new ArrayList<>();
    List<MultiDayTruth.Item> inTransit = new ArrayList<>();
    for (Item item : all) {
      MultiDayTruth.Item shown =
          new MultiDayTruth.Item(
              TruthCollector.name(item.side),
              item.id,
              item.openedOn,
              age(item, date),
              item.missingSince);
      openNow.add(shown);
      if (item.missingSince == null) {
        inTransit.add(shown);
      }
    }
    return new DayLists(inTransit, openNow, done);
  }

  private static long age(Item item, LocalDate date) {
    return ChronoUnit.DAYS.between(item.openedOn, date);
  }

  private static Source other(Source side) {
    return side == Source.SALES ? Source.PROCESSOR : Source.SALES;
  }
}
