package dev.reconciler.core.store;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.imports.ProcessorRow;
import dev.reconciler.core.imports.RowType;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProcessorImportTest {
  private static ProcessorRow rowOf(String file) {
    return new ProcessorRow(
        "txn_1",
        RowType.PAYMENT,
        "charge",
        "TXN-1",
        new BigDecimal("1.00"),
        BigDecimal.ZERO,
        new BigDecimal("1.00"),
        "USD",
        Instant.parse("2026-11-24T10:00:00Z"),
        null,
        null,
        "ch_1",
        null,
        ProcessorRow.SETTLED,
        file,
        2);
  }

  @Test
  void bothWritersTakeOnlyRowsOfTheirImportsFile() {
    assertThatCode(() -> ProcessorImport.requireRowOf("a.csv", rowOf("a.csv")))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> ProcessorImport.requireRowOf("a.csv", rowOf("b.csv")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a row of b.csv added to the import of a.csv");
  }
}
