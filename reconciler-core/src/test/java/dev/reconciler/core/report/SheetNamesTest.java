package dev.reconciler.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SheetNamesTest {

  @Test
  void numbersContinuationSheets() {
    assertThat(SheetNames.part("Amount Mismatch", 1)).isEqualTo("Amount Mismatch");
    assertThat(SheetNames.part("Amount Mismatch", 2)).isEqualTo("Amount Mismatch (2)");
    assertThat(SheetNames.part("Amount Mismatch", 12)).isEqualTo("Amount Mismatch (12)");
  }

  @Test
  void shortensLongNamesKeepingTheNumber() {
    String label = "A label that is much longer than Excel allows";

    assertThat(SheetNames.part(label, 1)).hasSize(31).isEqualTo("A label that is much longer tha");
    assertThat(SheetNames.part(label, 3)).hasSize(31).endsWith(" (3)");
  }

  @Test
  void replacesCharactersExcelForbids() {
    assertThat(SheetNames.part("In/Out [a]: b?", 1)).doesNotContain("/", "[", "]", ":", "?");
  }
}
