package dev.reconciler.core.generate;

import dev.reconciler.core.imports.RowType;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Stripe's itemized payout reconciliation report (payout_reconciliation.itemized.5): a selection of
 * its columns in schema order, as a run with {@code columns} gives, plus our transaction id as
 * payment metadata; one row per balance transaction and, as the balance export has it, each
 * payout's own row. Times in UTC (the report's default timezone), amounts signed in major units.
 */
final class StripeExport implements ExportWriter {
  static final String[] HEADER = {
    "automatic_payout_id",
    "automatic_payout_effective_at",
    "balance_transaction_id",
    "created_utc",
    "created",
    "available_on_utc",
    "available_on",
    "currency",
    "gross",
    "fee",
    "net",
    "reporting_category",
    "source_id",
    "description",
    "customer_facing_amount",
    "customer_facing_currency",
    "automatic_payout_effective_at_utc",
    "customer_id",
    "charge_id",
    "payment_intent_id",
    "charge_created_utc",
    "charge_created",
    "order_id",
    "payment_method_type",
    "card_brand",
    "dispute_reason",
    "payment_metadata[transaction_id]"
  };

  private static final String[] LOWER = new String[CurrencyMix.values().length];

  static {
    for (CurrencyMix c : CurrencyMix.values()) {
      LOWER[c.ordinal()] = c.name().toLowerCase(Locale.ROOT);
    }
  }

  private final Writer out;
  private final CsvLine line;
  private final Timestamps clock;
  private final String[] payoutIds;
  private final String[] payoutTransactions;
  private final String payoutAt;

  StripeExport(Writer out, Timestamps clock, PayoutLayout layout, long seed) throws IOException {
    this.out = out;
    this.line = new CsvLine(out, "\n");
    this.clock = clock;
    this.payoutIds = new String[layout.count()];
    this.payoutTransactions = new String[layout.count()];
    for (int i = 0; i < payoutIds.length; i++) {
      payoutIds[i] = Ids.stripe("po_", Planner.fileId(seed, 0x504F, i));
      payoutTransactions[i] = Ids.stripe("txn_", Planner.fileId(seed, 0x7478, i));
    }
    this.payoutAt = clock.utc(clock.dayMillis() - 1000);
    for (String name : HEADER) {
      line.text(name);
    }
    line.end();
  }

  @Override
  public void row(ExportRow r) throws IOException {
    String created = clock.utc(r.msOfDay);
    String currency = LOWER[r.currency.ordinal()];
    boolean payout = r.type == RowType.PAYOUT;
    line.text(payoutIds[r.payout]).bare(payoutAt);
    if (payout) {
      line.text(payoutTransactions[r.payout]);
    } else {
      line.hexId("txn_", Planner.mix(r.ref ^ 0x7478L));
    }
    line.bare(created)
        .bare(created)
        .bare(created)
        .bare(created)
        .text(currency)
        .decimal(r.gross, r.currency)
        .decimal(r.fee, r.currency)
        .decimal(r.net, r.currency)
        .text(category(r.type));
    sourceId(r);
    line.text(description(r.type));
    if (r.type == RowType.PAYMENT) {
      line.decimal(r.gross, r.currency).text(currency);
    } else {
      line.bare(null).bare(null);
    }
    line.bare(payoutAt).text(null);
    if (payout || r.transactionId == null) {
      line.text(null).text(null).bare(null).bare(null).text(null).text(null).text(null);
    } else {
      String charged = r.paymentMs == r.msOfDay ? created : clock.utc(r.paymentMs);
      line.hexId("ch_", r.paymentRef)
          .hexId("pi_", r.paymentRef)
          .bare(charged)
          .bare(charged)
          .text(null)
          .text("card")
          .text("visa");
    }
    line.text(r.type == RowType.CHARGEBACK ? "fraudulent" : null).text(r.transactionId).end();
  }

  /**
   * The row's own object: the charge, the refund, or the dispute (a reversal names its dispute).
   */
  private void sourceId(ExportRow r) {
    switch (r.type) {
      case PAYMENT -> line.hexId("ch_", r.ref);
      case REFUND -> line.hexId("re_", r.ref);
      case CHARGEBACK -> line.hexId("du_", r.ref);
      case CHARGEBACK_REVERSAL -> line.hexId("du_", r.ref - 1);
      case PAYOUT -> line.text(payoutIds[r.payout]);
      default -> line.text(null);
    }
  }

  private static String category(RowType type) {
    return switch (type) {
      case PAYMENT -> "charge";
      case REFUND -> "refund";
      case CHARGEBACK -> "dispute";
      case CHARGEBACK_REVERSAL -> "dispute_reversal";
      case PAYOUT -> "payout";
      case FEE -> "fee";
      case OTHER -> "other";
    };
  }

  private static String description(RowType type) {
    return switch (type) {
      case REFUND -> "REFUND FOR CHARGE";
      case CHARGEBACK -> "Chargeback withdrawal";
      case CHARGEBACK_REVERSAL -> "Chargeback reversal";
      case PAYOUT -> "STRIPE PAYOUT";
      default -> null;
    };
  }

  @Override
  public String payoutId(int payout) {
    return payoutIds[payout];
  }

  @Override
  public String accountName(int account) {
    return null;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
