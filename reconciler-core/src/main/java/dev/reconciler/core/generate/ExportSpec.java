package dev.reconciler.core.generate;

import dev.reconciler.core.imports.ImportFormat;
import java.util.Objects;

/**
 * The processor side as an export file instead of rows in processor_transactions: its format, the
 * rate card its payment fees follow, and how often each file-only case is injected.
 */
public record ExportSpec(ImportFormat format, FeeCard rateCard, Rates rates) {

  public ExportSpec {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(rateCard, "rateCard");
    Objects.requireNonNull(rates, "rates");
    if (format == ImportFormat.CSV) {
      throw new IllegalArgumentException("the generator writes stripe, adyen or paypal, not csv");
    }
  }

  /** The default card and rates. */
  public static ExportSpec of(ImportFormat format) {
    return new ExportSpec(format, FeeCard.defaults(), Rates.defaults());
  }

  /**
   * Probabilities per transaction of the cases only a processor file has, drawn after (and summed
   * with) {@link GenerationSpec.Rates}' categories. {@code payoutAnomalies} adds one payout that
   * does not add up and one whose payout row is missing from the file.
   *
   * @param refundNotRecorded a paid sale with its payment and a refund row (full or partial)
   * @param refundUnknownSale a refund row of a transaction that has no sale and no payment row
   * @param refundExceedsSale a sale refunded internally whose two refund rows add up to more
   * @param refundedClean a sale refunded internally with its payment and its full or partial refund
   *     row: must not be reported
   * @param chargeback a payment with a chargeback row and no reversal (lost, or still open)
   * @param chargebackWon a payment with a chargeback row and its reversal; in Adyen's report about
   *     half of them are then charged back again (SecondChargeback) and so lost
   * @param feeNetMismatch a payment row whose net is not gross - fee (PayPal has no net column:
   *     these become {@code feeOffCard} there)
   * @param feeOffCard a payment row whose fee is off the rate card by more than 1.00
   */
  public record Rates(
      double refundNotRecorded,
      double refundUnknownSale,
      double refundExceedsSale,
      double refundedClean,
      double chargeback,
      double chargebackWon,
      double feeNetMismatch,
      double feeOffCard,
      boolean payoutAnomalies) {

    public Rates {
      for (double rate :
          new double[] {
            refundNotRecorded,
            refundUnknownSale,
            refundExceedsSale,
            refundedClean,
            chargeback,
            chargebackWon,
            feeNetMismatch,
            feeOffCard
          }) {
        if (!(rate >= 0 && rate <= 1)) {
          throw new IllegalArgumentException("rates must be within 0..1, got " + rate);
        }
      }
    }

    public static Rates defaults() {
      return new Rates(0.004, 0.004, 0.004, 0.01, 0.004, 0.004, 0.004, 0.004, true);
    }

    /** No findings; clean refunds stay, since a refund recorded on both sides is no finding. */
    public static Rates clean() {
      return new Rates(0, 0, 0, 0.01, 0, 0, 0, 0, false);
    }

    /** The drawn rates, in {@link Category.Picker}'s order. */
    double[] categories() {
      return new double[] {
        refundNotRecorded,
        refundUnknownSale,
        refundExceedsSale,
        refundedClean,
        chargeback,
        chargebackWon,
        feeNetMismatch,
        feeOffCard
      };
    }
  }
}
