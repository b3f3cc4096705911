package dev.reconciler.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import org.quartz.CronExpression;

/** Pure functions of a fire time: its business date, its dedupe key, the last one missed. */
final class FireTimes {
  private static final int MAX_SCAN = 200_000;

  private FireTimes() {}

  /** The schedule reconciles the day before the fire time, in the schedule's zone. */
  static LocalDate businessDate(Instant fireTime, ZoneId zone) {
    return fireTime.atZone(zone).toLocalDate().minusDays(1);
  }

  /** Same for every scheduler that fires at this nominal time: the HA dedupe key. */
  static String key(String triggerName, Instant fireTime) {
    return triggerName + ":" + fireTime.toEpochMilli();
  }

  /** The latest fire time in (now - window, now], or null. */
  static Instant lastBefore(CronExpression cron, Instant now, Duration window) {
    Date cursor = Date.from(now.minus(window));
    Instant last = null;
    for (int i = 0; i < MAX_SCAN; i++) {
      Date next = cron.getTimeAfter(cursor);
      if (next == null || next.toInstant().isAfter(now)) {
        break;
      }
      last = next.toInstant();
      cursor = next;
    }
    return last;
  }
}
