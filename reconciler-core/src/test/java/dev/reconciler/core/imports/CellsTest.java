package dev.reconciler.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.load.TimestampParser;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CellsTest {
  @Test
  void amountsKeepTheirValueAtTheCurrencysDecimals() {
    assertThat(Cells.amount("100", "gross", "USD").toPlainString()).isEqualTo("100.00");
    assertThat(Cells.amount("-20.5", "gross", "USD").toPlainString()).isEqualTo("-20.50");
    assertThat(Cells.amount("+0.125", "gross", "USD").toPlainString()).isEqualTo("0.125");
    assertThat(Cells.amount("1500", "gross", "JPY").toPlainString()).isEqualTo("1500");
    assertThat(Cells.amount("7.5", "gross", "KWD").toPlainString()).isEqualTo("7.500");
    assertThat(Cells.amount(" 1.0000 ", "gross", "USD").toPlainString()).isEqualTo("1.00");
    assertThat(Cells.amountOrZero("", "fee", "EUR", DecimalMark.POINT).toPlainString())
        .isEqualTo("0.00");
  }

  @Test
  void aCellIsTooLongPastTheBoundWhichNamesItOnOneLine() throws java.io.IOException {
    String row = "a".repeat(Cells.MAX_CELL_CHARS) + ",b" + "b".repeat(Cells.MAX_CELL_CHARS) + ",c";
    try (ExportCsv csv = ExportCsv.open(new java.io.StringReader(row), "x.csv")) {
      ExportRecord r = csv.next();
      assertThat(Cells.tooLong(r, 0, "id")).isNull();
      assertThat(Cells.tooLong(r, 1, "evil\ncolumn"))
          .isEqualTo("evil\\ncolumn is 1,001 characters long, more than 1,000");
      assertThat(Cells.tooLong(r, 2, "c")).isNull();
      assertThat(Cells.tooLong(r, -1, "absent")).isNull();
      assertThat(Cells.tooLong(r, 3, "beyond the row")).isNull();
    }
  }

  @Test
  void anIdASpreadsheetRoundedIsRejectedAndEveryOtherIdKept() {
    for (String rounded : new String[] {"4.89243E+15", "-1.5e-3", "1E+5", "9.9e+307"}) {
      assertThatThrownBy(() -> Cells.unrounded(rounded, "Psp Reference"))
          .as(rounded)
          .isInstanceOf(RowRejected.class)
          .hasMessageContaining(
              "Psp Reference '" + rounded + "' is a number a spreadsheet rounded");
    }
    for (String id :
        new String[] {
          "8427454889567466",
          "TXN-1E+5",
          "E+15",
          "4.89243E15",
          "ch_4e+1",
          "12E+",
          "1.E+5",
          "4.8e+15x",
          "-",
          "",
          "ee"
        }) {
      assertThat(Cells.unrounded(id, "Psp Reference")).as(id).isSameAs(id);
    }
    assertThat(Cells.unrounded(null, "Psp Reference")).isNull();
  }

  @Test
  void theScaleWorkedOutOnTheLongIsTheOneOfTheBigDecimalWay() {
    long[] values = {0, 1, -1, 10, 100, 1000, 10000, -50000, 123456, 1200, 999999999999999999L};
    for (String currency : new String[] {"USD", "JPY", "KWD", "CLF", "XXX"}) {
      for (long unscaled : values) {
        for (int scale = 0; scale <= 4; scale++) {
          BigDecimal expected =
              Cells.atCurrencyScale(BigDecimal.valueOf(unscaled, scale), currency);
          BigDecimal actual = Cells.atCurrencyScale(unscaled, scale, currency);
          assertThat(actual.toPlainString())
              .as(unscaled + " at " + scale + " " + currency)
              .isEqualTo(expected.toPlainString());
          assertThat(actual.scale()).isEqualTo(expected.scale());
        }
      }
    }
  }

  @Test
  void anythingButAPlainDecimalIsRejectedWithTheReason() {
    for (String bad :
        new String[] {
          "1e5",
          "NaN",
          "Infinity",
          "1,234.50",
          "$12",
          "(4.20)",
          "1.",
          ".5",
          "--1",
          "0x1F",
          "١٢",
          "12 34",
          "-"
        }) {
      assertThatThrownBy(() -> Cells.amount(bad, "gross", "USD"))
          .as(bad)
          .isInstanceOf(RowRejected.class)
          .hasMessageStartingWith("unparseable gross '");
    }
    assertThatThrownBy(() -> Cells.amount("", "fee", "USD")).hasMessage("missing fee");
    assertThatThrownBy(() -> Cells.amount("1.23456", "net", "USD"))
        .hasMessage("net '1.23456' has more than 4 decimals");
    assertThatThrownBy(() -> Cells.amount("1" + "0".repeat(14), "gross", "USD"))
        .hasMessage("gross out of range '100000000000000' (largest 99999999999999.9999)");
  }

  @Test
  void aReasonQuotesACellOnOneLineAndCutShort() {
    String reason = catchReason(() -> Cells.amount("x\n\u202e" + "y".repeat(500), "gross", "USD"));
    assertThat(reason).doesNotContain("\n", "\u202e").contains("\\n", "\\u202e");
    assertThat(reason.length()).isLessThan(140);
  }

  @Test
  void hundredthsAreWholeUnsignedNumbersOfHundredthsInEveryCurrency() {
    assertThat(Cells.hundredths("1234", "gross", "USD").toPlainString()).isEqualTo("12.34");
    assertThat(Cells.hundredths("123400", "gross", "JPY").toPlainString()).isEqualTo("1234");
    assertThat(Cells.hundredths("1250", "gross", "JPY").toPlainString()).isEqualTo("12.5");
    assertThat(Cells.hundredths("0005", "fee", "KWD").toPlainString()).isEqualTo("0.050");
    assertThatThrownBy(() -> Cells.hundredths("-5", "gross", "USD"))
        .hasMessageStartingWith("unparseable gross '-5'");
    assertThatThrownBy(() -> Cells.hundredths("12.5", "gross", "USD"))
        .hasMessageStartingWith("unparseable gross");
    assertThatThrownBy(() -> Cells.hundredths("9".repeat(19), "gross", "USD"))
        .hasMessageStartingWith("gross out of range");
    assertThatThrownBy(() -> Cells.hundredths("1" + "0".repeat(16), "gross", "USD"))
        .hasMessageStartingWith("gross out of range");
  }

  @Test
  void currenciesMustBeKnownAndAllowed() {
    Currencies any = new Currencies(Set.of());
    assertThat(any.code("usd")).isEqualTo("USD");
    assertThat(any.code(" Kwd ")).isEqualTo("KWD");
    assertThatThrownBy(() -> any.code("ABC")).hasMessage("unknown currency 'ABC'");
    assertThatThrownBy(() -> any.code("US")).hasMessage("unknown currency 'US'");
    assertThatThrownBy(() -> any.code("ＵＳＤ")).hasMessage("unknown currency 'ＵＳＤ'");
    assertThatThrownBy(() -> any.code(" ")).hasMessage("missing currency");
    Currencies listed = new Currencies(Set.of("USD", "EUR"));
    assertThat(listed.code("eur")).isEqualTo("EUR");
    assertThatThrownBy(() -> listed.code("GBP"))
        .as("a real currency the config does not list: the config's to change")
        .hasMessage("currency 'GBP' is not listed in [reconciliation] currencies");
    assertThatThrownBy(() -> listed.code("QQQ")).hasMessage("unknown currency 'QQQ'");
  }

  @Test
  void timesWithoutAnOffsetAreReadInTheParsersZone() {
    TimestampParser berlin = new TimestampParser(ZoneId.of("Europe/Berlin"));
    assertThat(Cells.instant("2026-11-28 10:15:30", berlin, "created"))
        .isEqualTo(Instant.parse("2026-11-28T09:15:30Z"));
    assertThat(Cells.instant("2026-11-28T10:15:30Z", berlin, "created"))
        .isEqualTo(Instant.parse("2026-11-28T10:15:30Z"));
    assertThatThrownBy(() -> Cells.instant("28/11/2026", berlin, "created"))
        .hasMessage("unparseable created '28/11/2026'");
  }

  private static String catchReason(Runnable r) {
    try {
      r.run();
    } catch (RowRejected e) {
      return e.getMessage();
    }
    throw new AssertionError("not rejected");
  }
}
