package dev.reconciler.core.generate;

import dev.reconciler.core.imports.ImportFormat;
import dev.reconciler.core.imports.RowType;
import java.io.IOException;

/** Turns a {@link Plan} into its export rows: payment, refunds, chargeback and reversal. */
final class ExportRows {
  /** Where rows go; the row object is reused, so a sink must not keep it. */
  interface Sink {
    void accept(ExportRow row) throws IOException;
  }

  /** 15.00 (or 1,500 yen) per chargeback, as Stripe charges; PayPal bills it apart, so none. */
  private static final long CHARGEBACK_FEE = 1500;

  private final Ids ids;
  private final FeeCard card;
  private final PayoutLayout layout;
  private final boolean chargebackFee;
  private final boolean reversalReturnsFee;
  private final ExportRow row = new ExportRow();

  ExportRows(Ids ids, FeeCard card, PayoutLayout layout, ImportFormat format) {
    this.ids = ids;
    this.card = card;
    this.layout = layout;
    this.chargebackFee = chargesDisputeFee(format);
    this.reversalReturnsFee = returnsDisputeFee(format);
  }

  /** PayPal bills a chargeback's fee apart; Stripe and Adyen take it on the chargeback row. */
  private static boolean chargesDisputeFee(ImportFormat format) {
    return format != ImportFormat.PAYPAL;
  }

  /** Stripe returns the fee with a won dispute's reversal; Adyen keeps it. */
  private static boolean returnsDisputeFee(ImportFormat format) {
    return format == ImportFormat.STRIPE;
  }

  /**
   * What a plan's dispute rows add up to in {@code format}, as minor units {fee, net}: the truth's
   * account of the rows {@link #emit} writes.
   */
  static long[] disputeTotals(Plan p, ImportFormat format) {
    long amount = p.processorMinor;
    long fee = chargesDisputeFee(format) ? CHARGEBACK_FEE : 0;
    long net = -amount - fee;
    if (p.category == Category.CHARGEBACK_WON) {
      long back = returnsDisputeFee(format) ? fee : 0;
      fee -= back;
      net += amount + back;
    }
    if (p.secondChargeback) {
      net -= amount;
    }
    return new long[] {fee, net};
  }

  /** The account (section) whose rows the plan's rows are. */
  int account(Plan p) {
    return layout.account(p.account);
  }

  /**
   * The plan's rows; {@code second} is the later payment row of a repeated id, which comes alone.
   */
  void emit(Plan p, boolean second, Sink sink) throws IOException {
    String id = ids.transaction(p.index);
    if (second) {
      payment(p, id, p.extra.minor(), Planner.mix(p.processorRef), sink);
      return;
    }
    if (p.category.hasProcessor()) {
      payment(p, id, p.processorMinor, p.processorRef, sink);
    }
    if (p.refundMinor > 0) {
      refund(p, id, p.refundMinor, 1, sink);
    }
    if (p.secondRefundMinor > 0) {
      refund(p, id, p.secondRefundMinor, 2, sink);
    }
    if (p.category == Category.CHARGEBACK || p.category == Category.CHARGEBACK_WON) {
      chargeback(p, id, sink);
    }
  }

  private void payment(Plan p, String id, long gross, long ref, Sink sink) throws IOException {
    long fee = card.fee(p.processorCurrency, gross) + p.feeDelta;
    row.set(
        RowType.PAYMENT, p.processorCurrency, gross, fee, gross - fee + p.netDelta, p.processedMs);
    link(p, id, ref, ref);
    sink.accept(row);
  }

  private void refund(Plan p, String id, long amount, int n, Sink sink) throws IOException {
    int ms = Math.min(p.laterMs + (n - 1) * 1000, p.reversalMs);
    row.set(RowType.REFUND, p.processorCurrency, -amount, 0, -amount, ms);
    link(p, id, Planner.mix(p.processorRef + n), p.processorRef);
    sink.accept(row);
  }

  private void chargeback(Plan p, String id, Sink sink) throws IOException {
    long amount = p.processorMinor;
    long fee = chargebackFee ? CHARGEBACK_FEE : 0;
    row.set(RowType.CHARGEBACK, p.processorCurrency, -amount, fee, -amount - fee, p.laterMs);
    long dispute = Planner.mix(p.processorRef + 3);
    link(p, id, dispute, p.processorRef);
    sink.accept(row);
    if (p.category == Category.CHARGEBACK_WON) {
      long back = reversalReturnsFee ? fee : 0;
      row.set(
          RowType.CHARGEBACK_REVERSAL,
          p.processorCurrency,
          amount,
          -back,
          amount + back,
          p.reversalMs);
      // Stripe names a reversal after its dispute (du_), with a balance transaction of its own.
      link(p, id, dispute + 1, p.processorRef);
      sink.accept(row);
    }
    if (p.secondChargeback) {
      // The issuer disputes again after the reversal: the amount goes back out, with no new fee.
      row.set(RowType.CHARGEBACK, p.processorCurrency, -amount, 0, -amount, p.reversalMs);
      row.second = true;
      link(p, id, dispute + 2, p.processorRef);
      sink.accept(row);
    }
  }

  private void link(Plan p, String id, long ref, long paymentRef) {
    row.transactionId = id;
    row.ref = ref;
    row.paymentRef = paymentRef;
    row.paymentMs = p.processedMs;
    row.account = layout.account(p.account);
    row.payout = layout.payout(row.account, p.processorCurrency, p.batch);
  }
}
