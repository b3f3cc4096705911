package dev.reconciler.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.domain.Money;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AmountsTest {
  @Test
  void plainHasTwoPlacesLikeMoneyToDecimal() {
    assertThat(Amounts.plain(123_450, CurrencyMix.USD)).isEqualTo("1234.50");
    assertThat(Amounts.plain(7, CurrencyMix.EUR)).isEqualTo("0.07");
    assertThat(Amounts.plain(1234, CurrencyMix.JPY)).isEqualTo("1234.00");
    assertThat(Amounts.plain(1234, CurrencyMix.JPY))
        .isEqualTo(Money.toDecimal(1234 * Money.ONE).toPlainString());
  }

  @Test
  void messyTextLooksLikeUpstreamSendsIt() {
    assertThat(Amounts.messy(123_450, CurrencyMix.USD, 0)).isEqualTo("1,234.50");
    assertThat(Amounts.messy(1_200, CurrencyMix.USD, 1)).isEqualTo(" $12.00 ");
    assertThat(Amounts.messy(123_456_789, CurrencyMix.GBP, 2)).isEqualTo("£1,234,567.89");
    assertThat(Amounts.messy(421_553, CurrencyMix.JPY, 2)).isEqualTo("¥421,553");
  }

  @Test
  void realValuesReadBackAsTheExactDecimal() {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 100_000; i++) {
      long cents = Amounts.draw(random);
      assertThat(cents).isBetween(50L, 500_000L);
      assertThat(BigDecimal.valueOf(CurrencyMix.USD.toDouble(cents)))
          .isEqualByComparingTo(BigDecimal.valueOf(cents, 2));
    }
  }
}
