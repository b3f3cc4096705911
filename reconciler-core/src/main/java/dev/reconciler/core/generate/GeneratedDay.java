package dev.reconciler.core.generate;

import dev.reconciler.core.domain.Source;
import java.time.LocalDate;

/**
 * One day of a several-day generation: its transactions' plans, the rows they land on it and on the
 * days after it, and the truth of its own run.
 */
final class GeneratedDay {
  final int day;
  final LocalDate date;
  final Ids ids;
  final Timestamps clock;
  final Planner planner;

  /** The truth of this date's run; late rows from earlier days add their rejections to it. */
  final TruthCollector truth;

  /** This day's transactions' rows by the days after this one they land on (0: this one). */
  final InsertionOrder[] orders = new InsertionOrder[GenerationSpec.Days.MAX_LAG + 1];

  private final GenerationSpec spec;
  private final long seed;
  private final LedgerTruth ledger;
  private final long[] rowsLanding = new long[Source.values().length];

  GeneratedDay(GenerationSpec spec, int day, LedgerTruth ledger) {
    this.spec = spec;
    this.day = day;
    this.date = spec.businessDate().plusDays(day);
    this.seed = Planner.daySeed(spec.seed(), day);
    this.ids = new Ids(date);
    this.truth = new TruthCollector(ids, null);
    this.clock = new Timestamps(date, spec.zone());
    this.planner = new Planner(spec, date, seed);
    this.ledger = ledger;
    for (int lag = 0; lag < orders.length; lag++) {
      orders[lag] = new InsertionOrder(lag);
    }
  }

  /**
   * Called in index order: same-day transactions go to this day's truth, the rest to the ledger.
   */
  void add(Plan p) {
    for (InsertionOrder order : orders) {
      order.add(p);
    }
    ledger.take(day, ids.transaction(p.index), p, truth);
  }

  /** This day's transactions' rows of side landing lag days later, in insertion order. */
  int[] shuffled(Source side, int lag) {
    // Lag 0 shuffles with the day's own seed, as a single day does.
    return orders[lag].shuffled(side, Planner.daySeed(seed, lag));
  }

  /** Counts rows of side written on this date, whichever day's transactions they belong to. */
  void landed(Source side, long rows) {
    rowsLanding[side.ordinal()] += rows;
  }

  /** The truth of this date's run once every row landing on it is written. */
  GroundTruth build() {
    GenerationSpec daySpec =
        new GenerationSpec(
            date, spec.transactions(), seed, spec.zone(), spec.amountTolerance(), spec.rates());
    return truth.build(
        daySpec, rowsLanding[Source.SALES.ordinal()], rowsLanding[Source.PROCESSOR.ordinal()]);
  }
}
