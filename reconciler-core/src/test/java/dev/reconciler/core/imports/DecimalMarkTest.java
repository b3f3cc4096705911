package dev.reconciler.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecimalMarkTest {
  /**
   * Each mark's reading of an amount as a plain decimal; "null" where the text is not written that
   * way (the caller then rejects it). The decimal and thousands separators are given by name.
   */
  @ParameterizedTest(name = "decimal {0}, thousands {1}: {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "point|none|-12.34|-12.34",
        "point|none|1,234.56|1,234.56", // left for the caller's digit check to reject
        "comma|none|12,34|12.34",
        "comma|none|-7|-7",
        "comma|none|12.34|null",
        "comma|none|1.234,56|null",
        "comma|point|1.234.567,89|1234567.89",
        "comma|point|-1.234,5|-1234.5",
        "comma|point|+999,00|+999.00",
        "comma|point|1234,56|1234.56", // a file may group some amounts and not others
        "comma|point|1.23,4|null",
        "comma|point|1234.567,8|null",
        "comma|point|1.2345,6|null",
        "comma|point|.123,4|null",
        "comma|point|1..234,5|null",
        "comma|point|1.234,5.6|null",
        "comma|point|1,234.5|null",
        "point|comma|1,234,567.89|1234567.89",
        "point|comma|12,34|null",
        "point|apostrophe|1'234.50|1234.50",
        "comma|space|1 234,56|1234.56",
        "comma|space|1\u00a0234,56|1234.56",
        "comma|space|1\u202f234\u202f567,5|1234567.5",
        "comma|space|12 34,5|null"
      })
  void anAmountIsReadAsAPlainDecimalOrNotAtAll(
      String decimal, String thousands, String text, String expected) {
    DecimalMark mark = new DecimalMark(character(decimal), character(thousands), "[s] k", "[s] t");
    assertThat(mark.plain(text)).isEqualTo(expected.equals("null") ? null : expected);
  }

  /** What a rejection says an amount should look like, and which key would read it. */
  @ParameterizedTest(name = "decimal {0}, thousands {1}, settable {2}: {3}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "comma|none|true|1.234,56|-12,34; a file whose amounts group thousands needs [s] t",
        "comma|none|true|1 234,56|-12,34; a file whose amounts group thousands needs [s] t",
        "point|none|true|1'234.56|-12.34; a file whose amounts group thousands needs [s] t",
        "comma|none|true|12.34|-12,34; a file whose amounts have a decimal '.' needs [s] k = .",
        "comma|none|true|1.234|-12,34; a file whose amounts have a decimal '.' needs [s] k = .,"
            + " or, where '.' groups thousands, [s] t = .",
        "comma|none|true|-12.345.678|-12,34; a file whose amounts have a decimal '.' needs [s] k ="
            + " ., or, where '.' groups thousands, [s] t = .",
        "point|none|true|1,500|-12.34; a file whose amounts have a decimal ',' needs [s] k = ,,"
            + " or, where ',' groups thousands, [s] t = ,",
        "comma|none|true|1234.567|-12,34; a file whose amounts have a decimal '.' needs [s] k = .",
        "point|none|true|12,34|-12.34; a file whose amounts have a decimal ',' needs [s] k = ,",
        "comma|none|false|1.234,56|-12,34",
        "comma|none|true|12x|-12,34",
        "comma|point|true|1.23,4|-1.234,56"
      })
  void aRejectionSaysWhatTheAmountShouldLookLikeAndWhichKeyReadsIt(
      String decimal, String thousands, boolean settable, String text, String expected) {
    DecimalMark mark =
        new DecimalMark(
            character(decimal), character(thousands), "[s] k", settable ? "[s] t" : null);
    assertThat(mark.expected(text)).isEqualTo("expected a decimal such as " + expected);
  }

  @ParameterizedTest
  @CsvSource({"point,point", "comma,comma", "point,x", "x,none"})
  void aMarkOfTwoEqualOrUnknownSeparatorsIsRefused(String decimal, String thousands) {
    assertThatThrownBy(() -> new DecimalMark(character(decimal), character(thousands), null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static char character(String name) {
    return switch (name) {
      case "point" -> '.';
      case "comma" -> ',';
      case "apostrophe" -> '\'';
      case "space" -> ' ';
      case "none" -> DecimalMark.NO_GROUPING;
      default -> name.charAt(0);
    };
  }
}
