package dev.reconciler.core.generate;

import dev.reconciler.core.domain.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What to generate: one business day of {@code transactions} transactions, reproducible from {@code
 * seed}.
 *
 * @param zone the zone that defines the business day; every timestamp falls on it
 * @param amountTolerance the reconciler's tolerance, so that within-tolerance and mismatch amounts
 *     land on the intended side of it
 * @param export null to write the processor side into processor_transactions; else the export file
 *     to write instead (the processor table is then left empty for the import to fill)
 */
public record GenerationSpec(
    LocalDate businessDate,
    int transactions,
    long seed,
    ZoneId zone,
    BigDecimal amountTolerance,
    Rates rates,
    ExportSpec export) {

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

  public GenerationSpec {
    Objects.requireNonNull(businessDate, "businessDate");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(amountTolerance, "amountTolerance");
    Objects.requireNonNull(rates, "rates");
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
    // Checked here rather than when drawing, so a bad spec fails where it is built.
    new Category.Picker(rates, export);
  }

  /** This spec with the processor side written as an export file. */
  public GenerationSpec withExport(ExportSpec exportSpec) {
    return new GenerationSpec(
        businessDate, transactions, seed, zone, amountTolerance, rates, exportSpec);
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

    private static void requireProbability(double rate) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("rates must be within 0..1, got " + rate);
      }
    }
  }
}
