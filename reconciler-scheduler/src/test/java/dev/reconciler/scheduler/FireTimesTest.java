package dev.reconciler.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
  void findsTheLatestFireTimeWithinTheWindow() throws ParseException {
    Instant now = Instant.parse("2026-11-25T07:00:00Z");
    assertThat(FireTimes.lastBefore(sixAm("UTC"), now, Duration.ofHours(24)))
        .isEqualTo("2026-11-25T06:00:00Z");
    assertThat(FireTimes.lastBefore(sixAm("UTC"), now, Duration.ofMinutes(30))).isNull();
    assertThat(FireTimes.lastBefore(sixAm("Europe/Berlin"), now, Duration.ofHours(24)))
        .isEqualTo("2026-11-25T05:00:00Z");
  }

  @Test
  void theKeyIsTheSameForEverySchedulerAtOneFireTime() {
    Instant fire = Instant.parse("2026-11-25T06:00:00Z");
    assertThat(FireTimes.key("t", fire))
        .isEqualTo(FireTimes.key("t", Instant.parse("2026-11-25T06:00:00Z")))
        .isNotEqualTo(FireTimes.key("t", fire.plusSeconds(86_400)));
  }
}
