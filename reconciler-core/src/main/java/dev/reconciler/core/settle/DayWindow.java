package dev.reconciler.core.settle;

import dev.reconciler.core.load.TimestampParser;
import dev.reconciler.core.store.SettlementReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Business day D as the payment loader cuts it: the instants from D's start to the next day's start
 * in the [reconciliation] zone. SQL narrows ({@link #sql()}); {@link #contains} decides by instant.
 */
final class DayWindow {
  private final TimestampParser timestamps;
  private final long start;
  private final long end;
  private final SettlementReader.Window sql;

  DayWindow(LocalDate day, ZoneId zone) {
    this.timestamps = new TimestampParser(zone);
    Instant first = day.atStartOfDay(zone).toInstant();
    Instant next = day.plusDays(1).atStartOfDay(zone).toInstant();
    this.start = first.toEpochMilli();
    this.end = next.toEpochMilli();
    // Any offset lies within +-18:00, so these dates bound every date a row of the day can spell.
    this.sql =
        new SettlementReader.Window(
            first.toString(),
            next.toString(),
            first.atOffset(ZoneOffset.MIN).toLocalDate().toString(),
            next.minusMillis(1).atOffset(ZoneOffset.MAX).toLocalDate().plusDays(1).toString());
  }

  /** The day for SQL: canonical instants exactly, other spellings by date with a margin. */
  SettlementReader.Window sql() {
    return sql;
  }

  /** True when the timestamp's instant lies in the day; an unreadable one lies in none. */
  boolean contains(String timestamp) {
    return contains(timestamps.parse(timestamp));
  }

  /** As {@link #contains(String)}, of the UTF-8 text {@code bytes[from, to)}. */
  boolean contains(byte[] bytes, int from, int to) {
    return contains(timestamps.parse(bytes, from, to));
  }

  private boolean contains(long epochMillis) {
    return epochMillis != TimestampParser.INVALID && epochMillis >= start && epochMillis < end;
  }
}
