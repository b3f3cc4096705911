package dev.reconciler.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Amounts reach number cells as doubles; these checks are why that loses nothing, and which amounts
 * go as exact text instead.
 */
class AmountRoundTripTest {

  @Test
  void fourDecimalAmountsSurviveTheDoubleInACell() {
    Random random = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      // Up to 99,999,999,999.9999: 15 significant digits, the most a double holds exactly.
      long scaled = random.nextLong() % 1_000_000_000_000_000L;
      BigDecimal amount = BigDecimal.valueOf(scaled, 4);
      assertThat(BigDecimal.valueOf(amount.doubleValue()))
          .as("%s", amount)
          .isEqualByComparingTo(amount);
    }
  }

  @Test
  void edgeAmountsSurvive() {
    for (String s :
        new String[] {"0.01", "0.0001", "-0.0001", "1234.5678", "0.1", "0.3", "99999999999.9999"}) {
      BigDecimal amount = new BigDecimal(s);
      assertThat(BigDecimal.valueOf(amount.doubleValue())).isEqualByComparingTo(amount);
    }
  }

  @Test
  void everyAmountWrittenAsANumberSurvivesTheDoubleAndNoOtherIs() {
    Random random = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      // 1 to 19 digits, 0 to 4 decimals: amounts, totals and differences of any size.
      long unscaled = random.nextLong() % (long) Math.pow(10, 1 + random.nextInt(19));
      BigDecimal amount = BigDecimal.valueOf(unscaled, random.nextInt(5));
      boolean exact =
          amount.stripTrailingZeros().precision() <= 15
              && amount.abs().compareTo(BigDecimal.TEN.pow(15)) < 0;
      assertThat(CellWriter.fitsNumberCell(amount)).as("%s", amount).isEqualTo(exact);
      if (exact) {
        assertThat(BigDecimal.valueOf(amount.doubleValue()))
            .as("%s", amount)
            .isEqualByComparingTo(amount);
      }
    }
    assertThat(CellWriter.fitsNumberCell(new BigDecimal("100000000000000.0000"))).isTrue();
    assertThat(CellWriter.fitsNumberCell(new BigDecimal("-999999999999999.00"))).isTrue();
    assertThat(CellWriter.fitsNumberCell(new BigDecimal("1000000000000000.00"))).isFalse();
    assertThat(CellWriter.fitsNumberCell(new BigDecimal("1E+15"))).isFalse();
    assertThat(CellWriter.fitsNumberCell(new BigDecimal("100000000000.0001"))).isFalse();
  }
}
