package dev.reconciler.core.report;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.Txn;
import dev.reconciler.core.ledger.LedgerOutcome;
import dev.reconciler.core.load.RejectedRow;
import dev.reconciler.core.match.CurrencyTotal;
import dev.reconciler.core.match.Discrepancy;
import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.match.ReconciliationResult;
import dev.reconciler.core.match.SourceStats;
import dev.reconciler.core.settle.Settlement;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Test data: a result built by hand, rows kept in the order they are added. */
final class ResultBuilder {
  static final LocalDate DATE = LocalDate.of(2024, 3, 15);

  private final List<Discrepancy> discrepancies = new ArrayList<>();
  private final List<RejectedRow> rejected = new ArrayList<>();
  private final List<CurrencyTotal> totals = new ArrayList<>();
  private SourceStats sales = new SourceStats(Source.SALES, "sales", 0, 0, 0, 0, 0);
  private SourceStats processor = new SourceStats(Source.PROCESSOR, "processor", 0, 0, 0, 0, 0);
  private long matched;
  private long unsettled;
  private String database = "data/reconciler.db";
  private Settlement settlement = Settlement.none();
  private LedgerOutcome ledger = LedgerOutcome.none(DATE);

  static ResultBuilder aResult() {
    return new ResultBuilder();
  }

  /**
   * Every kind, two currencies (USD and JPY), rejected rows, and text that looks like formulas: the
   * result most tests check cell by cell.
   */
  static ResultBuilder aFullResult() {
    return aResult()
        .sales(new SourceStats(Source.SALES, "sales_transactions", 10, 1, 0, 1, 8))
        .processor(new SourceStats(Source.PROCESSOR, "processor_transactions", 9, 1, 1, 1, 6))
        .matched(5)
        .unsettled(2)
        .with(missingInProcessor(sale("TXN-1", "1234.5678", "USD").line(1).build()))
        .with(
            missingInProcessor(
                sale("=HYPERLINK(\"http://evil.example\",\"x\")", "0.01", "USD").line(2).build()))
        .with(missingInSales(processorTxn("TXN-3", "1500", "JPY").reference("-5").build()))
        .with(
            amountMismatch(
                sale("TXN-4", "100.00", "USD").build(),
                processorTxn("TXN-4", "100.05", "USD").build()))
        .with(
            failedPayment(
                sale("TXN-5", "20.00", "USD").build(),
                processorTxn("TXN-5", "20.00", "USD").status("failed").build()))
        .with(
            currencyMismatch(
                sale("TXN-6", "50.00", "USD").build(), processorTxn("TXN-6", "50", "JPY").build()))
        .with(duplicate(sale("TXN-7", "10.00", "USD").line(9).build()))
        .with(duplicate(processorTxn("TXN-8", "300", "JPY").line(4).build()))
        .rejected(new RejectedRow(Source.SALES, 12, "+CMD", "unparseable amount 'abc'"))
        .rejected(new RejectedRow(Source.PROCESSOR, 3, null, "missing transaction_id"))
        .total("JPY", "0", "1850")
        .total("USD", "1404.5778", "170.05");
  }

  ResultBuilder sales(SourceStats stats) {
    this.sales = stats;
    return this;
  }

  ResultBuilder processor(SourceStats stats) {
    this.processor = stats;
    return this;
  }

  ResultBuilder database(String database) {
    this.database = database;
    return this;
  }

  ResultBuilder matched(long matched) {
    this.matched = matched;
    return this;
  }

  ResultBuilder unsettled(long unsettled) {
    this.unsettled = unsettled;
    return this;
  }

  ResultBuilder with(Discrepancy discrepancy) {
    discrepancies.add(discrepancy);
    return this;
  }

  ResultBuilder rejected(RejectedRow row) {
    rejected.add(row);
    return this;
  }

  ResultBuilder total(String currency, String sales, String processor) {
    totals.add(new CurrencyTotal(currency, new BigDecimal(sales), new BigDecimal(processor)));
    return this;
  }

  ResultBuilder settlement(Settlement settlement) {
    this.settlement = settlement;
    return this;
  }

  ResultBuilder ledger(LedgerOutcome ledger) {
    this.ledger = ledger;
    return this;
  }

  ReconciliationResult build() {
    return new ReconciliationResult(
        "run-42",
        DATE,
        database,
        sales,
        processor,
        matched,
        unsettled,
        List.copyOf(discrepancies),
        List.copyOf(rejected),
        List.copyOf(totals),
        settlement,
        ledger);
  }

  static Discrepancy missingInProcessor(Txn sale) {
    return new Discrepancy(
        DiscrepancyKind.MISSING_IN_PROCESSOR, sale.transactionId(), sale, null, null);
  }

  static Discrepancy missingInSales(Txn processor) {
    return new Discrepancy(
        DiscrepancyKind.MISSING_IN_SALES, processor.transactionId(), null, processor, null);
  }

  static Discrepancy amountMismatch(Txn sale, Txn processor) {
    return new Discrepancy(
        DiscrepancyKind.AMOUNT_MISMATCH,
        sale.transactionId(),
        sale,
        processor,
        processor.amount().subtract(sale.amount()));
  }

  static Discrepancy failedPayment(Txn sale, Txn processor) {
    return new Discrepancy(
        DiscrepancyKind.FAILED_PAYMENT, sale.transactionId(), sale, processor, null);
  }

  static Discrepancy currencyMismatch(Txn sale, Txn processor) {
    return new Discrepancy(
        DiscrepancyKind.CURRENCY_MISMATCH, sale.transactionId(), sale, processor, null);
  }

  static Discrepancy duplicate(Txn row) {
    boolean isSale = row.source() == Source.SALES;
    return new Discrepancy(
        DiscrepancyKind.DUPLICATE_ID,
        row.transactionId(),
        isSale ? row : null,
        isSale ? null : row,
        null);
  }

  static TxnBuilder sale(String id, String amount, String currency) {
    return new TxnBuilder(Source.SALES, id, amount, currency)
        .reference("ORD-" + id)
        .customerId("CUST-" + id)
        .timestamp("2024-03-15T09:30:00Z");
  }

  static TxnBuilder processorTxn(String id, String amount, String currency) {
    return new TxnBuilder(Source.PROCESSOR, id, amount, currency)
        .reference("PR-" + id)
        .fee("0.30")
        .timestamp("2024-03-15T09:30:05+00:00");
  }

  /** One input row; sales rows default to line 1, processor rows to line 2. */
  static final class TxnBuilder {
    private final Source source;
    private final String id;
    private final BigDecimal amount;
    private final String currency;
    private long line;
    private String status = "paid";
    private String timestamp;
    private String reference;
    private String customerId;
    private BigDecimal fee;

    TxnBuilder(Source source, String id, String amount, String currency) {
      this.source = source;
      this.id = id;
      this.amount = new BigDecimal(amount);
      this.currency = currency;
      this.line = source == Source.SALES ? 1 : 2;
    }

    TxnBuilder line(long line) {
      this.line = line;
      return this;
    }

    TxnBuilder status(String status) {
      this.status = status;
      return this;
    }

    TxnBuilder timestamp(String timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    TxnBuilder reference(String reference) {
      this.reference = reference;
      return this;
    }

    TxnBuilder customerId(String customerId) {
      this.customerId = customerId;
      return this;
    }

    TxnBuilder fee(String fee) {
      this.fee = new BigDecimal(fee);
      return this;
    }

    Txn build() {
      return new Txn(
          source, line, id, amount, currency, status, timestamp, reference, customerId, fee);
    }
  }
}
