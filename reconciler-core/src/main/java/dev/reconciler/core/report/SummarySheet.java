package dev.reconciler.core.report;

import dev.reconciler.core.ledger.AgeBucket;
import dev.reconciler.core.ledger.LedgerFigures;
import dev.reconciler.core.ledger.LedgerOutcome;
import dev.reconciler.core.match.CurrencyTotal;
import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.match.EmptySide;
import dev.reconciler.core.match.ReconciliationResult;
import dev.reconciler.core.match.SourceStats;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The first sheet: what was reconciled and the headline numbers. Deliberately holds no generation
 * time, so the same result always gives the same cells.
 */
final class SummarySheet {
  static final String NAME = "Summary";
  static final String TITLE = "Daily Reconciliation";
  static final String UNSETTLED_NOTE =
      "sales not paid with no processor row: nothing expected to settle";

  static final String EMPTY_START = "Ledger started empty";
  static final String WARNING = "Warning";
  static final String OLDEST = "Oldest open item (days)";
  static final String BUCKET = "Age (days)";

  private static final int LABEL_WIDTH = 30;
  private static final int VALUE_WIDTH = 20;
  private static final int VALUE_COLUMNS = 8;

  private final Sheet sheet;
  private final CellWriter cells;
  private int nextRow;

  private SummarySheet(Sheet sheet, CellWriter cells) {
    this.sheet = sheet;
    this.cells = cells;
  }

  static void write(Workbook workbook, CellWriter cells, ReconciliationResult result) {
    Sheet sheet = workbook.createSheet(NAME);
    sheet.setColumnWidth(0, LABEL_WIDTH * 256);
    for (int c = 1; c <= VALUE_COLUMNS; c++) {
      sheet.setColumnWidth(c, VALUE_WIDTH * 256);
    }
    new SummarySheet(sheet, cells).write(result);
  }

  private void write(ReconciliationResult result) {
    run(result);
    sources(result.sales(), result.processor());
    matching(result);
    discrepancies(result);
    totals(result.totals());
    cells.number(labelled("Rejected rows"), 1, result.rejectedRows());
    long fromFiles = result.rejectedInFiles();
    if (fromFiles > 0) {
      // The Sources rows count the tables' rejected rows; these never reached a table.
      cells.number(labelled("of which in processor files"), 1, fromFiles);
    }
    ledger(result.ledger());
  }

  private void run(ReconciliationResult result) {
    cells.heading(row(), 0, TITLE);
    nextRow++;
    cells.text(labelled("Business date"), 1, result.businessDate().toString());
    cells.text(labelled("Run ID"), 1, result.runId());
    cells.text(labelled("Database"), 1, result.database());
    EmptySide empty = EmptySide.of(result.sales().rowsRead(), result.processor().rowsRead());
    if (empty != null) {
      cells.text(
          labelled(WARNING),
          1,
          empty.question(
              result.businessDate(), result.sales().rowsRead(), result.processor().rowsRead()));
    }
  }

  private void sources(SourceStats... sides) {
    section("Sources");
    headings(
        "Source",
        "Table",
        "Rows read",
        "Rejected",
        "Exact duplicates",
        "Conflicting duplicates",
        "Accepted");
    for (SourceStats side : sides) {
      Row row = labelled(side.source().label());
      cells.text(row, 1, side.table());
      cells.number(row, 2, side.rowsRead());
      cells.number(row, 3, side.rejected());
      cells.number(row, 4, side.exactDuplicates());
      cells.number(row, 5, side.conflictingDuplicates());
      cells.number(row, 6, side.accepted());
    }
  }

  private void matching(ReconciliationResult result) {
    section("Matching");
    cells.number(labelled("Matched"), 1, result.matched());
    Row unsettled = labelled("Unsettled sales");
    cells.number(unsettled, 1, result.unsettledSales());
    cells.text(unsettled, 2, UNSETTLED_NOTE);
    Row rate = labelled("Match rate %");
    BigDecimal percent = result.matchRatePercent();
    if (percent == null) {
      cells.text(rate, 1, "n/a");
    } else {
      cells.percent(rate, 1, percent);
    }
  }

  private void discrepancies(ReconciliationResult result) {
    section("Discrepancies");
    Map<DiscrepancyKind, Map<String, BigDecimal>> amounts = result.amounts();
    Set<String> currencies = new TreeSet<>();
    amounts.values().forEach(byCurrency -> currencies.addAll(byCurrency.keySet()));
    countHeadings("Kind", currencies);
    result
        .counts()
        .forEach(
            (kind, count) ->
                countRow(kind.label(), count, currencies, amounts.getOrDefault(kind, Map.of())));
    Row total = row();
    cells.heading(total, 0, "Total");
    cells.number(total, 1, result.discrepancyCount());
  }

  private void totals(List<CurrencyTotal> totals) {
    section("Totals");
    headings("Currency", "Sales total", "Processor total", "Difference");
    for (CurrencyTotal total : totals) {
      Row row = labelled(total.currency());
      cells.amount(row, 1, total.sales(), total.currency());
      cells.amount(row, 2, total.processor(), total.currency());
      cells.amount(row, 3, total.processor().subtract(total.sales()), total.currency());
    }
    nextRow++;
  }

  /** The open-items ledger after the run: what is open, for how long, and what changed today. */
  private void ledger(LedgerOutcome ledger) {
    LedgerFigures figures = LedgerFigures.of(ledger);
    section("Open items ledger");
    cells.number(labelled("Settlement window (days)"), 1, (long) ledger.windowDays());
    if (ledger.emptyStart() != null) {
      cells.text(labelled(EMPTY_START), 1, ledger.emptyStart());
    }
    cells.number(labelled("Open items"), 1, (long) ledger.open().size());
    cells.number(labelled("In transit"), 1, figures.inTransit());
    cells.number(labelled("Went missing today"), 1, figures.wentMissing());
    cells.number(labelled("Cleared today"), 1, (long) ledger.cleared().size());
    cells.number(labelled("Resolved"), 1, (long) ledger.resolved().size());
    Row oldest = labelled(OLDEST);
    if (figures.oldestAge() < 0) {
      cells.text(oldest, 1, "none open");
    } else {
      cells.number(oldest, 1, figures.oldestAge());
    }
    byBucket(figures);
  }

  /** Every bucket, empty ones too, so the table has the same rows every day. */
  private void byBucket(LedgerFigures figures) {
    nextRow++;
    countHeadings(BUCKET, figures.currencies());
    for (AgeBucket bucket : AgeBucket.values()) {
      countRow(
          bucket.label(),
          figures.counts().get(bucket),
          figures.currencies(),
          figures.amounts().get(bucket));
    }
  }

  /** A header row: the label column, "Count", then "Amount XXX" per currency. */
  private void countHeadings(String label, Set<String> currencies) {
    Row header = headings(label, "Count");
    int c = 2;
    for (String currency : currencies) {
      cells.heading(header, c++, "Amount " + currency);
    }
  }

  /** A row under {@link #countHeadings}: a currency without an amount shows 0. */
  private void countRow(
      String label, long count, Set<String> currencies, Map<String, BigDecimal> byCurrency) {
    Row row = labelled(label);
    cells.number(row, 1, count);
    int col = 2;
    for (String currency : currencies) {
      cells.amount(row, col++, byCurrency.getOrDefault(currency, BigDecimal.ZERO), currency);
    }
  }

  private void section(String title) {
    nextRow++;
    cells.heading(row(), 0, title);
  }

  private Row headings(String... titles) {
    Row row = row();
    for (int c = 0; c < titles.length; c++) {
      cells.heading(row, c, titles[c]);
    }
    return row;
  }

  private Row labelled(String label) {
    Row row = row();
    cells.text(row, 0, label);
    return row;
  }

  private Row row() {
    return sheet.createRow(nextRow++);
  }
}
