package dev.reconciler.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmountsTest {

  @Test
  void groupsThousandsAndShowsAtLeastTwoDecimals() {
    assertThat(Amounts.format(new BigDecimal("1234567.5"))).isEqualTo("1,234,567.50");
    assertThat(Amounts.format(new BigDecimal("1500"))).isEqualTo("1,500.00");
    assertThat(Amounts.format(new BigDecimal("-0.05"))).isEqualTo("-0.05");
  }

  @Test
  void keepsSignificantDecimalsBeyondTwoWithoutRounding() {
    assertThat(Amounts.format(new BigDecimal("1234.5678"))).isEqualTo("1,234.5678");
    assertThat(Amounts.format(new BigDecimal("0.1000"))).isEqualTo("0.10");
  }

  @Test
  void formatsAmountsExactlyWhereADoubleWouldNot() {
    assertThat(Amounts.format(new BigDecimal("90071992547409.93")))
        .isEqualTo("90,071,992,547,409.93");
  }

  @Test
  void showsEachCurrencyWithItsOwnDecimalsNeverRounding() {
    assertThat(
            Amounts.perCurrency(
                Map.of(
                    "JPY", new BigDecimal("1500"),
                    "KWD", new BigDecimal("12.5"),
                    "USD", new BigDecimal("0.1234"),
                    "CHF", new BigDecimal("3"))))
        .isEqualTo("CHF 3.00; JPY 1,500; KWD 12.500; USD 0.1234");
    assertThat(Amounts.perCurrency(Map.of("JPY", new BigDecimal("1500.5"))))
        .isEqualTo("JPY 1,500.5");
  }

  @Test
  void listsCurrenciesAlphabetically() {
    assertThat(Amounts.perCurrency(Map.of("USD", new BigDecimal("2"), "EUR", new BigDecimal("1"))))
        .isEqualTo("EUR 1.00; USD 2.00");
  }

  @Test
  void showsAMissingRateAsNotApplicable() {
    assertThat(Amounts.percent(null)).isEqualTo("n/a");
    assertThat(Amounts.percent(new BigDecimal("96"))).isEqualTo("96.00%");
  }
}
