package dev.reconciler.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.fuzz.HostileStrings;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeesConfigTest {
  @TempDir Path dir;

  private Path ini(String text) throws IOException {
    return Files.writeString(dir.resolve("config.ini"), text);
  }

  @Test
  void theDefaultsAreAnEmptyRateCardAndACentOfTolerance() {
    Settings.Fees fees = SettingsLoader.defaults().fees();
    assertThat(fees.rateCard()).isEmpty();
    assertThat(fees.tolerance()).isEqualByComparingTo("0.01");
  }

  @Test
  void readsARateCardOfPercentAndFixedPerCurrency() throws IOException {
    Settings.Fees fees =
        SettingsLoader.load(
                ini(
                    "[fees]\nrate_card = USD:2.9%+0.30, eur : 1.4 % + 0.25,JPY:3.6%\ntolerance = 0\n"),
                Map.of())
            .fees();
    assertThat(fees.rateCard())
        .containsOnlyKeys("USD", "EUR", "JPY")
        .containsEntry("USD", new Settings.Rate(new BigDecimal("2.9"), new BigDecimal("0.30")))
        .containsEntry("EUR", new Settings.Rate(new BigDecimal("1.4"), new BigDecimal("0.25")))
        .containsEntry("JPY", new Settings.Rate(new BigDecimal("3.6"), BigDecimal.ZERO));
    assertThat(fees.tolerance()).isEqualByComparingTo("0");
  }

  @Test
  void aRatePricesHalfUpToTheMinorUnit() {
    Settings.Rate usd = new Settings.Rate(new BigDecimal("2.9"), new BigDecimal("0.30"));
    assertThat(usd.fee(new BigDecimal("100.00"), 2)).isEqualTo(new BigDecimal("3.20"));
    // 2.9% of 10.50 is 0.3045: 0.6045 rounds to 0.60; of 10.85, 0.31465 + 0.30 = 0.61465 -> 0.61.
    assertThat(usd.fee(new BigDecimal("10.50"), 2)).isEqualTo(new BigDecimal("0.60"));
    assertThat(usd.fee(new BigDecimal("10.85"), 2)).isEqualTo(new BigDecimal("0.61"));
    Settings.Rate yen = new Settings.Rate(new BigDecimal("2"), BigDecimal.ZERO);
    assertThat(yen.fee(new BigDecimal("1225"), 0)).isEqualTo(new BigDecimal("25"));
    assertThat(yen.fee(new BigDecimal("1224"), 0)).isEqualTo(new BigDecimal("24"));
  }

  @Test
  void aBadEntryIsNamedWithFileSectionKeyAndTheFormat() throws IOException {
    Path file = ini("[fees]\nrate_card = USD:2.9%+0.30, EUR:1.4+0.25\n");
    assertThatThrownBy(() -> SettingsLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toAbsolutePath().toString())
        .hasMessageContaining("[fees] rate_card = 'EUR:1.4+0.25' is invalid")
        .hasMessageContaining("USD:2.9%+0.30, EUR:1.4%+0.25");
  }

  @Test
  void refusesUnknownCurrenciesPercentsAbove100AndACurrencyTwice() {
    for (String card : List.of("XYZ:1%", "USD:101%", "USD:1%, usd:2%", "USD:1.00001%", "USD:-1%")) {
      assertThatThrownBy(() -> SettingsLoader.load(null, Map.of("RECONCILER_FEES_RATE_CARD", card)))
          .as(card)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("environment variable RECONCILER_FEES_RATE_CARD")
          .hasMessageContaining("[fees] rate_card");
    }
  }

  @Test
  void aBadToleranceIsNamed() {
    assertThatThrownBy(
            () -> SettingsLoader.load(null, Map.of("RECONCILER_FEES_TOLERANCE", "-0.01")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("[fees] tolerance = '-0.01' is invalid");
  }

  @Test
  void hostileRateCardsAreRefusedWithAConfigErrorOrRead() {
    HostileStrings.forEach(
        9,
        2_000,
        List.of("USD:2.9%+0.30, EUR:1.4%+0.25", "JPY:3.6%"),
        card -> {
          try {
            Settings.Fees fees =
                SettingsLoader.load(null, Map.of("RECONCILER_FEES_RATE_CARD", card)).fees();
            fees.rateCard()
                .forEach(
                    (currency, rate) -> {
                      assertThat(currency).matches("[A-Z]{3}");
                      assertThat(rate.percent())
                          .isBetween(BigDecimal.ZERO, BigDecimal.valueOf(100));
                    });
          } catch (ConfigException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
          }
        });
  }
}
