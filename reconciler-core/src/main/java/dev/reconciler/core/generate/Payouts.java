package dev.reconciler.core.generate;

import dev.reconciler.core.imports.RowType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sums each payout's rows as they are written, then writes the payouts themselves: most add up, the
 * first non-empty one is off by a fixed amount and the second has no payout row in the file.
 */
final class Payouts {
  /** Adyen's daily batch fee: 1.00, or 100 yen. */
  private static final long BATCH_FEE = 100;

  private final PayoutLayout layout;
  private final ExportWriter writer;
  private final boolean anomalies;
  private final long mismatch;
  private final int payoutMs;
  private final long[] net;
  private final long[] rows;
  private final ExportRow row = new ExportRow();
  private final List<ExportTruth.Payout> truth = new ArrayList<>();
  private int nonEmpty;

  Payouts(PayoutLayout layout, ExportWriter writer, boolean anomalies, long seed, int dayMillis) {
    this.layout = layout;
    this.writer = writer;
    this.anomalies = anomalies;
    // 1.00 to 49.99 (100 to 4,999 yen): beyond any tolerance a payout check would allow.
    this.mismatch = 100 + Math.floorMod(Planner.mix(seed ^ 0x5041594F5554L), 4_900);
    this.payoutMs = dayMillis - 1000;
    this.net = new long[layout.count()];
    this.rows = new long[layout.count()];
  }

  void add(ExportRow r) {
    net[r.payout] += r.net;
    rows[r.payout]++;
  }

  /** Writes the payouts of one account, in payout order, through sink (which also counts them). */
  void closeAccount(int account, ExportRows.Sink sink) throws IOException {
    for (int payout = 0; payout < layout.count(); payout++) {
      if (layout.accountOf(payout) == account && rows[payout] > 0) {
        closePayout(payout, sink);
      }
    }
  }

  List<ExportTruth.Payout> truth() {
    return List.copyOf(truth);
  }

  private void closePayout(int payout, ExportRows.Sink sink) throws IOException {
    CurrencyMix currency = layout.currencyOf(payout);
    if (writer.batchFees()) {
      member(payout, currency, sink);
    }
    int ordinal = nonEmpty++;
    boolean absent = anomalies && ordinal == 1;
    long expected = net[payout];
    long reported = anomalies && ordinal == 0 ? expected + mismatch : expected;
    String status = absent ? "not_in_file" : reported != expected ? "mismatch" : "ok";
    if (!absent) {
      row.set(RowType.PAYOUT, currency, -reported, 0, -reported, payoutMs);
      place(payout);
      sink.accept(row);
    }
    truth.add(
        new ExportTruth.Payout(
            absent ? writer.absentPayoutId(payout) : writer.payoutId(payout),
            writer.accountName(layout.accountOf(payout)),
            currency.name(),
            rows[payout],
            plain(expected, currency),
            absent ? null : plain(reported, currency),
            status));
  }

  /** The batch's own fee row, a member of the payout it is charged in. */
  private void member(int payout, CurrencyMix currency, ExportRows.Sink sink) throws IOException {
    row.set(RowType.FEE, currency, -BATCH_FEE, 0, -BATCH_FEE, payoutMs - 1000);
    place(payout);
    add(row);
    sink.accept(row);
  }

  private void place(int payout) {
    row.account = layout.accountOf(payout);
    row.payout = payout;
  }

  private static String plain(long minor, CurrencyMix currency) {
    return minor < 0 ? "-" + Amounts.plain(-minor, currency) : Amounts.plain(minor, currency);
  }
}
