package dev.reconciler.core.settle;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Money;
import dev.reconciler.core.store.SettlementReader;
import dev.reconciler.core.store.SettlementSource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fees: a payment row of the day whose gross - fee is not its net, or whose fee differs from the
 * rate card's price by more than the tolerance. One SQL pass hands every payment of the day over
 * packed; {@link PaymentScan} sorts out the certainly fine ones with long arithmetic, and the rest
 * are read again by rowid and decided on exact decimals here.
 */
final class FeeRule {
  private final Settings.Fees fees;

  FeeRule(Settings.Fees fees) {
    this.fees = fees;
  }

  /**
   * The day's fee findings; every payment row the pass reads (all those in the day's window) is
   * added to {@code payouts} too, so that the Payouts rule need not read them again.
   */
  List<FeeFinding> check(SettlementSource reader, DayWindow day, PayoutTotals payouts) {
    PaymentScan scan = new PaymentScan(fees);
    List<long[]> ranges = new ArrayList<>();
    LongList suspects = new LongList();
    reader.payments(
        day.sql(),
        (packed, rows, after, last) -> {
          if (!scan.scan(packed, rows, suspects::add, payouts)) {
            ranges.add(new long[] {after, last});
          }
        });
    List<FeeFinding> found = new ArrayList<>();
    Consumer<SettlementReader.Stored> exact =
        row -> {
          if (day.contains(row.processedAt())) {
            FeeFinding f = decide(row);
            if (f != null) {
              found.add(f);
            }
          }
        };
    if (suspects.size > 0) {
      reader.payments(day.sql(), suspects.toArray(), exact);
    }
    ranges.forEach(
        r ->
            reader.payments(
                day.sql(),
                r[0],
                r[1],
                row -> {
                  payouts.add(row);
                  exact.accept(row);
                }));
    found.sort(
        Comparator.comparing(FeeFinding::transactionId, Comparator.nullsFirst(String::compareTo))
            .thenComparingLong(FeeFinding::line));
    return found;
  }

  /** A growing list of longs: suspects are few, but a bad file could make every row one. */
  private static final class LongList {
    long[] values = new long[64];
    int size;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    long[] toArray() {
      return Arrays.copyOf(values, size);
    }
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
