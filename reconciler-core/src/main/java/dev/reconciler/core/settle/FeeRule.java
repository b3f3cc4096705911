package dev.reconciler.core.settle;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Money;
import dev.reconciler.core.store.SettlementReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Fees: a payment row of the day whose gross - fee is not its net, or whose fee differs from the
 * rate card's price by more than the tolerance. One SQL pass hands over only the suspects (see
 * {@link SettlementReader#feeSuspects}); each is then decided on exact decimals here.
 */
final class FeeRule {
  private final Settings.Fees fees;

  FeeRule(Settings.Fees fees) {
    this.fees = fees;
  }

  List<FeeFinding> check(SettlementReader reader, DayWindow day) {
    List<FeeFinding> found = new ArrayList<>();
    reader.feeSuspects(
        day.fromText(),
        day.toText(),
        fees,
        row -> {
          if (day.contains(row.processedAt())) {
            FeeFinding f = decide(row);
            if (f != null) {
              found.add(f);
            }
          }
        });
    found.sort(
        Comparator.comparing(FeeFinding::transactionId, Comparator.nullsFirst(String::compareTo))
            .thenComparingLong(FeeFinding::line));
    return found;
  }

  /** The finding for one payment row, or null when its fee is fine. */
  FeeFinding decide(SettlementReader.Stored row) {
    BigDecimal gross = Decimals.parse(row.gross());
    if (gross == null) {
      return null; // the payment loader rejects the row, with its line and reason
    }
    BigDecimal fee = Decimals.parse(row.fee());
    BigDecimal net = Decimals.parse(row.net());
    List<String> reasons = new ArrayList<>();
    if (row.fee() != null && fee == null) {
      reasons.add("fee is not a number");
    }
    if (row.net() != null && net == null) {
      reasons.add("net is not a number");
    }
    BigDecimal netDifference = null;
    if (net != null && (fee != null || row.fee() == null)) {
      BigDecimal difference = net.subtract(gross.subtract(Decimals.orZero(fee)));
      if (difference.signum() != 0) {
        netDifference = difference;
        reasons.add("gross - fee is not net");
      }
    }
    Settings.Rate rate = row.currency() == null ? null : fees.rateCard().get(row.currency());
    BigDecimal expectedFee = null;
    BigDecimal feeDifference = null;
    if (rate != null && fee != null) {
      expectedFee = rate.fee(gross, Money.fractionDigits(row.currency()));
      BigDecimal difference = fee.subtract(expectedFee);
      if (difference.abs().compareTo(fees.tolerance()) > 0) {
        feeDifference = difference;
        reasons.add("fee is not the rate card's");
      }
    }
    if (reasons.isEmpty()) {
      return null;
    }
    BigDecimal atStake =
        Decimals.orZero(netDifference).abs().max(Decimals.orZero(feeDifference).abs());
    return new FeeFinding(
        row.transactionId(),
        String.join("; ", reasons),
        row.currency(),
        gross,
        fee,
        net,
        expectedFee,
        netDifference,
        feeDifference,
        row.processorRef(),
        row.processedAt(),
        row.line(),
        atStake);
  }
}
