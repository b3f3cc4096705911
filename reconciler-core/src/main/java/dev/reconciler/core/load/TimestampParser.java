package dev.reconciler.core.load;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Year;
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

  private static final int NO_OFFSET = Integer.MIN_VALUE;

  private final ZoneId zone;
  private final ZoneRules rules;
  private final int fixedOffset;

  public TimestampParser(ZoneId zone) {
    this.zone = zone;
    this.rules = zone.getRules();
    this.fixedOffset =
        rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : NO_OFFSET;
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
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
      return INVALID;
    }
    long epochDay = epochDay(year, month, day);
    if (n == 10) {
      return toEpochMillis(epochDay * 86_400, 0, NO_OFFSET);
    }
    char sep = s.charAt(10);
    if ((sep != 'T' && sep != ' ') || n < 16 || s.charAt(13) != ':') {
      return INVALID;
    }
    int hour = num(s, 11, 2);
    int minute = num(s, 14, 2);
    int second = 0;
    int millis = 0;
    int i = 16;
    if (i < n && s.charAt(i) == ':') {
      second = num(s, i + 1, 2);
      i += 3;
      if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
        int digits = 0;
        for (i++; i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++, digits++) {
          if (digits < 3) {
            millis = millis * 10 + (s.charAt(i) - '0');
          }
        }
        if (digits == 0) {
          return INVALID;
        }
        for (int d = Math.min(digits, 3); d < 3; d++) {
          millis *= 10;
        }
      }
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return INVALID;
    }
    long localSeconds = epochDay * 86_400 + hour * 3_600L + minute * 60L + second;
    if (i == n) {
      return toEpochMillis(localSeconds, millis, NO_OFFSET);
    }
    int offset = offsetSeconds(s, i);
    return offset == NO_OFFSET ? INVALID : toEpochMillis(localSeconds, millis, offset);
  }

  /** Offset in seconds of the text at {@code i} (Z, ±HH, ±HHMM, ±HH:MM), or {@link #NO_OFFSET}. */
  private static int offsetSeconds(String s, int i) {
    int n = s.length();
    char c = s.charAt(i);
    if ((c == 'Z' || c == 'z') && i + 1 == n) {
      return 0;
    }
    if (c != '+' && c != '-') {
      return NO_OFFSET;
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
    if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59 || rest != n) {
      return NO_OFFSET;
    }
    return (c == '-' ? -1 : 1) * (hours * 3_600 + minutes * 60);
  }

  private long toEpochMillis(long localSeconds, int millis, int offsetSeconds) {
    int offset =
        offsetSeconds != NO_OFFSET
            ? offsetSeconds
            : fixedOffset != NO_OFFSET
                ? fixedOffset
                : rules
                    .getOffset(LocalDateTime.ofEpochSecond(localSeconds, 0, ZoneOffset.UTC))
                    .getTotalSeconds();
    return (localSeconds - offset) * 1000 + millis;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  static long epochDay(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }

  private static int lengthOfMonth(int year, int month) {
    return switch (month) {
      case 2 -> Year.isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  private long slowPath(String s) {
    TemporalAccessor parsed =
        DateTimeFormatter.ISO_DATE_TIME.parseBest(s, ZonedDateTime::from, LocalDateTime::from);
    return parsed instanceof ZonedDateTime zoned
        ? zoned.toInstant().toEpochMilli()
        : localMillis((LocalDateTime) parsed);
  }

  private long localMillis(LocalDateTime local) {
    return local.toInstant(rules.getOffset(local)).toEpochMilli();
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
