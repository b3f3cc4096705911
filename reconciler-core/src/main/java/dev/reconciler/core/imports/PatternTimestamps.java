package dev.reconciler.core.imports;

import dev.reconciler.core.load.TimestampParser;
import dev.reconciler.core.load.Utf8;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Times written in a java.time pattern ({@code [import.csv] timestamp_format}, e.g. {@code
 * dd.MM.yyyy HH:mm}) to epoch milliseconds, as {@link TimestampParser} reads ISO-8601: a time
 * without an offset in the given zone (a DST gap moves it forward, an overlap takes the earlier
 * offset), a date alone at the start of its day. Read strictly: 31.04.2026 is no date, where
 * java.time's default would read it as 30 April.
 */
public final class PatternTimestamps implements ToLongFunction<String> {
  private final DateTimeFormatter formatter;
  private final ZoneId zone;

  /**
   * @throws IllegalArgumentException when {@code pattern} is not a java.time pattern, or does not
   *     give a whole date (year, month and day)
   */
  public PatternTimestamps(String pattern, ZoneId zone) {
    this(pattern, zone, Locale.ROOT);
  }

  /**
   * As {@link #PatternTimestamps(String, ZoneId)}, month and day names ({@code MMM}, {@code EEE})
   * read in {@code locale}'s language ({@code Dez.} in German): ROOT reads English.
   */
  public PatternTimestamps(String pattern, ZoneId zone, Locale locale) {
    this.zone = zone;
    this.formatter =
        new DateTimeFormatterBuilder()
            .appendPattern(pattern)
            // "yyyy" is the year of an era; strictly read, it needs one, which no file writes.
            .parseDefaulting(ChronoField.ERA, 1)
            .toFormatter(locale)
            .withResolverStyle(ResolverStyle.STRICT);
    // A pattern without a whole date would read every row of a file as one day, or fail on each.
    ZonedDateTime sample = ZonedDateTime.of(2026, 11, 28, 13, 45, 30, 0, zone);
    LocalDate read;
    try {
      read = LocalDate.from(formatter.parse(formatter.format(sample)));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("pattern '" + pattern + "' gives no whole date", e);
    }
    if (!read.equals(sample.toLocalDate())) {
      throw new IllegalArgumentException("pattern '" + pattern + "' does not read its date back");
    }
  }

  /**
   * Epoch milliseconds of {@code text} (blanks around it ignored), or {@link
   * TimestampParser#INVALID}.
   */
  @Override
  public long applyAsLong(String text) {
    try {
      return instant(Utf8.strip(text));
    } catch (DateTimeException | ArithmeticException e) {
      // ArithmeticException: a year the pattern reads but milliseconds cannot hold (999999999).
      return TimestampParser.INVALID;
    }
  }

  private long instant(String text) {
    TemporalAccessor t =
        formatter.parseBest(
            text, ZonedDateTime::from, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
    if (t instanceof ZonedDateTime z) {
      return z.toInstant().toEpochMilli();
    }
    if (t instanceof OffsetDateTime o) {
      return o.toInstant().toEpochMilli();
    }
    LocalDateTime local = t instanceof LocalDateTime l ? l : ((LocalDate) t).atStartOfDay();
    return ZonedDateTime.of(local, zone).toInstant().toEpochMilli();
  }
}
