package dev.reconciler.core.settle;

import dev.reconciler.core.domain.Money;
import dev.reconciler.core.domain.MoneySum;
import dev.reconciler.core.store.SettlementReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Payouts: the net of a payout's other rows against the amount paid out (minus its payout row's
 * net). A payout belongs to the day of its own row; without one, to the day of its latest row, and
 * is listed as "amount not in file".
 */
final class PayoutRule {
  static final String MISMATCH = "mismatch";
  static final String NOT_IN_FILE = "amount not in file";

  /** The findings among {@code payouts}, each with all its rows, for those of the day. */
  List<PayoutFinding> check(List<SettlementReader.Payout> payouts, DayWindow day) {
    List<PayoutFinding> found = new ArrayList<>();
    for (SettlementReader.Payout payout : payouts) {
      if (day.contains(payout.payoutRows() > 0 ? payout.paidAt() : payout.lastAt())) {
        PayoutFinding f = decide(payout);
        if (f != null) {
          found.add(f);
        }
      }
    }
    return found;
  }

  /** The finding for one payout of the day, or null when it adds up. */
  static PayoutFinding decide(SettlementReader.Payout payout) {
    Sum members = Sum.of(payout.memberNets(), payout.members());
    BigDecimal expected = members.total;
    String at = payout.payoutRows() > 0 ? payout.paidAt() : payout.lastAt();
    if (payout.payoutRows() == 0) {
      return finding(payout, expected, null, note(NOT_IN_FILE, members), at, expected.abs());
    }
    Sum paid = Sum.of(payout.payoutNets().getBytes(StandardCharsets.UTF_8), payout.payoutRows());
    BigDecimal reported = paid.total.negate();
    BigDecimal difference = reported.subtract(expected);
    if (difference.signum() == 0 && members.unreadable == 0 && paid.unreadable == 0) {
      return null;
    }
    String note = note(note(MISMATCH, members), paid);
    return finding(payout, expected, reported, note, at, difference.abs());
  }

  private static PayoutFinding finding(
      SettlementReader.Payout payout,
      BigDecimal expected,
      BigDecimal reported,
      String note,
      String at,
      BigDecimal atStake) {
    return new PayoutFinding(
        payout.payoutId(),
        payout.account(),
        payout.currency(),
        expected,
        reported,
        reported == null ? null : reported.subtract(expected),
        note,
        payout.members(),
        at,
        atStake);
  }

  private static String note(String note, Sum sum) {
    return sum.unreadable == 0 ? note : note + "; " + sum.unreadable + " net(s) not a number";
  }

  /**
   * An exact total of separated nets: as scaled longs (no object per net) where they are plain
   * decimals of at most 4 places, as decimals where it does not (more than 4 places), counted as
   * unreadable (and left out) where neither does. The payout is then listed whatever its total.
   */
  static final class Sum {
    BigDecimal total;
    long unreadable;

    /** {@code count} nets in {@code nets}: an empty text is one empty net, or none when 0. */
    static Sum of(byte[] nets, long count) {
      Sum sum = new Sum();
      MoneySum scaled = new MoneySum();
      BigDecimal exact = BigDecimal.ZERO;
      long segments = 0;
      if (count > 0) {
        for (int from = 0; from <= nets.length; ) {
          int to = from;
          while (to < nets.length && nets[to] != SettlementReader.NET_SEPARATOR) {
            to++;
          }
          long value = PaymentScan.plain(nets, from, to, Money.SCALE);
          if (value != PaymentScan.INVALID) {
            scaled.add(value);
          } else {
            BigDecimal d =
                Decimals.parse(new String(nets, from, to - from, StandardCharsets.UTF_8));
            if (d == null) {
              sum.unreadable++;
            } else {
              exact = exact.add(d);
            }
          }
          from = to + 1;
          segments++;
        }
      }
      if (segments != count) {
        // A value held the separator: the parts are no nets of their own.
        sum.unreadable += Math.abs(segments - count);
      }
      sum.total = scaled.toDecimal().add(exact);
      return sum;
    }
  }
}
