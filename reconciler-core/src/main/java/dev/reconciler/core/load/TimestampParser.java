package dev.reconciler.core.load;

import static java.nio.charset.StandardCharsets.UTF_8;

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
import java.util.function.ToLongFunction;

/**
 * ISO-8601 timestamp text to epoch milliseconds; text without an offset is read in the business
 * time zone as java.time reads it (a time in a DST gap moves forward by the gap, one in an overlap
 * takes the earlier offset). After the blanks around it ({@link Utf8#isBlank(int)}), the text is
 *
 * <ul>
 *   <li>{@code yyyy-MM-dd} (the start of that day), or {@code yyyy-MM-dd} then {@code T} (either
 *       case) or a space then {@code HH:mm[:ss[.fraction]]} (up to 9 digits after a point or a
 *       comma; past milliseconds they are cut off), then optionally {@code Z} (either case), {@code
 *       ±HH}, {@code ±HHmm} or {@code ±HH:mm}, at most 18:00 away from UTC;
 *   <li>or anything else java.time's {@link DateTimeFormatter#ISO_DATE_TIME} reads (e.g. {@code
 *       ±HH:mm:ss} offsets, a {@code [Region/City]} suffix).
 * </ul>
 *
 * The first shapes take a fast path, since this runs for every input row; anything else falls back
 * to java.time.
 */
public final class TimestampParser implements ToLongFunction<String> {
  /** Returned for text that is not a timestamp. */
  public static final long INVALID = Long.MIN_VALUE;

  private static final int NO_OFFSET = Integer.MIN_VALUE;

  /** What java.time reads, so the fast path accepts nothing the documented grammar does not. */
  private static final int MAX_FRACTION_DIGITS = 9;

  private static final int MAX_OFFSET_SECONDS = ZoneOffset.MAX.getTotalSeconds();

  private final ZoneId zone;
  private final ZoneRules rules;
  private final int fixedOffset;

  public TimestampParser(ZoneId zone) {
    this.zone = zone;
    this.rules = zone.getRules();
    this.fixedOffset =
        rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : NO_OFFSET;
  }

  /** {@link #parse}, for a caller that reads times either this way or another. */
  @Override
  public long applyAsLong(String text) {
    return parse(text);
  }

  /** Epoch milliseconds, or {@link #INVALID}. */
  public long parse(String text) {
    if (text == null) {
      return INVALID;
    }
    byte[] utf8 = text.getBytes(UTF_8);
    return parse(utf8, 0, utf8.length);
  }

  /** Epoch milliseconds of the UTF-8 text {@code bytes[from, to)}, as {@link #parse(String)}. */
  public long parse(byte[] bytes, int from, int to) {
    int start = Utf8.stripStart(bytes, from, to);
    int end = Utf8.stripEnd(bytes, start, to);
    try {
      long fast = fastPath(bytes, start, end);
      return fast != INVALID ? fast : slowPath(Utf8.decode(bytes, start, end));
    } catch (DateTimeException | ArithmeticException e) {
      return INVALID;
    }
  }

  private long fastPath(byte[] s, int from, int to) {
    int n = to - from;
    if (n < 10 || s[from + 4] != '-' || s[from + 7] != '-') {
      return INVALID;
    }
    int year = num(s, from, to, 0, 4);
    int month = num(s, from, to, 5, 2);
    int day = num(s, from, to, 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
      return INVALID;
    }
    long epochDay = epochDay(year, month, day);
    if (n == 10) {
      return toEpochMillis(epochDay * 86_400, 0, NO_OFFSET);
    }
    byte sep = s[from + 10];
    if ((sep != 'T' && sep != 't' && sep != ' ') || n < 16 || s[from + 13] != ':') {
      return INVALID;
    }
    int hour = num(s, from, to, 11, 2);
    int minute = num(s, from, to, 14, 2);
    int second = 0;
    int millis = 0;
    int i = 16;
    if (i < n && s[from + i] == ':') {
      second = num(s, from, to, i + 1, 2);
      i += 3;
      if (i < n && (s[from + i] == '.' || s[from + i] == ',')) {
        int digits = 0;
        for (i++; i < n && s[from + i] >= '0' && s[from + i] <= '9'; i++, digits++) {
          if (digits < 3) {
            millis = millis * 10 + (s[from + i] - '0');
          }
        }
        if (digits == 0 || digits > MAX_FRACTION_DIGITS) {
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
    int offset = offsetSeconds(s, from, to, i);
    return offset == NO_OFFSET ? INVALID : toEpochMillis(localSeconds, millis, offset);
  }

  /** Offset in seconds of the text at {@code i} (Z, ±HH, ±HHMM, ±HH:MM), or {@link #NO_OFFSET}. */
  private static int offsetSeconds(byte[] s, int from, int to, int i) {
    int n = to - from;
    byte c = s[from + i];
    if ((c == 'Z' || c == 'z') && i + 1 == n) {
      return 0;
    }
    if (c != '+' && c != '-') {
      return NO_OFFSET;
    }
    int hours = num(s, from, to, i + 1, 2);
    int rest = i + 3;
    int minutes = 0;
    if (rest < n) {
      if (s[from + rest] == ':') {
        rest++;
      }
      minutes = num(s, from, to, rest, 2);
      rest += 2;
    }
    int seconds = hours * 3_600 + minutes * 60;
    if (hours < 0 || minutes < 0 || minutes > 59 || seconds > MAX_OFFSET_SECONDS || rest != n) {
      return NO_OFFSET;
    }
    return c == '-' ? -seconds : seconds;
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

  /**
   * Non-negative number of {@code len} digits at {@code at} of the text {@code [from, to)}, or -1.
   */
  private static int num(byte[] s, int from, int to, int at, int len) {
    if (from + at + len > to) {
      return -1;
    }
    int v = 0;
    for (int i = from + at; i < from + at + len; i++) {
      byte c = s[i];
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
