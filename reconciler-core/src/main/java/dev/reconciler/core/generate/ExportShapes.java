package dev.reconciler.core.generate;

import dev.reconciler.core.imports.ImportFormat;
import java.util.SplittableRandom;

/** Draws what a plan needs only in an export file: refunds, disputes, fee faults, payout. */
final class ExportShapes {
  /** Refund and chargeback rows come up to 2 h after the payment, a reversal up to 1 h later. */
  private static final int MAX_REFUND_DELAY_MS = 7_200_000;

  private static final int MAX_REVERSAL_DELAY_MS = 3_600_000;

  private ExportShapes() {}

  /** Always draws the same values in the same order, whatever the category. */
  static void shape(Plan p, SplittableRandom random, int dayMillis, ImportFormat format) {
    p.account = random.nextInt(2);
    p.batch = random.nextInt(2);
    p.laterMs = Math.min(p.processedMs + 1000 + random.nextInt(MAX_REFUND_DELAY_MS), dayMillis - 1);
    p.reversalMs =
        Math.min(p.laterMs + 1000 + random.nextInt(MAX_REVERSAL_DELAY_MS), dayMillis - 1);
    boolean full = random.nextBoolean();
    long partial = 1 + random.nextLong(p.saleMinor - 1);
    long excess = 1 + random.nextLong(p.saleMinor / 2 + 1);
    // 0.05 to 0.99 (5 to 99 yen): above any sensible [fees] tolerance, never a rounding artefact.
    long netDelta = (5 + random.nextInt(95)) * (random.nextBoolean() ? 1 : -1);
    // 1.01 to 5.00 (101 to 500 yen): off the card by more than a tolerance below 1.00.
    long feeDelta = 101 + random.nextInt(400);
    switch (p.category) {
      case REFUND_NOT_RECORDED -> p.refundMinor = full ? p.saleMinor : partial;
      case REFUND_UNKNOWN_SALE -> p.refundMinor = p.processorMinor;
      case REFUND_EXCEEDS_SALE -> {
        p.saleStatus = "refunded";
        p.refundMinor = partial;
        p.secondRefundMinor = p.saleMinor - partial + excess;
      }
      case REFUNDED_CLEAN -> {
        p.saleStatus = "refunded";
        p.refundMinor = full ? p.saleMinor : partial;
      }
      // Only Adyen's report has a row saying a reversed chargeback was charged back again.
      case CHARGEBACK_WON -> p.secondChargeback = format == ImportFormat.ADYEN && full;
      case FEE_NET_MISMATCH -> p.netDelta = netDelta;
      case FEE_OFF_CARD -> p.feeDelta = feeDelta;
      default -> {
        // Chargebacks use the payment's own amount and the times drawn above.
      }
    }
  }
}
