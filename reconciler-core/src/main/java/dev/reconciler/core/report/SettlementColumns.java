package dev.reconciler.core.report;

import static dev.reconciler.core.report.Column.CODE_WIDTH;
import static dev.reconciler.core.report.Column.ID_WIDTH;
import static dev.reconciler.core.report.Column.REASON_WIDTH;
import static dev.reconciler.core.report.Column.STATUS_WIDTH;
import static dev.reconciler.core.report.Column.amount;
import static dev.reconciler.core.report.Column.code;
import static dev.reconciler.core.report.Column.line;
import static dev.reconciler.core.report.Column.text;
import static dev.reconciler.core.report.Column.timestamp;

import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.settle.ChargebackFinding;
import dev.reconciler.core.settle.FeeFinding;
import dev.reconciler.core.settle.PayoutFinding;
import dev.reconciler.core.settle.RefundFinding;
import dev.reconciler.core.settle.Settlement;
import java.util.List;

/** The columns of the settlement sheets: Refunds, Chargebacks, Fees and Payouts. */
final class SettlementColumns {
  static final List<Column<RefundFinding>> REFUNDS =
      List.of(
          text("Transaction ID", ID_WIDTH, RefundFinding::transactionId),
          text("Reason", REASON_WIDTH, RefundFinding::reason),
          code("Sale status", STATUS_WIDTH, RefundFinding::saleStatus),
          amount("Sale amount", RefundFinding::saleAmount, RefundFinding::currency),
          amount("Refunded", RefundFinding::refunded, RefundFinding::currency),
          code("Currency", CODE_WIDTH, RefundFinding::currency),
          text("Refund refs", ID_WIDTH, RefundFinding::refundRefs),
          timestamp("First refund at", RefundFinding::firstAt),
          timestamp("Last refund at", RefundFinding::lastAt));

  static final List<Column<ChargebackFinding>> CHARGEBACKS =
      List.of(
          text("Transaction ID", ID_WIDTH, ChargebackFinding::transactionId),
          code("Status", STATUS_WIDTH, ChargebackFinding::status),
          code("Currency", CODE_WIDTH, ChargebackFinding::currency),
          amount("Disputed", ChargebackFinding::disputed, ChargebackFinding::currency),
          amount("Chargeback fee", ChargebackFinding::fee, ChargebackFinding::currency),
          amount("Reversed", ChargebackFinding::reversed, ChargebackFinding::currency),
          amount("Net", ChargebackFinding::net, ChargebackFinding::currency),
          text("Processor refs", ID_WIDTH, ChargebackFinding::refs),
          timestamp("First at", ChargebackFinding::firstAt),
          timestamp("Last at", ChargebackFinding::lastAt));

  static final List<Column<FeeFinding>> FEES =
      List.of(
          text("Transaction ID", ID_WIDTH, FeeFinding::transactionId),
          text("Reason", REASON_WIDTH, FeeFinding::reason),
          code("Currency", CODE_WIDTH, FeeFinding::currency),
          amount("Gross", FeeFinding::gross, FeeFinding::currency),
          amount("Fee", FeeFinding::fee, FeeFinding::currency),
          amount("Net", FeeFinding::net, FeeFinding::currency),
          amount("Net difference", FeeFinding::netDifference, FeeFinding::currency),
          amount("Rate card fee", FeeFinding::expectedFee, FeeFinding::currency),
          amount("Fee difference", FeeFinding::feeDifference, FeeFinding::currency),
          text("Processor ref", ID_WIDTH, FeeFinding::processorRef),
          timestamp("Processed at", FeeFinding::processedAt),
          line("Processor line", FeeFinding::line));

  static final List<Column<PayoutFinding>> PAYOUTS =
      List.of(
          text("Payout ID", ID_WIDTH, PayoutFinding::payoutId),
          text("Account", ID_WIDTH, PayoutFinding::account),
          code("Currency", CODE_WIDTH, PayoutFinding::currency),
          amount("Expected", PayoutFinding::expected, PayoutFinding::currency),
          amount("Reported", PayoutFinding::reported, PayoutFinding::currency),
          amount("Difference", PayoutFinding::difference, PayoutFinding::currency),
          text("Note", REASON_WIDTH, PayoutFinding::note),
          line("Rows", PayoutFinding::rows),
          timestamp("At", PayoutFinding::at));

  private SettlementColumns() {}

  /** The sheets of one settlement kind, continued like every other table. */
  static List<? extends TableWriter.Part<?>> sheets(
      TableWriter tables, DiscrepancyKind kind, Settlement settlement) {
    return switch (kind) {
      case REFUND -> tables.create(kind.label(), REFUNDS, settlement.refunds());
      case CHARGEBACK -> tables.create(kind.label(), CHARGEBACKS, settlement.chargebacks());
      case FEE -> tables.create(kind.label(), FEES, settlement.fees());
      case PAYOUT -> tables.create(kind.label(), PAYOUTS, settlement.payouts());
      default -> throw new IllegalArgumentException(kind + " is no settlement kind");
    };
  }
}
