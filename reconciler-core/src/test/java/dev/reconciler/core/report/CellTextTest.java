package dev.reconciler.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CellTextTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "=HYPERLINK(\"http://x\")",
        "+1",
        "-5",
        "@SUM(A1)",
        "\tTAB",
        "\rCR",
        "=",
        "-",
        // Full-width forms, which East Asian Excel turns into the operator when a cell is edited.
        "\uFF1DHYPERLINK(\"http://x\")",
        "\uFF0B1",
        "\uFF0D5",
        "\uFF20SUM(A1)"
      })
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

  @Test
  void leavesTextACellHoldsWhole() {
    String longest = "x".repeat(32_767);
    assertThat(CellText.fitted(longest)).isSameAs(longest);
    assertThat(CellText.fitted("")).isEmpty();
  }

  @Test
  void cutsTextOneCharTooLongVisiblyWithinTheLimit() {
    String text = "y".repeat(32_768);
    String fitted = CellText.fitted(text);
    assertThat(fitted).hasSize(32_767).endsWith("y… [truncated, 32768 characters]");
    assertThat(text).startsWith(fitted.substring(0, fitted.indexOf('…')));
  }

  @Test
  void neverSplitsASurrogatePairAndCountsCharactersNotUtf16Units() {
    // Emoji are two UTF-16 units each; a leading "a" moves the cut to the other unit of a pair.
    for (String lead : new String[] {"", "a"}) {
      String text = lead + "\uD83D\uDE00".repeat(20_000);
      String fitted = CellText.fitted(text);
      int cut = fitted.indexOf('…');
      assertThat(fitted.length()).as(lead).isLessThanOrEqualTo(32_767);
      assertThat(text).startsWith(fitted.substring(0, cut));
      assertThat(Character.isHighSurrogate(fitted.charAt(cut - 1))).as(lead).isFalse();
      assertThat(fitted).endsWith("… [truncated, " + (lead.length() + 20_000) + " characters]");
      assertThat(cut).as(lead).isGreaterThan(32_700);
    }
  }

  @Test
  void escapesTheUnderscoreOfEveryExcelEscapeSoItReadsAsWritten() {
    assertThat(CellText.escaped("_x003D_1+1")).isEqualTo("_x005F_x003D_1+1");
    assertThat(CellText.escaped("a_x000d__x000A_b")).isEqualTo("a_x005F_x000d__x005F_x000A_b");
    assertThat(CellText.escaped("_x005F_")).isEqualTo("_x005F_x005F_");
    for (String plain :
        new String[] {"TXN-1", "_x41_", "_X0041_", "_x004G_", "_x0041", "x0041_", "_x٠٠٤١_"}) {
      assertThat(CellText.escaped(plain)).as(plain).isSameAs(plain);
    }
  }

  @Test
  void cutsEscapedTextNamingTheLengthOfTheValueItself() {
    String value = "_x0041_".repeat(5_000);
    String cell = CellText.forCell(value);
    assertThat(cell)
        .hasSize(32_767)
        .startsWith("_x005F_x0041_")
        .endsWith("[truncated, 35000 characters]");
  }

  @Test
  void keepsTheQuotePrefixDecisionOfTheWholeValue() {
    String formula = "=" + "1".repeat(40_000);
    assertThat(CellText.needsQuotePrefix(CellText.fitted(formula))).isTrue();
  }
}
