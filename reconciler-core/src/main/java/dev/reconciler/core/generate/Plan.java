package dev.reconciler.core.generate;

import dev.reconciler.core.domain.Source;

/**
 * Everything about one generated transaction, drawn by {@link Planner}. Rows are rendered from it
 * and the ground truth is derived from it, so the two cannot disagree. Amounts are long minor units
 * of the currency (cents, or yen).
 */
final class Plan {
  /** How a row of a matched pair is made messy without changing what it means. */
  enum Mess {
    ID,
    AMOUNT_TEXT,
    STATUS
  }

  /** A second row with the same id on one side, always inserted after the first. */
  record Extra(Source side, long minor, boolean exactCopy) {}

  /** Formatting noise on one side; {@code style} picks among a few variants. */
  record Dirt(Mess mess, Source side, int style) {}

  /** An additional standalone row with exactly one defect. */
  record Reject(Source side, Defect defect, int style) {}

  final int index;
  Category category;
  CurrencyMix saleCurrency;
  CurrencyMix processorCurrency;
  long saleMinor;
  long processorMinor;
  String saleStatus;
  String processorStatus;
  boolean processorFailed;
  int createdMs;
  int processedMs;
  int customer;
  long processorRef;
  Extra extra;
  Dirt dirt;
  Reject reject;

  // Several days only.
  /** The side whose row lands lagDays after the transaction's own day; null when none does. */
  Source lateSide;

  int lagDays;

  // Export files only.
  /** Refund rows' amounts (positive minor units), 0 when the row is absent. */
  long refundMinor;

  long secondRefundMinor;

  /** When the refund or chargeback row happens, and the chargeback's reversal. */
  int laterMs;

  int reversalMs;

  /** Adyen only: a won chargeback is charged back again after its reversal, and so lost. */
  boolean secondChargeback;

  /** Added to the rate card's fee, or to gross - fee as the reported net. */
  long feeDelta;

  long netDelta;

  /** Which merchant account (Adyen) or account section (PayPal), and which payout of the day. */
  int account;

  int batch;

  Plan(int index) {
    this.index = index;
  }

  /** Days after the transaction's own day on which its rows of side land. */
  int dayOffset(Source side) {
    return side == lateSide ? lagDays : 0;
  }

  boolean dirtyOn(Mess mess, Source side) {
    return dirt != null && dirt.mess() == mess && dirt.side() == side;
  }

  boolean extraOn(Source side) {
    return extra != null && extra.side() == side;
  }

  boolean rejectOn(Source side) {
    return reject != null && reject.side() == side;
  }
}
