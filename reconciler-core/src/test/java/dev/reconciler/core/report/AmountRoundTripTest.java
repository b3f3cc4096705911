package dev.reconciler.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Amounts reach cells as doubles; these checks are why that loses nothing. */
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
}
