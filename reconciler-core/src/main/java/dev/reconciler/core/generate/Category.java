package dev.reconciler.core.generate;

/** What a generated transaction is meant to become when reconciled. */
enum Category {
  MISSING_IN_PROCESSOR,
  MISSING_IN_SALES,
  AMOUNT_MISMATCH,
  FAILED_PAYMENT,
  CURRENCY_MISMATCH,
  /** A matched pair plus a later row with the same id and another amount on one side. */
  DUPLICATE_ID,
  /** A sale that was never paid (pending, cancelled) and has no processor row. */
  UNSETTLED_SALE,
  /** Amounts differ by a nonzero amount within tolerance: still matched. */
  WITHIN_TOLERANCE,
  /** A matched pair with messy formatting or an exact duplicate row. */
  DIRTY,
  MATCHED;

  boolean hasSale() {
    return this != MISSING_IN_SALES;
  }

  boolean hasProcessor() {
    return this != MISSING_IN_PROCESSOR && this != UNSETTLED_SALE;
  }

  /** Picks a category from one uniform draw in [0, 1), by cumulative rates. */
  static final class Picker {
    private static final Category[] DRAWN = {
      MISSING_IN_PROCESSOR,
      MISSING_IN_SALES,
      AMOUNT_MISMATCH,
      FAILED_PAYMENT,
      CURRENCY_MISMATCH,
      DUPLICATE_ID,
      UNSETTLED_SALE,
      WITHIN_TOLERANCE,
      DIRTY
    };

    private final double[] cumulative = new double[DRAWN.length];

    Picker(GenerationSpec.Rates r) {
      double[] rates = {
        r.missingInProcessor(),
        r.missingInSales(),
        r.amountMismatch(),
        r.failedPayment(),
        r.currencyMismatch(),
        r.duplicateId(),
        r.unsettledSale(),
        r.withinTolerance(),
        r.dirty()
      };
      double sum = 0;
      for (int i = 0; i < rates.length; i++) {
        sum += rates[i];
        cumulative[i] = sum;
      }
    }

    Category pick(double uniform) {
      for (int i = 0; i < cumulative.length; i++) {
        if (uniform < cumulative[i]) {
          return DRAWN[i];
        }
      }
      return MATCHED;
    }
  }
}
