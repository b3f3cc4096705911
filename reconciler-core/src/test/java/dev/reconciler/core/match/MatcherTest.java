package dev.reconciler.core.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.load.TestSides;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatcherTest {
  @ParameterizedTest(name = "sale {0} vs processor {1} with tolerance {2}: {3}")
  @CsvSource(
      nullValues = "MATCH",
      value = {
        "100.00, 100.01, 0.01, MATCH",
        "100.00, 99.99, 0.01, MATCH",
        "100.00, 100.015, 0.01, AMOUNT_MISMATCH",
        "100.00, 99.985, 0.01, AMOUNT_MISMATCH",
        "100.00, 100.005, 0.01, MATCH",
        "100.00, 100.0051, 0.005, AMOUNT_MISMATCH",
        "100.00, 100.005, 0.005, MATCH",
        "100.00, 100.00, 0, MATCH",
        "100.00, 100.0001, 0, AMOUNT_MISMATCH",
      })
  void flagsAmountsOnlyBeyondTheTolerance(
      String sale, String processor, String tolerance, DiscrepancyKind expected) {
    var sides = TestSides.pair("T1", sale, "USD", "completed", processor, "USD", "settled");
    MatchOutcome outcome = new Matcher(new BigDecimal(tolerance)).match(sides[0], sides[1]);
    assertThat(outcome.findings().stream().map(Finding::kind).findFirst().orElse(null))
        .isEqualTo(expected);
    assertThat(outcome.matched()).isEqualTo(expected == null ? 1 : 0);
  }

  @ParameterizedTest(name = "{0}/{1} sale {2} processor {3}: {4}")
  @CsvSource(
      nullValues = "MATCH",
      value = {
        "USD, EUR, completed, settled, CURRENCY_MISMATCH",
        "USD, EUR, completed, failed, CURRENCY_MISMATCH",
        "USD, USD, completed, failed, FAILED_PAYMENT",
        "USD, USD, completed, declined, FAILED_PAYMENT",
        "USD, USD, pending, failed, MATCH",
        "USD, USD, completed, pending, MATCH",
      })
  void classifiesAPairByCurrencyThenFailureThenAmount(
      String saleCcy,
      String procCcy,
      String saleStatus,
      String procStatus,
      DiscrepancyKind expected) {
    var sides = TestSides.pair("T1", "10.00", saleCcy, saleStatus, "10.00", procCcy, procStatus);
    MatchOutcome outcome = new Matcher(new BigDecimal("0.01")).match(sides[0], sides[1]);
    assertThat(outcome.findings().stream().map(Finding::kind).findFirst().orElse(null))
        .isEqualTo(expected);
  }
}
