package dev.reconciler.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportSummaryTest {
  /** The zone the summaries' days are told in. */
  private static final ZoneId UTC = ZoneId.of("UTC");

  /** A rejection over several lines lists them all: "not listed" counts only the rows it omits. */
  @Test
  void rowsNotListedLeaveOutTheLinesAListedRejectionTook() {
    ImportSummary s =
        new ImportSummary(
            ImportFormat.CSV,
            "e.csv",
            Map.of(),
            Map.of(),
            List.of(
                new ImportSummary.Rejection(
                    3, 5, "unclosed quote? cell runs from line 3 to line 5"),
                new ImportSummary.Rejection(7, 7, "unknown currency 'ZZZ'", "TXN-7")),
            10);

    assertThat(s.lines(UTC))
        .containsExactly(
            "csv file e.csv: 0 rows imported, 0 already present, 10 rejected",
            "rejected line 3: unclosed quote? cell runs from line 3 to line 5; its 3 lines count"
                + " as rejected rows",
            "rejected line 7 (transaction id TXN-7): unknown currency 'ZZZ'",
            "rejected: 6 more rows not listed (the first 4 are)",
            "no row was imported; fix the rejected rows and import the file again");
  }

  /**
   * A file is refused when it had rows and every one was rejected; not when none were rejected (an
   * empty day), nor when some were imported or already present.
   */
  @Test
  void onlyAFileOfRowsAllRejectedIsRefusedNamingItsFirstRejection() {
    List<ImportSummary.Rejection> two =
        List.of(
            new ImportSummary.Rejection(2, "unknown currency 'ZZZ'"),
            new ImportSummary.Rejection(3, "bad"));
    ImportSummary all = new ImportSummary(ImportFormat.CSV, "e\n.csv", Map.of(), Map.of(), two, 2);
    assertThat(all.everyRowRejected()).isTrue();
    assertThat(all.refusal())
        .isEqualTo(
            "csv file e\\n.csv: every row was rejected (2), nothing imported (first: line 2:"
                + " unknown currency 'ZZZ')");
    assertThat(new ImportSummary(ImportFormat.CSV, "e.csv", Map.of(), Map.of(), List.of(), 0))
        .matches(s -> !s.everyRowRejected(), "an empty file is no refusal");
    assertThat(
            new ImportSummary(
                ImportFormat.CSV, "e.csv", Map.of(), Map.of(RowType.PAYMENT, 1L), two, 2))
        .matches(s -> !s.everyRowRejected(), "a row already present is no refusal");
    assertThat(
            new ImportSummary(
                ImportFormat.CSV, "e.csv", Map.of(RowType.REFUND, 1L), Map.of(), two, 2))
        .matches(s -> !s.everyRowRejected(), "a row imported is no refusal");
  }

  /** The last line says what became of the rows not rejected, not that they were imported. */
  @Test
  void theLastLineSaysWhetherTheOtherRowsWereImportedOrAlreadyPresent() {
    List<ImportSummary.Rejection> one = List.of(new ImportSummary.Rejection(2, "bad"));
    ImportSummary imported =
        new ImportSummary(ImportFormat.CSV, "e.csv", Map.of(RowType.PAYMENT, 3L), Map.of(), one, 1);
    ImportSummary present =
        new ImportSummary(ImportFormat.CSV, "e.csv", Map.of(), Map.of(RowType.PAYMENT, 3L), one, 1);

    assertThat(imported.lines(UTC))
        .last()
        .isEqualTo(
            "the other rows were imported; fix the rejected rows and import the file again"
                + " (until then the Rejected Rows sheet of each rejected row's day lists it, or of"
                + " each day the file reaches when its time could not be read)");
    assertThat(present.lines(UTC))
        .last()
        .isEqualTo(
            "the other rows were already present; fix the rejected rows and import the file"
                + " again (until then the Rejected Rows sheet of each rejected row's day lists it,"
                + " or of each day the file reaches when its time could not be read)");
  }

  /** The parser's notes follow the counts and the rows' dates, each on a line of its own. */
  @Test
  void notesFollowTheCountsAndTheDates() {
    ImportSummary s =
        twoPayments(
            List.of("merchant accounts not named in [import.adyen] account_timezones: ShopDE"));

    assertThat(s.lines(UTC))
        .containsExactly(
            "adyen file a.csv: 2 rows imported, 0 already present, 0 rejected",
            "imported payment: 2",
            "rows dated 2026-01-15T04:00:00Z to 2026-01-15T18:00:00Z (day 2026-01-15 in UTC)",
            "note: merchant accounts not named in [import.adyen] account_timezones: ShopDE");
  }

  /**
   * A queued import's result is one line: the counts, the days of the reconciliation's zone its
   * rows fall on, and how many notes the import log keeps; without rows or notes, the counts.
   */
  @Test
  void theResultOfAQueuedImportTellsItsDaysAndNotesOnOneLine() {
    ImportSummary s = twoPayments(List.of("first", "second"));

    assertThat(s.result(UTC))
        .isEqualTo(
            "adyen file a.csv: 2 rows imported, 0 already present, 0 rejected;"
                + " rows of day 2026-01-15 in UTC; 2 notes (reconciler imports lists them)");
    assertThat(s.result(ZoneId.of("America/New_York")))
        .contains("; rows of days 2026-01-14 to 2026-01-15 in America/New_York;");
    assertThat(
            new ImportSummary(ImportFormat.CSV, "e.csv", Map.of(), Map.of(), List.of(), 0)
                .result(UTC))
        .isEqualTo("csv file e.csv: 0 rows imported, 0 already present, 0 rejected");
  }

  /** A dry run's summary says so first, and what the import would do, not what it did. */
  @Test
  void aDryRunsSummarySaysWhatTheImportWouldDo() {
    ImportSummary s =
        new ImportSummary(
            ImportFormat.CSV,
            "e.csv",
            Map.of(RowType.PAYMENT, 3L),
            Map.of(RowType.REFUND, 1L),
            List.of(new ImportSummary.Rejection(2, "bad")),
            1,
            null,
            null,
            List.of(),
            true);

    assertThat(s.lines(UTC))
        .containsExactly(
            "csv file e.csv (dry run, nothing imported): 3 rows to import, 1 already present, 1"
                + " rejected",
            "to import payment: 3",
            "already present refund: 1",
            "rejected line 2: bad",
            "the other rows would be imported; fix the rejected rows before importing the file");
  }

  /** An Adyen file's summary: two payments of 15 January UTC, and {@code notes}. */
  private static ImportSummary twoPayments(List<String> notes) {
    return new ImportSummary(
        ImportFormat.ADYEN,
        "a.csv",
        Map.of(RowType.PAYMENT, 2L),
        Map.of(),
        List.of(),
        0,
        java.time.Instant.parse("2026-01-15T04:00:00Z"),
        java.time.Instant.parse("2026-01-15T18:00:00Z"),
        notes,
        false);
  }
}
