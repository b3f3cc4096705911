package dev.reconciler.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampsTest {
  @ParameterizedTest
  @CsvSource({
    "UTC, 2026-11-24, 24",
    "Europe/Berlin, 2026-03-29, 23",
    "Europe/Berlin, 2026-10-25, 25",
    "America/New_York, 2026-11-01, 25",
    "Asia/Kathmandu, 2026-11-24, 24"
  })
  void spellsTheSameInstantAsOffsetDateTime(String zoneId, LocalDate date, int hours) {
    ZoneId zone = ZoneId.of(zoneId);
    Timestamps clock = new Timestamps(date, zone);
    Instant start = date.atStartOfDay(zone).toInstant();
    assertThat(clock.dayMillis()).isEqualTo(hours * 3_600_000);

    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 20_000; i++) {
      int ms = i < 2 ? i * (clock.dayMillis() - 1) : random.nextInt(clock.dayMillis());
      Instant expected = start.plusMillis(ms);
      OffsetDateTime spelled = OffsetDateTime.parse(clock.format(ms, true));
      assertThat(spelled.toInstant()).isEqualTo(expected);
      assertThat(spelled.getOffset()).isEqualTo(zone.getRules().getOffset(expected));
      assertThat(OffsetDateTime.parse(clock.format(ms, false)).toInstant())
          .isEqualTo(expected.truncatedTo(ChronoUnit.SECONDS));
    }
  }

  /** 08:15:30.123 and 09:15:30.123 local are that many milliseconds into the local day. */
  @ParameterizedTest
  @CsvSource({
    "UTC, 29730123, 2026-11-24T08:15:30.123Z",
    "Europe/Paris, 33330123, 2026-11-24T09:15:30.123+01:00"
  })
  void looksLikeTheContractExamples(String zoneId, int msOfDay, String expected) {
    Timestamps clock = new Timestamps(LocalDate.of(2026, 11, 24), ZoneId.of(zoneId));

    assertThat(clock.format(msOfDay, true)).isEqualTo(expected);
  }
}
