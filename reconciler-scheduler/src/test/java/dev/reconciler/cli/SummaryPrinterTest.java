package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
}
