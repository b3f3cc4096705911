package dev.reconciler.core.settle;

import dev.reconciler.core.load.TimestampParser;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Business day D as the payment loader cuts it: the instants from D's start to the next day's start
 * in the [reconciliation] zone. SQL narrows by date text with a margin of the widest offsets;
 * {@link #contains} then decides by instant.
 */
final class DayWindow {
  private final TimestampParser timestamps;
  private final long start;
  private final long end;
  private final String fromText;
  private final String toText;

  DayWindow(LocalDate day, ZoneId zone) {
    this.timestamps = new TimestampParser(zone);
    this.start = day.atStartOfDay(zone).toInstant().toEpochMilli();
    this.end = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    // Any offset lies within +-18:00, so these dates bound every date a row of the day can spell.
    this.fromText =
        day.atStartOfDay(zone).toInstant().atOffset(ZoneOffset.MIN).toLocalDate().toString();
    this.toText =
        day.plusDays(1)
            .atStartOfDay(zone)
            .toInstant()
            .minusMillis(1)
            .atOffset(ZoneOffset.MAX)
            .toLocalDate()
            .plusDays(1)
            .toString();
  }

  /** The first date text a row of the day can start with. */
  String fromText() {
    return fromText;
  }

  /** A date text after every row of the day. */
  String toText() {
    return toText;
  }

  /** True when the timestamp's instant lies in the day; an unreadable one lies in none. */
  boolean contains(String timestamp) {
    long at = timestamps.parse(timestamp);
    return at != TimestampParser.INVALID && at >= start && at < end;
  }
}
