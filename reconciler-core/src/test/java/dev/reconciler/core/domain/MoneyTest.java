package dev.reconciler.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Money.display for a currency with cents (no currency given: two decimals), and withCode. */
class MoneyTest {

  @Test
  void groupsThousandsAndShowsAtLeastTwoDecimals() {
    assertThat(Money.display(new BigDecimal("1234567.5"), null)).isEqualTo("1,234,567.50");
    assertThat(Money.display(new BigDecimal("1500"), null)).isEqualTo("1,500.00");
    assertThat(Money.display(new BigDecimal("-0.05"), null)).isEqualTo("-0.05");
  }

  @Test
  void keepsSignificantDecimalsBeyondTwoWithoutRounding() {
    assertThat(Money.display(new BigDecimal("1234.5678"), null)).isEqualTo("1,234.5678");
    assertThat(Money.display(new BigDecimal("0.1000"), null)).isEqualTo("0.10");
  }

  @Test
  void formatsAmountsExactlyWhereADoubleWouldNot() {
    assertThat(Money.display(new BigDecimal("90071992547409.93"), null))
        .isEqualTo("90,071,992,547,409.93");
  }

  @Test
  void formatsTotalsPastWhatALongHoldsExactly() {
    assertThat(Money.display(new BigDecimal("1999999999999999.998"), "USD"))
        .isEqualTo("1,999,999,999,999,999.998");
    assertThat(Money.display(new BigDecimal("-99999999999999999999.9999"), "JPY"))
        .isEqualTo("-99,999,999,999,999,999,999.9999");
  }

  /** The CLI's and the console's amounts: the code after, one line of it, "?" for no amount. */
  @Test
  void withCodeAddsTheCurrencyOnOneShortLine() {
    assertThat(Money.withCode(new BigDecimal("1500"), "JPY")).isEqualTo("1,500 JPY");
    assertThat(Money.withCode(new BigDecimal("12.5"), "USD")).isEqualTo("12.50 USD");
    assertThat(Money.withCode(null, "EUR")).isEqualTo("? EUR");
    assertThat(Money.withCode(new BigDecimal("1"), null)).isEqualTo("1.00");
    assertThat(Money.withCode(new BigDecimal("1"), "US\nD")).doesNotContain("\n");
  }
}
