package dev.reconciler.core.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampParserTest {
  private final TimestampParser berlin = new TimestampParser(ZoneId.of("Europe/Berlin"));

  @ParameterizedTest(name = "''{0}'' is {1}")
  @CsvSource({
    "2026-11-24T08:15:30Z, 2026-11-24T08:15:30Z",
    "2026-11-24T08:15:30.123Z, 2026-11-24T08:15:30.123Z",
    "2026-11-24T08:15:30.123456789Z, 2026-11-24T08:15:30.123Z",
    "2026-11-24T09:15:30+01:00, 2026-11-24T08:15:30Z",
    "2026-11-24T03:15:30-0500, 2026-11-24T08:15:30Z",
    "2026-11-24T03:15:30-05, 2026-11-24T08:15:30Z",
    "2026-11-24 09:15:30, 2026-11-24T08:15:30Z",
    "2026-11-24T09:15, 2026-11-24T08:15:00Z",
    "2026-11-24, 2026-11-23T23:00:00Z",
    "2026-07-01T12:00:00, 2026-07-01T10:00:00Z",
    "' 2026-11-24T08:15:30Z ', 2026-11-24T08:15:30Z",
    "2026-11-24T09:15:30+01:00[Europe/Berlin], 2026-11-24T08:15:30Z",
  })
  void readsIsoTextInTheBusinessZoneWhenItHasNoOffset(String text, String instant) {
    assertThat(berlin.parse(text)).isEqualTo(Instant.parse(instant).toEpochMilli());
  }

  @ParameterizedTest(name = "''{0}'' is rejected")
  @ValueSource(
      strings = {
        "",
        "yesterday",
        "2026-13-01T00:00:00Z",
        "2026-02-30",
        "2026-11-24T25:00:00Z",
        "2026-11-24T08:15:30X",
        "24/11/2026",
        "2026-11-24T08"
      })
  void rejectsWhatIsNotATimestamp(String text) {
    assertThat(berlin.parse(text)).isEqualTo(TimestampParser.INVALID);
  }
}
