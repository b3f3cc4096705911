package dev.reconciler.core.generate;

import dev.reconciler.core.domain.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What to generate: {@code transactions} transactions on each of {@code days.count()} consecutive
 * business days from {@code businessDate} (usually one), reproducible from {@code seed}.
 *
 * @param zone the zone that defines the business day; every timestamp falls on it
 * @param amountTolerance the reconciler's tolerance, so that within-tolerance and mismatch amounts
 *     land on the intended side of it
 * @param export null to write the processor side into processor_transactions; else the export file
 *     to write instead (the processor table is then left empty for the import to fill)
 * @param days how many days, the settlement window their ground truth is computed for, and how
 *     often a transaction settles late
 */
public record GenerationSpec(
    LocalDate businessDate,
    int transactions,
    long seed,
    ZoneId zone,
    BigDecimal amountTolerance,
    Rates rates,
    ExportSpec export,
    Days days) {

  /** Ids carry the transaction number in 8 digits; more would still work but read oddly. */
  public static final int MAX_TRANSACTIONS = 99_999_999;

  /** A spec writing both tables into the database, as before export files existed. */
  public GenerationSpec(
      LocalDate businessDate,
      int transactions,
      long seed,
      ZoneId zone,
      BigDecimal amountTolerance,
      Rates rates) {
    this(businessDate, transactions, seed, zone, amountTolerance, rates, null);
  }

  /** A spec for one day, as before several days could be generated. */
  public GenerationSpec(
      LocalDate businessDate,
      int transactions,
      long seed,
      ZoneId zone,
      BigDecimal amountTolerance,
      Rates rates,
      ExportSpec export) {
    this(businessDate, transactions, seed, zone, amountTolerance, rates, export, Days.ONE);
  }

  public GenerationSpec {
    Objects.requireNonNull(businessDate, "businessDate");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(amountTolerance, "amountTolerance");
    Objects.requireNonNull(rates, "rates");
    Objects.requireNonNull(days, "days");
    if (transactions < 0 || transactions > MAX_TRANSACTIONS) {
      throw new IllegalArgumentException(
          "transactions must be 0.." + MAX_TRANSACTIONS + ", got " + transactions);
    }
    boolean tooPrecise = amountTolerance.stripTrailingZeros().scale() > Money.SCALE;
    if (amountTolerance.signum() < 0 || tooPrecise) {
      throw new IllegalArgumentException(
          "amountTolerance must be >= 0 with at most "
              + Money.SCALE
              + " decimals, got "
              + amountTolerance.toPlainString());
    }
    if (export != null && !days.single()) {
      throw new IllegalArgumentException(
          "an export file holds one day without late settlements, got " + days);
    }
    // Checked here rather than when drawing, so a bad spec fails where it is built.
    new Category.Picker(rates, days.late(), export);
  }

  /** This spec with the processor side written as an export file. */
  public GenerationSpec withExport(ExportSpec exportSpec) {
    return new GenerationSpec(
        businessDate, transactions, seed, zone, amountTolerance, rates, exportSpec, days);
  }

  /** This spec over other days. */
  public GenerationSpec withDays(Days newDays) {
    return new GenerationSpec(
        businessDate, transactions, seed, zone, amountTolerance, rates, export, newDays);
  }

  /** UTC, tolerance 0.01 and default rates: what {@code reconciler generate} uses unless told. */
  public static GenerationSpec of(LocalDate businessDate, int transactions, long seed) {
    return new GenerationSpec(
        businessDate,
        transactions,
        seed,
        ZoneId.of("UTC"),
        new BigDecimal("0.01"),
        Rates.defaults());
  }

  /**
   * Probabilities per transaction. The first nine pick the transaction's category (their sum is at
   * most 1; the rest are plain matched pairs); {@code dirty} pairs still match. {@code rejected} is
   * independent: the chance that a transaction also brings one extra, defective row.
   */
  public record Rates(
      double missingInProcessor,
      double missingInSales,
      double amountMismatch,
      double failedPayment,
      double currencyMismatch,
      double duplicateId,
      double unsettledSale,
      double withinTolerance,
      double dirty,
      double rejected) {

    public Rates {
      double[] categories = {
        missingInProcessor,
        missingInSales,
        amountMismatch,
        failedPayment,
        currencyMismatch,
        duplicateId,
        unsettledSale,
        withinTolerance,
        dirty
      };
      double sum = 0;
      for (double rate : categories) {
        requireProbability(rate);
        sum += rate;
      }
      requireProbability(rejected);
      if (sum > 1.0 + 1e-9) {
        throw new IllegalArgumentException("category rates must sum to at most 1, got " + sum);
      }
    }

    /** About 4% discrepancies, plus some unsettled sales, dirty rows and rejected rows. */
    public static Rates defaults() {
      return new Rates(0.008, 0.008, 0.008, 0.008, 0.008, 0.004, 0.005, 0.005, 0.02, 0.005);
    }

    /** Every transaction a clean matched pair. */
    public static Rates clean() {
      return new Rates(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    static void requireProbability(double rate) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("rates must be within 0..1, got " + rate);
      }
    }
  }

  /**
   * Several consecutive business days written into one database.
   *
   * @param count how many days, from the spec's business date
   * @param windowDays the settlement window ({@code [reconciliation] settlement_window_days}) the
   *     per-day ground truth ages open items by
   * @param late how often a transaction's two rows land on different days
   */
  public record Days(int count, int windowDays, LateRates late) {
    /** Settlement lags are drawn from 1 to this many days. */
    public static final int MAX_LAG = 5;

    /** At most a year: the ground truth lists every open item once per day. */
    public static final int MAX_COUNT = 366;

    /** One day, nothing late: a single day's generation as before. */
    public static final Days ONE = new Days(1, 0, LateRates.none());

    public Days {
      Objects.requireNonNull(late, "late");
      if (count < 1 || count > MAX_COUNT) {
        throw new IllegalArgumentException("days must be 1.." + MAX_COUNT + ", got " + count);
      }
      if (windowDays < 0) {
        throw new IllegalArgumentException("windowDays must be >= 0, got " + windowDays);
      }
    }

    /** count days with the default late rates, their truth aged by windowDays. */
    public static Days of(int count, int windowDays) {
      return new Days(count, windowDays, LateRates.defaults());
    }

    /** True for one day with nothing late: what a single day's ground truth can describe. */
    public boolean single() {
      return count == 1 && late.equals(LateRates.none());
    }
  }

  /**
   * Probabilities per transaction that its two rows land on different days, drawn besides the
   * {@link Rates} categories (all together sum to at most 1). The lag is uniform in 1..{@link
   * Days#MAX_LAG} days and may reach past the last day: the item then stays open. Sales that never
   * settle are {@link Rates#missingInProcessor()}, processor rows that never get a sale {@link
   * Rates#missingInSales()}: across days nothing ever comes for them.
   *
   * @param lateSettlement a paid sale whose processor row comes days later
   * @param processorFirst a processor row whose sale is created days later
   * @param lateAmountMismatch a late settlement whose amount is off by more than the tolerance
   * @param lateCapture a pending sale whose processor row comes days later (never an open item)
   */
  public record LateRates(
      double lateSettlement, double processorFirst, double lateAmountMismatch, double lateCapture) {

    public LateRates {
      Rates.requireProbability(lateSettlement);
      Rates.requireProbability(processorFirst);
      Rates.requireProbability(lateAmountMismatch);
      Rates.requireProbability(lateCapture);
    }

    /**
     * A few percent late each way, and a few late settlements with a wrong amount and pending sales
     * captured later.
     */
    public static LateRates defaults() {
      return new LateRates(0.04, 0.02, 0.005, 0.005);
    }

    /** Nothing late. */
    public static LateRates none() {
      return new LateRates(0, 0, 0, 0);
    }
  }
}
