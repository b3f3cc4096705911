package dev.reconciler.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProcessorTableRowTest {
  @Test
  void writesInstantsExactlyAsInstantToStringDoes() {
    SplittableRandom random = new SplittableRandom(7);
    long min = Instant.parse("-0001-12-31T23:59:59Z").getEpochSecond();
    long max = Instant.parse("+10000-01-01T00:00:01Z").getEpochSecond();
    for (int i = 0; i < 200_000; i++) {
      Instant t = Instant.ofEpochSecond(random.nextLong(min, max), i % 7 == 0 ? i : 0);
      assertThat(ProcessorTableRow.utc(t)).isEqualTo(t.toString());
    }
    for (String edge :
        new String[] {
          "0000-01-01T00:00:00Z",
          "9999-12-31T23:59:59Z",
          "1970-01-01T00:00:00Z",
          "2024-02-29T12:00:00Z"
        }) {
      assertThat(ProcessorTableRow.utc(Instant.parse(edge))).isEqualTo(edge);
    }
  }
}
