package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.runs.RunRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryPrinterTest {
  @Test
  void aCurrencyFromTheDatabaseIsPrintedOnOneLineWithoutTerminalEscapes() {
    // A refund row stored by an upstream system (not by an import) carries any currency text.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    SummaryPrinter.kinds(
        out,
        Map.of("refund", 1L),
        Map.of("refund", Map.of("\u001b[31mRED\nFAKE", new BigDecimal("2.50"))));

    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed).doesNotContain("\u001b").contains("RED").contains("2.50");
    assertThat(printed.lines().filter(l -> l.contains("refunds")))
        .singleElement()
        .asString()
        .contains("FAKE");
  }

  /**
   * A run's rejected rows say how many processor files lost, and a run whose files lost none, or
   * recorded before that count, says nothing of files.
   */
  @Test
  void aRunRecordsRejectedRowsSayHowManyProcessorFilesLost() {
    assertThat(rejectedLine(Map.of("rejected", 1_203L, "rejected_in_files", 1_150L)))
        .matches(" +rejected rows +1,203 +\\(1,150 in processor files\\)");
    assertThat(rejectedLine(Map.of("rejected", 7L, "rejected_in_files", 0L)))
        .matches(" +rejected rows +7");
    assertThat(rejectedLine(Map.of("rejected", 7L))).matches(" +rejected rows +7");
  }

  /** A run that read no processor rows of its day says so under its heading. */
  @Test
  void aRunThatReadNoProcessorRowsIsWarnedAbout() {
    assertThat(printed(Map.of("sales_rows", 120L, "processor_rows", 0L)).lines().skip(1))
        .first()
        .isEqualTo(
            "  warning: No processor rows were read for 2026-11-24 (sales rows: 120): was the"
                + " day's processor file imported?");
    assertThat(printed(Map.of("sales_rows", 120L, "processor_rows", 3L))).doesNotContain("warning");
    assertThat(printed(Map.of("rejected", 7L))).doesNotContain("warning");
  }

  private static String rejectedLine(Map<String, Long> counts) {
    return printed(counts)
        .lines()
        .filter(l -> l.contains("rejected rows"))
        .findFirst()
        .orElseThrow();
  }

  private static String printed(Map<String, Long> counts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    SummaryPrinter.print(
        new RunRecord(
            "run-1",
            LocalDate.parse("2026-11-24"),
            Instant.parse("2026-11-25T06:00:00Z"),
            Instant.parse("2026-11-25T06:00:05Z"),
            "SUCCESS",
            counts,
            Map.of(),
            null,
            null,
            null),
        out);
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
