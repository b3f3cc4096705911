package dev.reconciler.core.load;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.time.zone.ZoneRules;

/**
 * ISO-8601 timestamp text to epoch milliseconds; text without an offset is read in the business
 * time zone. The common shapes (yyyy-MM-dd[T ]HH:mm[:ss[.fff]][Z|±HH:mm]) take a fast path, since
 * this runs for every input row; anything else falls back to java.time's ISO parsers.
 */
public final class TimestampParser {
  /** Returned for text that is not a timestamp. */
  public static final long INVALID = Long.MIN_VALUE;

  private final ZoneId zone;
  private final ZoneRules rules;

  public TimestampParser(ZoneId zone) {
    this.zone = zone;
    this.rules = zone.getRules();
  }

  /** Epoch milliseconds, or {@link #INVALID}. */
  public long parse(String text) {
    if (text == null) {
      return INVALID;
    }
    String s = text.strip();
    try {
      long fast = fastPath(s);
      return fast != INVALID ? fast : slowPath(s);
    } catch (DateTimeException | ArithmeticException e) {
      return INVALID;
    }
  }

  private long fastPath(String s) {
    int n = s.length();
    if (n < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return INVALID;
    }
    int year = num(s, 0, 4);
    int month = num(s, 5, 2);
    int day = num(s, 8, 2);
    if ((year | month | day) < 0) {
      return INVALID;
    }
    LocalDate date = LocalDate.of(year, month, day);
    if (n == 10) {
      return toEpochMillis(date.atStartOfDay(), null);
    }
    char sep = s.charAt(10);
    if ((sep != 'T' && sep != ' ') || n < 16 || s.charAt(13) != ':') {
      return INVALID;
    }
    int hour = num(s, 11, 2);
    int minute = num(s, 14, 2);
    int second = 0;
    int nanos = 0;
    int i = 16;
    if (i < n && s.charAt(i) == ':') {
      second = num(s, i + 1, 2);
      i += 3;
      if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
        int digits = 0;
        for (i++; i < n && Character.isDigit(s.charAt(i)); i++, digits++) {
          if (digits < 9) {
            nanos = nanos * 10 + (s.charAt(i) - '0');
          }
        }
        if (digits == 0) {
          return INVALID;
        }
        for (int d = Math.min(digits, 9); d < 9; d++) {
          nanos *= 10;
        }
      }
    }
    if ((hour | minute | second) < 0) {
      return INVALID;
    }
    LocalDateTime local = date.atTime(hour, minute, second, nanos);
    if (i == n) {
      return toEpochMillis(local, null);
    }
    ZoneOffset offset = offset(s, i);
    return offset == null ? INVALID : toEpochMillis(local, offset);
  }

  private static ZoneOffset offset(String s, int i) {
    int n = s.length();
    char c = s.charAt(i);
    if ((c == 'Z' || c == 'z') && i + 1 == n) {
      return ZoneOffset.UTC;
    }
    if (c != '+' && c != '-') {
      return null;
    }
    int hours = num(s, i + 1, 2);
    int rest = i + 3;
    int minutes = 0;
    if (rest < n) {
      if (s.charAt(rest) == ':') {
        rest++;
      }
      minutes = num(s, rest, 2);
      rest += 2;
    }
    if (hours < 0 || minutes < 0 || rest != n) {
      return null;
    }
    int sign = c == '-' ? -1 : 1;
    return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
  }

  private long slowPath(String s) {
    TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(s, ZonedDateTime::from, LocalDateTime::from);
    return parsed instanceof ZonedDateTime zoned
        ? zoned.toInstant().toEpochMilli()
        : toEpochMillis((LocalDateTime) parsed, null);
  }

  private long toEpochMillis(LocalDateTime local, ZoneOffset offset) {
    ZoneOffset effective = offset != null ? offset : rules.getOffset(local);
    return local.toInstant(effective).toEpochMilli();
  }

  /** The zone text without an offset is read in. */
  public ZoneId zone() {
    return zone;
  }

  /** Non-negative number of {@code len} digits at {@code from}, or -1. */
  private static int num(String s, int from, int len) {
    if (from + len > s.length()) {
      return -1;
    }
    int v = 0;
    for (int i = from; i < from + len; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
