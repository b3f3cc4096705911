package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.imports.ImportSummary.Rejection;
import dev.reconciler.core.load.RejectedRow;
import dev.reconciler.core.store.ImportLog;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportRejectionsTest {
  private static final Instant AT = Instant.parse("2026-11-25T06:00:00Z");

  @Test
  void eachKeptRejectionIsAProcessorRowOfItsFile() {
    List<RejectedRow> rows =
        ImportRejections.rows(
            new ImportLog.FileRejections(
                "stripe",
                "payouts.csv",
                AT,
                4,
                4,
                List.of(
                    new Rejection(3, 3, "unknown currency 'QQQ'", "TXN-7"),
                    new Rejection(8, 10, "a quote never closed"))));

    assertThat(rows)
        .containsExactly(
            new RejectedRow(
                Source.PROCESSOR, 3, "TXN-7", "unknown currency 'QQQ'", "payouts.csv", 1),
            new RejectedRow(
                Source.PROCESSOR,
                8,
                null,
                "a quote never closed (lines 8 to 10, each a rejected row)",
                "payouts.csv",
                3));
    assertThat(RejectedRow.count(rows)).as("the rows the import rejected").isEqualTo(4);
  }

  @Test
  void rowsTheImportDidNotKeepAreCountedOnOneRowWithoutALine() {
    List<RejectedRow> rows =
        ImportRejections.rows(
            new ImportLog.FileRejections(
                "csv", "big.csv", AT, 1_250, 1, List.of(new Rejection(2, "blank amount"))));

    assertThat(rows).hasSize(2);
    assertThat(RejectedRow.count(rows)).as("the rows the import rejected").isEqualTo(1_250);
    assertThat(rows.get(1).rows()).isEqualTo(1_249);
    assertThat(rows.get(1).line()).isZero();
    assertThat(rows.get(1).file()).isEqualTo("big.csv");
    assertThat(rows.get(1).reason())
        .isEqualTo(
            "1,249 more rows of this file were rejected, of this day or another it reaches: its"
                + " import of 2026-11-25T06:00:00Z kept the first 1");
  }
}
