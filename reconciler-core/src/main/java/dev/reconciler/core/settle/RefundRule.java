package dev.reconciler.core.settle;

import dev.reconciler.core.domain.Money;
import dev.reconciler.core.domain.Status;
import dev.reconciler.core.load.AmountParser;
import dev.reconciler.core.load.Cleaner;
import dev.reconciler.core.store.SettlementReader.Sale;
import dev.reconciler.core.store.SettlementReader.Stored;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Refunds: a transaction refunded on the day whose sale is still paid internally, is unknown to
 * sales (any date), or whose refunds of every date add up to more than the sale. A sale recorded as
 * refunded with its refund rows present is clean, partial refunds included.
 */
final class RefundRule {
  static final String NO_ID = "no transaction id, and no payment for its original ref";
  static final String UNKNOWN = "sale unknown";
  static final String STILL_PAID = "sale still paid internally";
  static final String EXCEEDS = "refunds exceed the sale";

  private final Cleaner cleaner;

  RefundRule(Cleaner cleaner) {
    this.cleaner = cleaner;
  }

  List<RefundFinding> check(LinkedRows rows, Map<String, Sale> sales) {
    List<RefundFinding> found = new ArrayList<>();
    rows.refunds.forEach(
        (key, refunds) -> {
          RefundFinding f =
              decide(
                  key,
                  refunds,
                  key.transactionId() == null ? null : sales.get(key.transactionId()));
          if (f != null) {
            found.add(f);
          }
        });
    return found;
  }

  private RefundFinding decide(LinkedRows.Key key, List<Stored> refunds, Sale sale) {
    Rows summary = new Rows(refunds);
    BigDecimal refunded = summary.gross.negate();
    List<String> reasons = new ArrayList<>(summary.problems);
    BigDecimal saleAmount = null;
    BigDecimal atStake = refunded.abs();
    if (sale == null) {
      reasons.add(key.transactionId() == null ? NO_ID : UNKNOWN);
    } else {
      long scaled = AmountParser.parse(sale.amount());
      saleAmount = scaled == AmountParser.INVALID ? null : Money.toDecimal(scaled);
      String saleCurrency = cleaner.currency(sale.currency());
      if (cleaner.status(sale.status()) == Status.PAID) {
        reasons.add(STILL_PAID);
      } else if (saleCurrency != null && !saleCurrency.equals(summary.currency)) {
        reasons.add("refunded in " + summary.currency + ", sold in " + saleCurrency);
      } else if (saleAmount != null && refunded.compareTo(saleAmount) > 0) {
        reasons.add(EXCEEDS);
        atStake = refunded.subtract(saleAmount);
      }
    }
    if (reasons.isEmpty()) {
      return null;
    }
    return new RefundFinding(
        key.transactionId(),
        String.join("; ", reasons),
        sale == null ? null : sale.status(),
        saleAmount,
        refunded,
        summary.currency,
        summary.refs,
        summary.firstAt,
        summary.lastAt,
        atStake);
  }
}
