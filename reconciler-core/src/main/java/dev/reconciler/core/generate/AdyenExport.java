package dev.reconciler.core.generate;

import dev.reconciler.core.imports.DocumentedColumns;
import dev.reconciler.core.imports.RowType;
import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Adyen's Settlement details report: the 30 documented columns, amounts unsigned in their Debit or
 * Credit column, fees in Commission (blended pricing), Creation Date in the business zone named by
 * its abbreviation in TimeZone. Each batch has a Fee row and, as its last row, the MerchantPayout.
 */
final class AdyenExport implements ExportWriter {
  static final String[] HEADER = DocumentedColumns.ADYEN.toArray(String[]::new);

  private static final String COMPANY = "ReconcilerCompany";
  private static final String[] ACCOUNTS = {"ReconcilerShopUS", "ReconcilerShopEU"};
  private static final int FIRST_BATCH = 120;

  /**
   * Batch numbers a day may use: a day's batches are numbered from its own block, so exports of
   * several days imported into one table share no batch, as Adyen's (one sequence per merchant
   * account) never do.
   */
  private static final int BATCHES_PER_DAY = 100;

  private static final int RESERVED = 7;

  private final Writer out;
  private final CsvLine line;
  private final Timestamps clock;
  private final String feeDescription;
  private final int firstBatch;

  AdyenExport(Writer out, Timestamps clock, PayoutLayout layout, long seed) throws IOException {
    this.out = out;
    this.line = new CsvLine(out, "\n");
    this.clock = clock;
    if (layout.count() > BATCHES_PER_DAY) {
      throw new IllegalArgumentException(
          layout.count() + " payouts in a day, over the " + BATCHES_PER_DAY + " batch numbers");
    }
    this.firstBatch = FIRST_BATCH + Math.toIntExact(clock.date().toEpochDay()) * BATCHES_PER_DAY;
    // Adyen's own spelling, several spaces included: "Transaction Fees March     01 2022".
    this.feeDescription =
        "Transaction Fees "
            + DateTimeFormatter.ofPattern("MMMM     dd yyyy", Locale.ENGLISH).format(clock.date());
    for (String name : HEADER) {
      line.text(name);
    }
    line.end();
  }

  @Override
  public boolean batchFees() {
    return true;
  }

  @Override
  public void row(ExportRow r) throws IOException {
    boolean transaction = r.transactionId != null;
    String currency = r.currency.name();
    line.text(COMPANY)
        .text(ACCOUNTS[r.account])
        .text(transaction ? Ids.psp(r.paymentRef) : null)
        .text(r.transactionId)
        .text(transaction ? "visa" : null)
        .bare(clock.local(r.msOfDay, '-'))
        .text(clock.abbreviation(r.msOfDay))
        .text(r.second ? "SecondChargeback" : type(r.type))
        .text(modification(r))
        .text(currency);
    boolean gross = transaction;
    line.decimalIf(gross && r.gross < 0, r.gross, r.currency)
        .decimalIf(gross && r.gross >= 0, r.gross, r.currency)
        .bare(gross ? "1" : null)
        .text(currency)
        .decimalIf(r.net < 0, r.net, r.currency)
        .decimalIf(r.net >= 0, r.net, r.currency)
        .decimalIf(r.fee != 0, r.fee, r.currency)
        .bare(null)
        .bare(null)
        .bare(null)
        .text(transaction ? "visa" : null)
        .text(r.type == RowType.REFUND ? "RF-" + r.transactionId : null)
        .number(firstBatch + r.payout);
    for (int i = 0; i < RESERVED; i++) {
      line.bare(null);
    }
    line.end();
  }

  private String modification(ExportRow r) {
    return switch (r.type) {
      case FEE -> feeDescription;
      case PAYOUT -> "TX" + Ids.psp(firstBatch + r.payout) + "XT";
      // A payment's modification is its capture, with a reference of its own.
      case PAYMENT -> Ids.psp(~r.ref);
      default -> Ids.psp(r.ref);
    };
  }

  private static String type(RowType type) {
    return switch (type) {
      case PAYMENT -> "Settled";
      case REFUND -> "Refunded";
      case CHARGEBACK -> "Chargeback";
      case CHARGEBACK_REVERSAL -> "ChargebackReversed";
      case FEE -> "Fee";
      case PAYOUT -> "MerchantPayout";
      case OTHER -> "MiscCosts";
    };
  }

  /** The batch number, which is what the Payouts sheet shows. */
  @Override
  public String payoutId(int payout) {
    return Integer.toString(firstBatch + payout);
  }

  @Override
  public String accountName(int account) {
    return ACCOUNTS[account];
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
