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
    "2026-11-24T09:15:30+01:00:00, 2026-11-24T08:15:30Z",
    "2026-11-24T08:15:30.5z, 2026-11-24T08:15:30.5Z",
    "'2026-11-24T08:15:30,25Z', 2026-11-24T08:15:30.25Z",
    "2026-11-24t08:15:30Z, 2026-11-24T08:15:30Z",
    "2026-11-24T08:15:30.Z, 2026-11-24T08:15:30Z",
    "2026-11-25T02:15:30+18:00, 2026-11-24T08:15:30Z",
    "2026-11-23T14:15:30-1800, 2026-11-24T08:15:30Z",
    "'\u00a0\u3000\ufeff2026-11-24T08:15:30Z\u200b\u202f', 2026-11-24T08:15:30Z",
    "1969-12-31T23:59:59.999Z, 1969-12-31T23:59:59.999Z",
    "0000-01-01T00:00:00Z, 0000-01-01T00:00:00Z",
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
        "2026-11-24T08",
        "2026-11-24T08:15:30.1234567891Z",
        "2026-11-24T08:15:30+18:01",
        "2026-11-24T08:15:30-18:30",
        "2026-11-24T08:15:30+1859",
        "2026-11-24T08:15:30+19",
        "2026-11-24T24:00:00Z",
        "2026-11-24T08:15:60Z",
        "2026-11-24T08:15:30Z[Nowhere/Atlantis]",
        "2026-11-24 08:15:30 Z",
        "+999999999-12-31T23:59:59Z"
      })
  void rejectsWhatIsNotATimestamp(String text) {
    assertThat(berlin.parse(text)).isEqualTo(TimestampParser.INVALID);
  }

  @ParameterizedTest(name = "''{1}'' in {0} is {2}")
  @CsvSource({
    // A local time in a gap moves forward by the gap; in an overlap it takes the earlier offset.
    "Europe/Berlin, 2026-03-29T02:30:00, 2026-03-29T01:30:00Z",
    "Europe/Berlin, 2026-10-25T02:30:00, 2026-10-25T00:30:00Z",
    // Santiago skips 00:00-01:00 on 2026-09-06: that day starts at 01:00 (-03:00).
    "America/Santiago, 2026-09-06, 2026-09-06T04:00:00Z",
    "America/Santiago, 2026-09-06T00:00:00, 2026-09-06T04:00:00Z",
    "America/Santiago, 2026-09-06T00:30, 2026-09-06T04:30:00Z",
    "America/Santiago, 2026-09-06T01:00:00, 2026-09-06T04:00:00Z",
    // Santiago's clocks go back at midnight on 2026-04-05: 23:30 on the 4th happens twice.
    "America/Santiago, 2026-04-04T23:30:00, 2026-04-05T02:30:00Z",
    "America/Santiago, 2026-04-05, 2026-04-05T04:00:00Z",
    "Pacific/Kiritimati, 2026-11-24, 2026-11-23T10:00:00Z",
    "Pacific/Apia, 2011-12-30T10:00:00, 2011-12-30T20:00:00Z",
  })
  void readsLocalTimesInGapsAndOverlapsAsJavaTimeDoes(String zone, String text, String instant) {
    long expected = Instant.parse(instant).toEpochMilli();
    assertThat(new TimestampParser(ZoneId.of(zone)).parse(text)).isEqualTo(expected);
    java.time.LocalDateTime local =
        text.length() == 10
            ? java.time.LocalDate.parse(text).atStartOfDay()
            : java.time.LocalDateTime.parse(text);
    assertThat(local.atZone(ZoneId.of(zone)).toInstant().toEpochMilli()).isEqualTo(expected);
  }
}
