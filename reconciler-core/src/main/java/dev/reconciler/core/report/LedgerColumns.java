package dev.reconciler.core.report;

import static dev.reconciler.core.report.Column.CODE_WIDTH;
import static dev.reconciler.core.report.Column.DATE_WIDTH;
import static dev.reconciler.core.report.Column.ID_WIDTH;
import static dev.reconciler.core.report.Column.REASON_WIDTH;
import static dev.reconciler.core.report.Column.STATUS_WIDTH;
import static dev.reconciler.core.report.Column.amount;
import static dev.reconciler.core.report.Column.code;
import static dev.reconciler.core.report.Column.date;
import static dev.reconciler.core.report.Column.line;
import static dev.reconciler.core.report.Column.number;
import static dev.reconciler.core.report.Column.text;
import static dev.reconciler.core.report.Column.timestamp;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.Txn;
import dev.reconciler.core.ledger.AgeBucket;
import dev.reconciler.core.ledger.ClearedItem;
import dev.reconciler.core.ledger.LedgerOutcome;
import dev.reconciler.core.ledger.OpenItem;
import dev.reconciler.core.ledger.Resolution;
import dev.reconciler.core.match.DiscrepancyKind;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/** The columns of the open-items ledger's sheets: In Transit, Open Items, Cleared and Resolved. */
final class LedgerColumns {
  static final String IN_TRANSIT_LABEL = "In Transit";
  static final String OPEN_ITEMS_LABEL = "Open Items";
  static final String CLEARED_LABEL = "Cleared";
  static final String RESOLVED_LABEL = "Resolved";

  private static final Column<OpenItem> SOURCE =
      code("Source", CODE_WIDTH, OpenItem::source, Source::label);
  private static final Column<OpenItem> TRANSACTION_ID =
      text("Transaction ID", ID_WIDTH, OpenItem::transactionId);
  private static final Column<OpenItem> BUSINESS_DATE = date("Business date", OpenItem::openedOn);
  private static final Column<OpenItem> STATUS =
      code("Status", ID_WIDTH, LedgerColumns::missingSince, LedgerColumns::status);
  private static final Column<OpenItem> AMOUNT =
      amount("Amount", row(Txn::amount), row(Txn::currency));
  private static final Column<OpenItem> CURRENCY = code("Currency", CODE_WIDTH, row(Txn::currency));

  static final List<Column<ClearedItem>> CLEARED =
      List.of(
          text("Transaction ID", ID_WIDTH, ClearedItem::transactionId),
          date("Original business date", c -> c.item().openedOn()),
          date("Cleared on", ClearedItem::clearedOn),
          number("Days late", ClearedItem::daysLate),
          code("Came first", CODE_WIDTH, c -> c.item().source(), Source::label),
          code("Kind", ID_WIDTH, ClearedItem::kind, DiscrepancyKind::label),
          code("Currency", CODE_WIDTH, sale(Txn::currency)),
          amount("Sales amount", sale(Txn::amount), sale(Txn::currency)),
          amount("Processor amount", processor(Txn::amount), processor(Txn::currency)),
          code("Processor currency", CODE_WIDTH, processor(Txn::currency)),
          code("Sales status", STATUS_WIDTH, sale(Txn::status)),
          code("Processor status", STATUS_WIDTH, processor(Txn::status)),
          line("Sales line", sale(Txn::line)),
          line("Processor line", processor(Txn::line)));

  static final List<Column<Resolution>> RESOLVED =
      List.of(
          text("Source", CODE_WIDTH, r -> r.source().label()),
          text("Transaction ID", ID_WIDTH, Resolution::transactionId),
          date("Business date", Resolution::openedOn),
          text("Outcome", STATUS_WIDTH, LedgerColumns::outcome),
          text("Note", REASON_WIDTH, Resolution::note),
          text("By", ID_WIDTH, Resolution::by),
          timestamp("At", r -> r.at() == null ? null : r.at().toString()),
          amount("Amount", Resolution::amount, Resolution::currency),
          text("Currency", CODE_WIDTH, Resolution::currency));

  private LedgerColumns() {}

  /** The sheets of one ledger sheet id ({@link SheetIds#LEDGER}). */
  static List<? extends TableWriter.Part<?>> sheets(
      TableWriter tables, String id, LedgerOutcome ledger) {
    return switch (id) {
      case SheetIds.IN_TRANSIT ->
          tables.create(IN_TRANSIT_LABEL, inTransit(ledger), ledger.inTransit());
      case SheetIds.OPEN_ITEMS ->
          tables.create(OPEN_ITEMS_LABEL, openItems(ledger.runDate()), ledger.open());
      case SheetIds.CLEARED -> tables.create(CLEARED_LABEL, CLEARED, ledger.cleared());
      case SheetIds.RESOLVED -> tables.create(RESOLVED_LABEL, RESOLVED, ledger.resolved());
      default -> throw new IllegalArgumentException(id + " is no ledger sheet");
    };
  }

  /** Every open item: its age and bucket on the run date, and whether it went missing yet. */
  static List<Column<OpenItem>> openItems(LocalDate runDate) {
    return items(STATUS, runDate);
  }

  /**
   * Items inside the window: instead of a status (always in transit), the run date on which an item
   * is reported missing unless its other half arrives first.
   */
  static List<Column<OpenItem>> inTransit(LedgerOutcome ledger) {
    return items(
        code(
            "Missing on",
            DATE_WIDTH,
            OpenItem::openedOn,
            opened -> opened.plusDays(ledger.windowDays()).toString()),
        ledger.runDate());
  }

  private static List<Column<OpenItem>> items(Column<OpenItem> state, LocalDate runDate) {
    // Only what the ledger carries of every item: an item's row in full (status text, timestamp,
    // reference, line) is read for the few a run shows on the Cleared and missing sheets.
    return List.of(
        SOURCE,
        TRANSACTION_ID,
        BUSINESS_DATE,
        number("Age (days)", OpenItem::openedOn, opened -> OpenItem.age(opened, runDate)),
        code(
            "Bucket",
            CODE_WIDTH,
            OpenItem::openedOn,
            opened -> AgeBucket.of(OpenItem.age(opened, runDate)).label()),
        state,
        AMOUNT,
        CURRENCY);
  }

  /** What an item's status depends on: the run date that reported it missing, or IN_TRANSIT. */
  private static Object missingSince(OpenItem item) {
    return item.missing() ? item.missingSince() : IN_TRANSIT;
  }

  private static final String IN_TRANSIT = "in transit";

  /** The status text of a {@link #missingSince} key: {@link OpenItem#state(LocalDate)}. */
  private static String status(Object missingSince) {
    return OpenItem.state(missingSince instanceof LocalDate date ? date : null);
  }

  /** "explained" or "written off", as finance reads it. */
  private static String outcome(Resolution r) {
    return r.as() == null ? null : r.as().id().replace('_', ' ');
  }

  private static <R> Function<OpenItem, R> row(Function<Txn, R> value) {
    return i -> value.apply(i.row());
  }

  private static <R> Function<ClearedItem, R> sale(Function<Txn, R> value) {
    return c -> c.sale() == null ? null : value.apply(c.sale());
  }

  private static <R> Function<ClearedItem, R> processor(Function<Txn, R> value) {
    return c -> c.processor() == null ? null : value.apply(c.processor());
  }
}
