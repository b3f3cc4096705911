package dev.reconciler.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.quartz.CronExpression;

/** Pure functions of fire times: a business date, a dedupe key, the ones missed per date. */
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

  /**
   * For each business date with a fire time in (now - window, now], its latest fire time there, in
   * date order: the fire time that stands for the date when missed ones are caught up.
   */
  static SortedMap<LocalDate, Instant> latestPerDate(
      CronExpression cron, Instant now, Duration window, ZoneId zone) {
    SortedMap<LocalDate, Instant> latest = new TreeMap<>();
    for (Instant fire : between(cron, now, window, MAX_SCAN)) {
      latest.put(businessDate(fire, zone), fire);
    }
    return latest;
  }

  /** The fire times in (now - window, now], oldest first, at most {@code max} of them. */
  static List<Instant> between(CronExpression cron, Instant now, Duration window, int max) {
    List<Instant> fires = new ArrayList<>();
    Date cursor = Date.from(now.minus(window));
    for (int i = 0; i < max; i++) {
      Date next = cron.getTimeAfter(cursor);
      if (next == null || next.toInstant().isAfter(now)) {
        break;
      }
      fires.add(next.toInstant());
      cursor = next;
    }
    return fires;
  }
}
