package dev.reconciler.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmountsTest {

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
