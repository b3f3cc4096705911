package dev.reconciler.core.generate;

import dev.reconciler.core.domain.Money;
import dev.reconciler.core.domain.Source;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Draws the {@link Plan} of transaction {@code index} from its own random stream, seeded from the
 * spec's seed and the index: plans can be recomputed in any order, so rows need not be held in
 * memory between shuffling and writing.
 */
final class Planner {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final String[] SALE_PAID = {"completed", "paid", "succeeded"};
  private static final String[] PROCESSOR_PAID = {"settled", "captured", "success"};
  private static final String[] PROCESSOR_FAILED = {"failed", "declined"};
  private static final String[] UNSETTLED = {"pending", "cancelled"};
  private static final Plan.Mess[] MESSES = Plan.Mess.values();
  private static final Defect[] DEFECTS = Defect.values();

  /** Processor rows arrive 1 s to 10 min after the sale. */
  private static final int MAX_DELAY_MS = 600_000;

  private final long seed;
  private final Category.Picker picker;
  private final double rejectedRate;
  private final long toleranceScaled;
  private final int dayMillis;
  private final int customers;
  private final ExportSpec export;

  /** Lengths of the plans' own day (lag 0) and the days after it: where a late row is drawn. */
  private final int[] laterDayMillis = new int[GenerationSpec.Days.MAX_LAG + 1];

  /** Plans of the spec's business date. */
  Planner(GenerationSpec spec) {
    this(spec, spec.businessDate(), spec.seed());
  }

  /** Plans of one of the spec's days, each day drawn from its own seed. */
  Planner(GenerationSpec spec, LocalDate day, long seed) {
    this.seed = seed;
    this.export = spec.export();
    this.picker = new Category.Picker(spec.rates(), spec.days().late(), export);
    this.rejectedRate = spec.rates().rejected();
    this.toleranceScaled = Money.fromDecimal(spec.amountTolerance());
    for (int lag = 0; lag < laterDayMillis.length; lag++) {
      laterDayMillis[lag] = Timestamps.dayMillis(day.plusDays(lag), spec.zone());
    }
    this.dayMillis = laterDayMillis[0];
    // Enough customers that most buy once or twice a day, as in a real shop.
    this.customers = Math.max(100, spec.transactions() / 2);
  }

  Plan plan(int index) {
    SplittableRandom random = new SplittableRandom(mix(seed + (index + 1L) * GOLDEN));
    Plan p = new Plan(index);
    p.category = picker.pick(random.nextDouble());
    p.saleCurrency = CurrencyMix.draw(random);
    p.processorCurrency = p.saleCurrency;
    p.saleMinor = Amounts.draw(random);
    p.processorMinor = p.saleMinor;
    p.saleStatus = weighted(random, SALE_PAID);
    p.processorStatus = weighted(random, PROCESSOR_PAID);
    p.createdMs = random.nextInt(dayMillis);
    p.processedMs = Math.min(p.createdMs + 1000 + random.nextInt(MAX_DELAY_MS), dayMillis - 1);
    p.customer = random.nextInt(customers);
    p.processorRef = random.nextLong();
    shape(p, random);
    if (random.nextDouble() < rejectedRate) {
      Defect defect = DEFECTS[random.nextInt(DEFECTS.length)];
      p.reject = new Plan.Reject(rowSide(random), defect, random.nextInt(2));
    }
    if (export != null) {
      ExportShapes.shape(p, random, dayMillis, export.format());
    }
    return p;
  }

  /**
   * A side for a messy, copied or defective row. An export file is the processor's own, well-formed
   * text: such rows go to the sales side, where the import does not see them.
   */
  private Source rowSide(SplittableRandom random) {
    Source side = side(random);
    return export == null ? side : Source.SALES;
  }

  /** Bends a clean matched pair into the plan's category. */
  private void shape(Plan p, SplittableRandom random) {
    switch (p.category) {
      case MISSING_IN_SALES -> {
        if (random.nextInt(10) == 0 && export == null) {
          failProcessor(p, random);
        }
      }
      case UNSETTLED_SALE -> p.saleStatus = UNSETTLED[random.nextInt(UNSETTLED.length)];
      case AMOUNT_MISMATCH ->
          p.processorMinor = shift(p.saleMinor, mismatchDelta(p, random), random);
      case FAILED_PAYMENT -> failProcessor(p, random);
      case CURRENCY_MISMATCH -> p.processorCurrency = p.saleCurrency.other(random);
      case DUPLICATE_ID ->
          p.extra = new Plan.Extra(side(random), p.saleMinor + 1 + random.nextInt(5_000), false);
      case WITHIN_TOLERANCE -> withinTolerance(p, random);
      case DIRTY -> dirty(p, random);
      case LATE_SETTLEMENT -> late(p, Source.PROCESSOR, random);
      case PROCESSOR_FIRST -> late(p, Source.SALES, random);
      case LATE_AMOUNT_MISMATCH -> {
        late(p, Source.PROCESSOR, random);
        p.processorMinor = shift(p.saleMinor, mismatchDelta(p, random), random);
      }
      case LATE_CAPTURE -> {
        late(p, Source.PROCESSOR, random);
        p.saleStatus = UNSETTLED[0];
      }
      default -> {
        // MISSING_IN_PROCESSOR and MATCHED need nothing beyond the clean pair.
      }
    }
  }

  /** Moves side's row to a day 1..MAX_LAG later, at a uniform instant of that day. */
  private void late(Plan p, Source side, SplittableRandom random) {
    p.lateSide = side;
    p.lagDays = 1 + random.nextInt(GenerationSpec.Days.MAX_LAG);
    int ms = random.nextInt(laterDayMillis[p.lagDays]);
    if (side == Source.SALES) {
      p.createdMs = ms;
    } else {
      p.processedMs = ms;
    }
  }

  private static void failProcessor(Plan p, SplittableRandom random) {
    p.processorStatus = PROCESSOR_FAILED[random.nextInt(PROCESSOR_FAILED.length)];
    p.processorFailed = true;
  }

  /** Strictly above tolerance by 1 minor unit up to about 100 major units. */
  private long mismatchDelta(Plan p, SplittableRandom random) {
    long unit = p.saleCurrency.scaledMinorUnit();
    long majorInMinor = Money.ONE / unit;
    return toleranceScaled / unit + 1 + random.nextLong(100 * majorInMinor);
  }

  /**
   * A nonzero difference no larger than the tolerance, half the time exactly the tolerance. A
   * tolerance below one minor unit cannot be hit in that currency, so such pairs fall back to USD,
   * or to a plain match if even a cent is too much.
   */
  private void withinTolerance(Plan p, SplittableRandom random) {
    if (maxWithin(p.saleCurrency) == 0) {
      p.saleCurrency = CurrencyMix.USD;
      p.processorCurrency = CurrencyMix.USD;
    }
    long max = maxWithin(p.saleCurrency);
    if (max == 0) {
      p.category = Category.MATCHED;
      return;
    }
    long delta = random.nextBoolean() ? max : 1 + random.nextLong(max);
    p.processorMinor = shift(p.saleMinor, delta, random);
  }

  private long maxWithin(CurrencyMix currency) {
    return toleranceScaled / currency.scaledMinorUnit();
  }

  private void dirty(Plan p, SplittableRandom random) {
    int pick = random.nextInt(MESSES.length + 1);
    if (pick == MESSES.length) {
      Source side = rowSide(random);
      p.extra = new Plan.Extra(side, side == Source.SALES ? p.saleMinor : p.processorMinor, true);
    } else {
      p.dirt = new Plan.Dirt(MESSES[pick], rowSide(random), random.nextInt(4));
    }
  }

  /** Adds or subtracts delta, never leaving a non-positive amount. */
  private static long shift(long minor, long delta, SplittableRandom random) {
    return random.nextBoolean() && minor > delta ? minor - delta : minor + delta;
  }

  private static Source side(SplittableRandom random) {
    return random.nextBoolean() ? Source.SALES : Source.PROCESSOR;
  }

  /** The first choice 90% of the time, the others share the rest. */
  private static String weighted(SplittableRandom random, String[] choices) {
    int p = random.nextInt(100);
    return p < 90 ? choices[0] : choices[1 + p % (choices.length - 1)];
  }

  /** The seed of the spec's day-th day: the spec's own for the first, so one day is as before. */
  static long daySeed(long seed, int day) {
    return day == 0 ? seed : mix(seed + day * GOLDEN);
  }

  /**
   * The {@code i}-th draw of a kind of id ({@code salt}) a file has once, such as its payouts: the
   * files of two seeds share none. {@code seed + salt + i} made seed 2's first payout seed 1's
   * second, so two days generated with consecutive seeds and imported into one table had payouts in
   * common.
   */
  static long fileId(long seed, long salt, int i) {
    return mix(mix(seed ^ salt) + i);
  }

  /** Stafford's mix13, as in SplittableRandom: neighbouring indexes get unrelated streams. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
