package dev.reconciler.core.imports;

import dev.reconciler.core.load.TimestampParser;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

/**
 * Stripe's itemized payout reconciliation report (payout_reconciliation.itemized.5), or any
 * balance-transaction export with its column names. Columns are found by name; amounts are taken as
 * the file signs them (Stripe already signs from the account's side), with the decimal separator
 * the report was run with, currency codes upper-cased, times in UTC or the report's zone.
 */
public final class StripeParser implements ExportParser {
  /**
   * reporting_category to row type. Categories Stripe documents that no rule checks are "other"; a
   * category not listed is rejected, since a new kind of money movement should be looked at, not
   * silently filed. A refund_failure (a refund returned) is "other", not a refund: counted as a
   * refund it would make a failed refund look like money given back.
   */
  private static final Map<String, RowType> CATEGORIES =
      Map.ofEntries(
          Map.entry("charge", RowType.PAYMENT),
          Map.entry("refund", RowType.REFUND),
          Map.entry("partial_capture_reversal", RowType.REFUND),
          Map.entry("dispute", RowType.CHARGEBACK),
          Map.entry("dispute_reversal", RowType.CHARGEBACK_REVERSAL),
          Map.entry("fee", RowType.FEE),
          Map.entry("payout", RowType.PAYOUT),
          Map.entry("refund_failure", RowType.OTHER),
          Map.entry("payout_reversal", RowType.OTHER),
          Map.entry("charge_failure", RowType.OTHER),
          Map.entry("transfer", RowType.OTHER),
          Map.entry("transfer_reversal", RowType.OTHER),
          Map.entry("connect_collection_transfer", RowType.OTHER),
          Map.entry("connect_reserved_funds", RowType.OTHER),
          Map.entry("other_adjustment", RowType.OTHER),
          Map.entry("platform_earning", RowType.OTHER),
          Map.entry("platform_earning_refund", RowType.OTHER),
          Map.entry("risk_reserved_funds", RowType.OTHER),
          Map.entry("network_cost", RowType.OTHER),
          Map.entry("tax", RowType.OTHER),
          Map.entry("topup", RowType.OTHER),
          Map.entry("topup_reversal", RowType.OTHER),
          Map.entry("advance", RowType.OTHER),
          Map.entry("advance_funding", RowType.OTHER),
          Map.entry("anticipation_repayment", RowType.OTHER),
          Map.entry("contribution", RowType.OTHER),
          Map.entry("climate_order_purchase", RowType.OTHER),
          Map.entry("climate_order_refund", RowType.OTHER),
          Map.entry("financing_paydown", RowType.OTHER),
          Map.entry("financing_paydown_reversal", RowType.OTHER),
          Map.entry("financing_payout", RowType.OTHER),
          Map.entry("issuing_authorization_hold", RowType.OTHER),
          Map.entry("issuing_authorization_release", RowType.OTHER),
          Map.entry("issuing_dispute", RowType.OTHER),
          Map.entry("issuing_transaction", RowType.OTHER),
          Map.entry("obligation", RowType.OTHER),
          Map.entry("unreconciled_customer_funds", RowType.OTHER));

  private final String transactionIdColumn;
  private final Set<String> currencies;
  private final ZoneId reportZone;
  private final DecimalMark decimals;

  /**
   * @param transactionIdColumn [import.stripe] transaction_id_column
   * @param currencies [reconciliation] currencies (upper case; empty: any ISO-4217 code)
   * @param reportZone [import.stripe] timezone: the zone the report was run in, which its "created"
   *     column is in
   * @param decimals [import.stripe] decimal_separator: the report's "decimal_separator" parameter
   */
  public StripeParser(
      String transactionIdColumn, Set<String> currencies, ZoneId reportZone, DecimalMark decimals) {
    this.transactionIdColumn = transactionIdColumn;
    this.currencies = Set.copyOf(currencies);
    this.reportZone = reportZone;
    this.decimals = decimals;
  }

  @Override
  public void parse(Reader in, String sourceFile, RowSink sink) {
    ExportCsv.parse(in, sourceFile, sink, header -> new FileRows(header, sourceFile));
  }

  /** One file's column indexes and per-file state. */
  private final class FileRows implements ExportCsv.RecordParser {
    private final Header header;
    private final String file;
    private final Currencies currencyCodes = new Currencies(currencies);
    private final TimestampParser createdAt;
    private final int key;
    private final int created;
    private final int currency;
    private final int gross;
    private final int fee;
    private final int net;
    private final int category;
    private final int source;
    private final int transactionId;
    private final int charge;
    private final int paymentIntent;
    private final int payout;
    private final int account;

    FileRows(Header header, String file) {
      this.header = header;
      this.file = file;
      Header.Columns c = header.columns();
      key = c.required("balance_transaction_id");
      created = c.required("created_utc", "created");
      // "created" is in the zone the report was run in, which the file does not name: the
      // setting says it; created_utc, when the file has it, needs none.
      boolean utc = created >= 0 && created == c.optional("created_utc");
      createdAt = new TimestampParser(utc ? ZoneOffset.UTC : reportZone);
      currency = c.required("currency");
      gross = c.required("gross");
      fee = c.required("fee");
      net = c.required("net");
      category = c.required("reporting_category");
      source = c.required("source_id");
      transactionId = c.required(transactionIdColumn);
      charge = c.optional("charge_id");
      paymentIntent = c.optional("payment_intent_id");
      payout = c.optional("automatic_payout_id");
      account = c.optional("connected_account_id");
      c.check();
    }

    /** Our transaction id's cell as written, for a rejection. */
    @Override
    public String rawId(ExportRecord r) {
      return header.alignedCell(r, transactionId);
    }

    /** A rejected row's created time, for its day. */
    @Override
    public Instant at(ExportRecord r) {
      return header.readable(r, created) ? time(r) : null;
    }

    private Instant time(ExportRecord r) {
      return Cells.instant(Cells.text(r, created), createdAt, "created time");
    }

    @Override
    public ProcessorRow parse(ExportRecord r) {
      header.checkRow(r);
      String rawType = Cells.required(r, category, "reporting_category");
      RowType type = CATEGORIES.get(rawType);
      if (type == null) {
        throw new RowRejected("unknown row type " + Cells.quoted(rawType));
      }
      String id = Cells.transactionId(r, transactionId, type, transactionIdColumn);
      String code = currencyCodes.code(Cells.text(r, currency));
      BigDecimal grossAmount = Cells.amount(Cells.text(r, gross), "gross", code, decimals);
      BigDecimal feeAmount = Cells.amountOrZero(Cells.text(r, fee), "fee", code, decimals);
      BigDecimal netAmount = Cells.amount(Cells.text(r, net), "net", code, decimals);
      String sourceId = Cells.orNull(r, source);
      return new ProcessorRow(
          Cells.required(r, key, "balance_transaction_id"),
          type,
          rawType,
          id,
          grossAmount,
          feeAmount,
          netAmount,
          code,
          time(r),
          type == RowType.PAYOUT && sourceId != null ? sourceId : Cells.orNull(r, payout),
          Cells.orNull(r, account),
          sourceId,
          originalRef(r),
          ProcessorRow.SETTLED,
          file,
          r.getStartingLineNumber());
    }

    /** The original payment: its charge, else (a charge not yet created) its PaymentIntent. */
    private String originalRef(ExportRecord r) {
      String chargeId = Cells.orNull(r, charge);
      return chargeId != null ? chargeId : Cells.orNull(r, paymentIntent);
    }
  }
}
