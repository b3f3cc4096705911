package dev.reconciler.core.settle;

import dev.reconciler.core.imports.RowType;
import dev.reconciler.core.store.SettlementReader.Stored;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Chargebacks: every transaction with a chargeback or chargeback-reversal row on the day, with the
 * amounts of all its dispute rows of any date and where the dispute stands.
 */
final class ChargebackRule {
  static final String LOST = "lost";
  static final String WON = "won";
  static final String OPEN = "open";

  /** Adyen's second chargeback: the reversal did not hold, the dispute is lost. */
  static final String SECOND_CHARGEBACK = "SecondChargeback";

  List<ChargebackFinding> check(LinkedRows rows) {
    List<ChargebackFinding> found = new ArrayList<>();
    rows.disputes.forEach((key, disputes) -> found.add(finding(key, disputes)));
    return found;
  }

  private static ChargebackFinding finding(LinkedRows.Key key, List<Stored> disputes) {
    List<Stored> chargebacks = ofType(disputes, RowType.CHARGEBACK);
    List<Stored> reversals = ofType(disputes, RowType.CHARGEBACK_REVERSAL);
    Rows all = new Rows(disputes);
    BigDecimal disputed = new Rows(chargebacks).gross.negate();
    BigDecimal reversed = new Rows(reversals).gross;
    String status =
        Rows.anyRawType(disputes, SECOND_CHARGEBACK) ? LOST : reversals.isEmpty() ? OPEN : WON;
    if (!all.problems.isEmpty()) {
      status = status + "; " + String.join("; ", all.problems);
    }
    return new ChargebackFinding(
        key.transactionId(),
        status,
        all.currency,
        disputed,
        all.fee,
        reversed,
        all.net,
        all.refs,
        all.firstAt,
        all.lastAt,
        all.net.negate().max(BigDecimal.ZERO));
  }

  private static List<Stored> ofType(List<Stored> rows, RowType type) {
    return rows.stream().filter(r -> type.id().equals(r.rowType())).toList();
  }
}
