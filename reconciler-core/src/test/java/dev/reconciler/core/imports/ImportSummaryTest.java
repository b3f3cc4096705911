package dev.reconciler.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportSummaryTest {
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
                new ImportSummary.Rejection(7, "unknown currency 'ZZZ'")),
            10);

    assertThat(s.lines())
        .containsExactly(
            "csv file e.csv: 0 rows imported, 0 already present, 10 rejected",
            "rejected line 3: unclosed quote? cell runs from line 3 to line 5; its 3 lines count"
                + " as rejected rows",
            "rejected line 7: unknown currency 'ZZZ'",
            "rejected: 6 more rows not listed (the first 4 are)",
            "no row was imported; fix the rejected rows and import the file again");
  }

  /** The last line says what became of the rows not rejected, not that they were imported. */
  @Test
  void theLastLineSaysWhetherTheOtherRowsWereImportedOrAlreadyPresent() {
    List<ImportSummary.Rejection> one = List.of(new ImportSummary.Rejection(2, "bad"));
    ImportSummary imported =
        new ImportSummary(ImportFormat.CSV, "e.csv", Map.of(RowType.PAYMENT, 3L), Map.of(), one, 1);
    ImportSummary present =
        new ImportSummary(ImportFormat.CSV, "e.csv", Map.of(), Map.of(RowType.PAYMENT, 3L), one, 1);

    assertThat(imported.lines())
        .last()
        .isEqualTo("the other rows were imported; fix the rejected rows and import the file again");
    assertThat(present.lines())
        .last()
        .isEqualTo(
            "the other rows were already present; fix the rejected rows and import the file"
                + " again");
  }
}
