package dev.reconciler.core.report;

import static dev.reconciler.core.report.Column.CODE_WIDTH;
import static dev.reconciler.core.report.Column.ID_WIDTH;
import static dev.reconciler.core.report.Column.REASON_WIDTH;
import static dev.reconciler.core.report.Column.STATUS_WIDTH;
import static dev.reconciler.core.report.Column.amount;
import static dev.reconciler.core.report.Column.code;
import static dev.reconciler.core.report.Column.line;
import static dev.reconciler.core.report.Column.text;
import static dev.reconciler.core.report.Column.timestamp;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.Txn;
import dev.reconciler.core.load.RejectedRow;
import dev.reconciler.core.match.Discrepancy;
import dev.reconciler.core.match.DiscrepancyKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The columns of each data sheet, picked from one shared set of column definitions. */
final class Columns {
  private static final Column<Discrepancy> TRANSACTION_ID =
      text("Transaction ID", ID_WIDTH, Discrepancy::transactionId);
  private static final Column<Discrepancy> CURRENCY =
      code("Currency", CODE_WIDTH, Discrepancy::currency);
  private static final Column<Discrepancy> SALES_CURRENCY =
      code("Sales currency", CODE_WIDTH, sale(Txn::currency));
  private static final Column<Discrepancy> PROCESSOR_CURRENCY =
      code("Processor currency", CODE_WIDTH, processor(Txn::currency));
  private static final Column<Discrepancy> SALES_AMOUNT =
      amount("Sales amount", sale(Txn::amount), sale(Txn::currency));
  private static final Column<Discrepancy> PROCESSOR_AMOUNT =
      amount("Processor amount", processor(Txn::amount), processor(Txn::currency));

  /** Processor minus sale, as the matcher computed it. */
  private static final Column<Discrepancy> DIFFERENCE =
      amount("Difference", Discrepancy::difference, Discrepancy::currency);

  private static final Column<Discrepancy> SALES_STATUS =
      code("Sales status", STATUS_WIDTH, sale(Txn::status));
  private static final Column<Discrepancy> PROCESSOR_STATUS =
      code("Processor status", STATUS_WIDTH, processor(Txn::status));
  private static final Column<Discrepancy> SALES_LINE = line("Sales line", sale(Txn::line));
  private static final Column<Discrepancy> PROCESSOR_LINE =
      line("Processor line", processor(Txn::line));
  private static final Column<Discrepancy> ORDER_ID =
      text("Order ID", ID_WIDTH, sale(Txn::reference));
  private static final Column<Discrepancy> CUSTOMER_ID =
      text("Customer ID", ID_WIDTH, sale(Txn::customerId));
  private static final Column<Discrepancy> PROCESSOR_REF =
      text("Processor ref", ID_WIDTH, processor(Txn::reference));
  private static final Column<Discrepancy> FEE =
      amount("Fee", processor(Txn::fee), processor(Txn::currency));
  private static final Column<Discrepancy> CREATED_AT =
      timestamp("Created at", sale(Txn::timestamp));
  private static final Column<Discrepancy> PROCESSED_AT =
      timestamp("Processed at", processor(Txn::timestamp));

  // A duplicate-id finding carries the one extra row on whichever side it was found.
  private static final Column<Discrepancy> DUPLICATE_SOURCE =
      code("Source", CODE_WIDTH, duplicate(Txn::source), Source::label);
  private static final Column<Discrepancy> DUPLICATE_LINE = line("Line", duplicate(Txn::line));
  private static final Column<Discrepancy> DUPLICATE_AMOUNT =
      amount("Amount", duplicate(Txn::amount), duplicate(Txn::currency));
  private static final Column<Discrepancy> DUPLICATE_STATUS =
      code("Status", STATUS_WIDTH, duplicate(Txn::status));
  private static final Column<Discrepancy> DUPLICATE_TIMESTAMP =
      timestamp("Timestamp", duplicate(Txn::timestamp));
  private static final Column<Discrepancy> DUPLICATE_REFERENCE =
      text("Reference", ID_WIDTH, duplicate(Txn::reference));

  private static final List<Column<Discrepancy>> SALES_ONLY =
      List.of(
          TRANSACTION_ID,
          CURRENCY,
          SALES_AMOUNT,
          SALES_STATUS,
          SALES_LINE,
          ORDER_ID,
          CUSTOMER_ID,
          CREATED_AT);
  private static final List<Column<Discrepancy>> PROCESSOR_ONLY =
      List.of(
          TRANSACTION_ID,
          CURRENCY,
          PROCESSOR_AMOUNT,
          PROCESSOR_STATUS,
          PROCESSOR_LINE,
          PROCESSOR_REF,
          FEE,
          PROCESSED_AT);

  /** What a pair's sheets show after their leading columns, in this order. */
  private static final List<Column<Discrepancy>> PAIR_DETAILS =
      List.of(
          SALES_STATUS,
          PROCESSOR_STATUS,
          SALES_LINE,
          PROCESSOR_LINE,
          ORDER_ID,
          CUSTOMER_ID,
          PROCESSOR_REF,
          FEE,
          CREATED_AT,
          PROCESSED_AT);

  private static final List<Column<Discrepancy>> AMOUNT_MISMATCH =
      pair(TRANSACTION_ID, CURRENCY, SALES_AMOUNT, PROCESSOR_AMOUNT, DIFFERENCE);
  private static final List<Column<Discrepancy>> FAILED_PAYMENT =
      pair(TRANSACTION_ID, CURRENCY, SALES_AMOUNT, PROCESSOR_AMOUNT);
  private static final List<Column<Discrepancy>> CURRENCY_MISMATCH =
      pair(TRANSACTION_ID, SALES_CURRENCY, PROCESSOR_CURRENCY, SALES_AMOUNT, PROCESSOR_AMOUNT);
  private static final List<Column<Discrepancy>> DUPLICATE_ID =
      List.of(
          DUPLICATE_SOURCE,
          TRANSACTION_ID,
          DUPLICATE_LINE,
          DUPLICATE_AMOUNT,
          CURRENCY,
          DUPLICATE_STATUS,
          DUPLICATE_TIMESTAMP,
          DUPLICATE_REFERENCE);

  static final List<Column<RejectedRow>> REJECTED =
      List.of(
          code("Source", CODE_WIDTH, RejectedRow::source, Source::label),
          text("File", ID_WIDTH, RejectedRow::file),
          // 0 stands for the lines of a file an import did not keep: one row says how many.
          line("Line", r -> r.line() > 0 ? r.line() : null),
          text("Raw ID", ID_WIDTH, RejectedRow::rawId),
          text("Reason", REASON_WIDTH, RejectedRow::reason));

  private Columns() {}

  @SafeVarargs
  private static List<Column<Discrepancy>> pair(Column<Discrepancy>... leading) {
    List<Column<Discrepancy>> columns = new ArrayList<>(List.of(leading));
    columns.addAll(PAIR_DETAILS);
    return List.copyOf(columns);
  }

  /** The columns of one matching kind's sheet (the settlement kinds: {@link SettlementColumns}). */
  static List<Column<Discrepancy>> of(DiscrepancyKind kind) {
    return switch (kind) {
      case MISSING_IN_PROCESSOR -> SALES_ONLY;
      case MISSING_IN_SALES -> PROCESSOR_ONLY;
      case AMOUNT_MISMATCH -> AMOUNT_MISMATCH;
      case FAILED_PAYMENT -> FAILED_PAYMENT;
      case CURRENCY_MISMATCH -> CURRENCY_MISMATCH;
      case DUPLICATE_ID -> DUPLICATE_ID;
      case REFUND, CHARGEBACK, FEE, PAYOUT ->
          throw new IllegalArgumentException(kind + " findings are no discrepancy pairs");
    };
  }

  private static <R> Function<Discrepancy, R> sale(Function<Txn, R> value) {
    return d -> d.sale() == null ? null : value.apply(d.sale());
  }

  private static <R> Function<Discrepancy, R> processor(Function<Txn, R> value) {
    return d -> d.processor() == null ? null : value.apply(d.processor());
  }

  private static <R> Function<Discrepancy, R> duplicate(Function<Txn, R> value) {
    return d -> value.apply(d.sale() != null ? d.sale() : d.processor());
  }
}
