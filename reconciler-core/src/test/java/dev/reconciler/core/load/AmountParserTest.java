package dev.reconciler.core.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AmountParserTest {
  @ParameterizedTest(name = "''{0}'' is {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "12.5|125000",
        "12|120000",
        "0.01|100",
        "'1,234.50'|12345000",
        "' $12.00 '|120000",
        "'1,234,567.8901'|12345678901",
        "-3.25|-32500",
        "'(4.20)'|-42000",
        "'-$7.10'|-71000",
        "'$-7.10'|-71000",
        "'€5'|50000",
        "+2.5|25000",
        ".5|5000",
        "5.|50000",
        "0.0049|49",
        "'($4.20)'|-42000",
        "'+$2.5'|25000",
        "'$+2.5'|25000",
        "-0|0",
        "(0)|0",
        "'\u00a0\u3000 1.5\u2007\u202f'|15000",
        "'99,999,999,999,999.9999'|999999999999999999",
        "-99999999999999.9999|-999999999999999999",
        "0000000000000000001.5|15000",
        "'1,234.'|12340000",
      })
  void parsesWhatUpstreamSends(String text, long expected) {
    assertThat(AmountParser.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "''{0}'' is rejected")
  @ValueSource(
      strings = {
        "",
        "   ",
        "abc",
        "12.3.4",
        "1,23",
        "12,34.5",
        "1,2345",
        ",123",
        "12.34567",
        "1e5",
        "--1",
        "$",
        ".",
        "12 34",
        "123456789012345",
        "(4.20",
        "12.5 USD",
        "(-5)",
        "+-5",
        "-+5",
        "-(5)",
        "--5",
        "++5",
        "(+5)",
        "+(5)",
        "(5)-",
        "5-",
        "5+",
        "-5-",
        "(-$5)",
        "($-5)",
        "-$-5",
        "+$-5",
        "$-$5",
        "$$5",
        "-5$",
        "()",
        "( 5)",
        "((5))",
        "- 5",
        "$ 5",
        "1,234,56",
        "1,,234",
        "1234,567",
        "1,234.5,6",
        // A first group of 0 is no grouping any formatter writes: 0,001 is 0.001 with a decimal
        // comma as much as 1 with a thousands separator.
        "0,001",
        "0,500.25",
        "00,123",
        "000,001",
        "-0,001",
        "$0,001",
        "(0,001)",
        "0,000,001",
        "100000000000000",
        "100,000,000,000,000",
        "-100000000000000.0000"
      })
  @NullSource
  void rejectsAmbiguousOrMalformedText(String text) {
    assertThat(AmountParser.parse(text)).isEqualTo(AmountParser.INVALID);
  }

  @ParameterizedTest(name = "''{0}'' is out of range")
  @ValueSource(
      strings = {
        "100000000000000",
        "-100,000,000,000,000.00",
        "(100000000000000)",
        "99999999999999999999999999999999999999",
        "9223372036854775808"
      })
  void tellsAnAmountTooLargeToHoldFromMalformedText(String text) {
    assertThat(AmountParser.parse(text)).isEqualTo(AmountParser.INVALID);
    assertThat(AmountParser.isOutOfRange(text)).isTrue();
  }

  @ParameterizedTest(name = "''{0}'' is not out of range")
  @ValueSource(strings = {"99999999999999.9999", "1e20", "99999999999999999999x", "", "-(5)"})
  void saysOutOfRangeOnlyOfAmountsOtherwiseWellFormed(String text) {
    assertThat(AmountParser.isOutOfRange(text)).isFalse();
  }
}
