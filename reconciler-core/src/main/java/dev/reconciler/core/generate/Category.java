package dev.reconciler.core.generate;

import dev.reconciler.core.imports.ImportFormat;

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
  // Export files only, from here to MATCHED: see ExportSpec.Rates.
  REFUND_NOT_RECORDED,
  REFUND_UNKNOWN_SALE,
  REFUND_EXCEEDS_SALE,
  REFUNDED_CLEAN,
  CHARGEBACK,
  CHARGEBACK_WON,
  FEE_NET_MISMATCH,
  FEE_OFF_CARD,
  // Several days only, from here to MATCHED: see GenerationSpec.LateRates.
  /** A paid sale whose processor row is processed days later. */
  LATE_SETTLEMENT,
  /** A processor row whose sale is created days later. */
  PROCESSOR_FIRST,
  /** A late settlement whose amount is off by more than the tolerance. */
  LATE_AMOUNT_MISMATCH,
  /** A pending sale whose processor row is processed days later: authorised, captured later. */
  LATE_CAPTURE,
  MATCHED;

  boolean hasSale() {
    return this != MISSING_IN_SALES && this != REFUND_UNKNOWN_SALE;
  }

  /** Whether the processor side has the transaction's payment row. */
  boolean hasProcessor() {
    return this != MISSING_IN_PROCESSOR && this != UNSETTLED_SALE && this != REFUND_UNKNOWN_SALE;
  }

  /** Whether the processor side has any row of the transaction (payment, refund, ...). */
  boolean hasProcessorRows() {
    return hasProcessor() || this == REFUND_UNKNOWN_SALE;
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
      DIRTY,
      REFUND_NOT_RECORDED,
      REFUND_UNKNOWN_SALE,
      REFUND_EXCEEDS_SALE,
      REFUNDED_CLEAN,
      CHARGEBACK,
      CHARGEBACK_WON,
      FEE_NET_MISMATCH,
      FEE_OFF_CARD,
      LATE_SETTLEMENT,
      PROCESSOR_FIRST,
      LATE_AMOUNT_MISMATCH,
      LATE_CAPTURE
    };

    private final double[] cumulative = new double[DRAWN.length];

    /**
     * Without an export the file-only categories have rate 0, so a database is drawn as before they
     * existed; so have the late ones for a single day. A settlement file lists no failed charges,
     * so an export has no failed payments.
     */
    Picker(GenerationSpec.Rates r, GenerationSpec.LateRates late, ExportSpec export) {
      double[] rates = new double[DRAWN.length];
      double[] base = {
        r.missingInProcessor(),
        r.missingInSales(),
        r.amountMismatch(),
        export == null ? r.failedPayment() : 0,
        r.currencyMismatch(),
        r.duplicateId(),
        r.unsettledSale(),
        r.withinTolerance(),
        r.dirty()
      };
      System.arraycopy(base, 0, rates, 0, base.length);
      if (export != null) {
        double[] extra = export.rates().categories();
        System.arraycopy(extra, 0, rates, base.length, extra.length);
        if (export.format() == ImportFormat.PAYPAL) {
          int net = FEE_NET_MISMATCH.ordinal();
          rates[FEE_OFF_CARD.ordinal()] += rates[net];
          rates[net] = 0;
        }
      }
      rates[LATE_SETTLEMENT.ordinal()] = late.lateSettlement();
      rates[PROCESSOR_FIRST.ordinal()] = late.processorFirst();
      rates[LATE_AMOUNT_MISMATCH.ordinal()] = late.lateAmountMismatch();
      rates[LATE_CAPTURE.ordinal()] = late.lateCapture();
      double sum = 0;
      for (int i = 0; i < rates.length; i++) {
        sum += rates[i];
        cumulative[i] = sum;
      }
      if (sum > 1.0 + 1e-9) {
        throw new IllegalArgumentException("category rates must sum to at most 1, got " + sum);
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
