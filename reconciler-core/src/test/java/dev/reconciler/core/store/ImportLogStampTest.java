package dev.reconciler.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportLogStampTest {

  /** Instants of one second whose {@link Instant#toString} sorts out of time order as text. */
  private static final List<Instant> IN_TIME_ORDER =
      List.of(
          Instant.parse("2026-12-03T10:00:00.999999999Z"),
          Instant.parse("2026-12-03T10:00:01Z"),
          Instant.parse("2026-12-03T10:00:01.000000001Z"),
          Instant.parse("2026-12-03T10:00:01.100Z"),
          Instant.parse("2026-12-03T10:00:01.100100Z"),
          Instant.parse("2026-12-03T10:00:01.2Z"));

  @Test
  void stampsSortAsTextInTimeOrder() {
    List<String> stamps = IN_TIME_ORDER.stream().map(ImportLog::stamp).toList();

    assertThat(stamps).isSortedAccordingTo(Comparator.naturalOrder());
    // What the log wrote before: the same instants as Instant.toString, out of order as text.
    assertThat(IN_TIME_ORDER.stream().map(Instant::toString).toList())
        .isNotEqualTo(IN_TIME_ORDER.stream().map(Instant::toString).sorted().toList());
  }

  @Test
  void aStampReadsBackAsItsInstant() {
    for (Instant at : IN_TIME_ORDER) {
      assertThat(Instant.parse(ImportLog.stamp(at))).isEqualTo(at);
    }
    assertThat(ImportLog.stamp(Instant.parse("2026-12-03T10:00:01Z")))
        .isEqualTo("2026-12-03T10:00:01.000000000Z");
  }
}
