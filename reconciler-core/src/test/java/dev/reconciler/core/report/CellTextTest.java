package dev.reconciler.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CellTextTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"=HYPERLINK(\"http://x\")", "+1", "-5", "@SUM(A1)", "\tTAB", "\rCR", "=", "-"})
  void quotesTextThatStartsLikeAFormula(String text) {
    assertThat(CellText.needsQuotePrefix(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"TXN-1", "a=b", " =1", "1+1", "ORD-7", "'quoted", "\n=1", "€5", "5-"})
  void leavesOtherTextAlone(String text) {
    assertThat(CellText.needsQuotePrefix(text)).isFalse();
  }

  @Test
  void leavesNullAndEmptyAlone() {
    assertThat(CellText.needsQuotePrefix(null)).isFalse();
    assertThat(CellText.needsQuotePrefix("")).isFalse();
  }

  @Test
  void decidesOnEveryAsciiLeadingCharacter() {
    for (char c = 0; c < 128; c++) {
      boolean formulaStart = "=+-@\t\r".indexOf(c) >= 0;
      assertThat(CellText.needsQuotePrefix(c + "x")).as("char %d", (int) c).isEqualTo(formulaStart);
    }
  }
}
