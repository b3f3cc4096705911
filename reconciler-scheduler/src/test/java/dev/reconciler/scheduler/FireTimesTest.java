package dev.reconciler.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

class FireTimesTest {
  private static CronExpression sixAm(String zone) throws ParseException {
    CronExpression cron = new CronExpression("0 0 6 * * ?");
    cron.setTimeZone(TimeZone.getTimeZone(zone));
    return cron;
  }

  @Test
  void theBusinessDateIsTheDayBeforeTheFireTimeInTheScheduleZone() {
    Instant fire = Instant.parse("2026-11-25T04:30:00Z");
    assertThat(FireTimes.businessDate(fire, ZoneId.of("UTC")))
        .isEqualTo(LocalDate.of(2026, 11, 24));
    assertThat(FireTimes.businessDate(fire, ZoneId.of("America/New_York")))
        .isEqualTo(LocalDate.of(2026, 11, 23));
  }

  @Test
  void findsTheLatestFireTimeOfEachBusinessDateWithinTheWindow() throws ParseException {
    Instant now = Instant.parse("2026-11-25T07:00:00Z");
    assertThat(FireTimes.latestPerDate(sixAm("UTC"), now, Duration.ofHours(24), ZoneId.of("UTC")))
        .containsExactly(
            Map.entry(LocalDate.of(2026, 11, 24), Instant.parse("2026-11-25T06:00:00Z")));
    assertThat(FireTimes.latestPerDate(sixAm("UTC"), now, Duration.ofMinutes(30), ZoneId.of("UTC")))
        .isEmpty();
    assertThat(
            FireTimes.latestPerDate(
                sixAm("Europe/Berlin"), now, Duration.ofHours(72), ZoneId.of("Europe/Berlin")))
        .containsExactly(
            Map.entry(LocalDate.of(2026, 11, 22), Instant.parse("2026-11-23T05:00:00Z")),
            Map.entry(LocalDate.of(2026, 11, 23), Instant.parse("2026-11-24T05:00:00Z")),
            Map.entry(LocalDate.of(2026, 11, 24), Instant.parse("2026-11-25T05:00:00Z")));
  }

  @Test
  void aDateFiredSeveralTimesIsStoodForByItsLatestFireTime() throws ParseException {
    CronExpression hourly = new CronExpression("0 0 * * * ?");
    hourly.setTimeZone(TimeZone.getTimeZone("UTC"));
    Instant now = Instant.parse("2026-11-25T02:30:00Z");
    assertThat(FireTimes.latestPerDate(hourly, now, Duration.ofHours(4), ZoneId.of("UTC")))
        .containsExactly(
            Map.entry(LocalDate.of(2026, 11, 23), Instant.parse("2026-11-24T23:00:00Z")),
            Map.entry(LocalDate.of(2026, 11, 24), Instant.parse("2026-11-25T02:00:00Z")));
  }

  @Test
  void theKeyIsTheSameForEverySchedulerAtOneFireTime() {
    Instant fire = Instant.parse("2026-11-25T06:00:00Z");
    assertThat(FireTimes.key("t", fire))
        .isEqualTo(FireTimes.key("t", Instant.parse("2026-11-25T06:00:00Z")))
        .isNotEqualTo(FireTimes.key("t", fire.plusSeconds(86_400)));
  }
}
