package dev.reconciler.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MoneySumTest {
  private static BigDecimal scaled(BigInteger units) {
    return new BigDecimal(units, Money.SCALE);
  }

  private static MoneySum sumOf(long... amounts) {
    MoneySum sum = new MoneySum();
    for (long a : amounts) {
      sum.add(a);
    }
    return sum;
  }

  @Test
  void isZeroWithTwoDecimalsWhenEmpty() {
    assertThat(new MoneySum().toDecimal()).isEqualTo(new BigDecimal("0.00"));
  }

  @Test
  void addsWithinALongAsMoneyShowsIt() {
    assertThat(sumOf(12_345, 5_000, -2_345).toDecimal()).isEqualTo(Money.toDecimal(15_000));
  }

  @Test
  void staysExactPastTheLargestLong() {
    BigInteger max = BigInteger.valueOf(Long.MAX_VALUE);
    assertThat(sumOf(Long.MAX_VALUE, 1).toDecimal())
        .isEqualByComparingTo(scaled(max.add(BigInteger.ONE)));
    assertThat(sumOf(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE).toDecimal())
        .isEqualByComparingTo(scaled(max.multiply(BigInteger.valueOf(3))));
  }

  @Test
  void staysExactPastTheSmallestLong() {
    BigInteger min = BigInteger.valueOf(Long.MIN_VALUE);
    assertThat(sumOf(Long.MIN_VALUE, -1).toDecimal())
        .isEqualByComparingTo(scaled(min.subtract(BigInteger.ONE)));
    assertThat(sumOf(Long.MIN_VALUE, Long.MIN_VALUE).toDecimal())
        .isEqualByComparingTo(scaled(min.shiftLeft(1)));
  }

  @Test
  void comesBackIntoALongExactly() {
    assertThat(
            sumOf(Long.MAX_VALUE, Long.MAX_VALUE, -Long.MAX_VALUE, -Long.MAX_VALUE, 7).toDecimal())
        .isEqualTo(Money.toDecimal(7));
    assertThat(sumOf(Long.MIN_VALUE, -5, Long.MAX_VALUE, 6).toDecimal())
        .isEqualTo(Money.toDecimal(0));
  }

  @Test
  void agreesWithBigIntegerOnRandomLargeAmounts() {
    Random random = new Random(8);
    for (int run = 0; run < 200; run++) {
      MoneySum sum = new MoneySum();
      BigInteger exact = BigInteger.ZERO;
      for (int i = 0; i < 50; i++) {
        // Mostly near the ends of the range, so the total crosses them back and forth.
        long a =
            random.nextInt(4) == 0 ? random.nextLong() : random.nextLong() >> random.nextInt(4);
        sum.add(a);
        exact = exact.add(BigInteger.valueOf(a));
      }
      assertThat(sum.toDecimal()).isEqualByComparingTo(scaled(exact));
    }
  }
}
