package dev.reconciler.core.load;

import static java.time.temporal.ChronoField.DAY_OF_MONTH;
import static java.time.temporal.ChronoField.HOUR_OF_DAY;
import static java.time.temporal.ChronoField.MINUTE_OF_HOUR;
import static java.time.temporal.ChronoField.MONTH_OF_YEAR;
import static java.time.temporal.ChronoField.NANO_OF_SECOND;
import static java.time.temporal.ChronoField.SECOND_OF_MINUTE;
import static java.time.temporal.ChronoField.YEAR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.fuzz.HostileStrings;
import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Hostile text through the timestamp parser, checked against java.time reading the documented
 * grammar: the parser accepts exactly what java.time accepts, at the same instant.
 */
class TimestampParserFuzzTest {
  private static final List<String> ZONES =
      List.of(
          "UTC",
          "Europe/Berlin",
          "Pacific/Kiritimati",
          "Pacific/Pago_Pago",
          "America/Santiago",
          "Pacific/Apia",
          "Asia/Kolkata",
          "America/St_Johns",
          "Etc/GMT+12",
          "+18:00",
          "-18:00");

  private static final List<String> VALID =
      List.of(
          "2026-11-24T08:15:30Z",
          "2026-11-24T08:15:30.123Z",
          "2026-11-24T08:15:30.123456789+05:30",
          "2026-11-24T09:15:30+01:00",
          "2026-11-24T03:15:30-0500",
          "2026-11-24T03:15:30-05",
          "2026-11-24 09:15:30",
          "2026-11-24 09:15:30,5-1800",
          "2026-11-24T09:15",
          "2026-11-24",
          "2026-09-06T00:30:00",
          "2026-04-04T23:30:00",
          "2026-03-29T02:30:00",
          "2026-11-22T23:30:00-11:00",
          "2026-11-24T09:15:30+01:00:30",
          "2026-11-24T09:15:30+01:00[Europe/Berlin]",
          "+12026-11-24T09:15:30Z",
          " 2026-11-24T08:15:30Z ");

  /** java.time's ISO reader, then the shapes ISO-8601 allows that it does not read. */
  private static final List<DateTimeFormatter> GRAMMAR = grammar();

  private static List<DateTimeFormatter> grammar() {
    List<DateTimeFormatter> formats = new ArrayList<>(List.of(DateTimeFormatter.ISO_DATE_TIME));
    for (char separator : new char[] {'T', ' '}) {
      for (char point : new char[] {'.', ','}) {
        for (String offset : new String[] {"+HH:MM", "+HHmm"}) {
          formats.add(
              new DateTimeFormatterBuilder()
                  .parseCaseInsensitive()
                  .appendValue(YEAR, 4)
                  .appendLiteral('-')
                  .appendValue(MONTH_OF_YEAR, 2)
                  .appendLiteral('-')
                  .appendValue(DAY_OF_MONTH, 2)
                  .optionalStart()
                  .appendLiteral(separator)
                  .appendValue(HOUR_OF_DAY, 2)
                  .appendLiteral(':')
                  .appendValue(MINUTE_OF_HOUR, 2)
                  .optionalStart()
                  .appendLiteral(':')
                  .appendValue(SECOND_OF_MINUTE, 2)
                  .optionalStart()
                  .appendLiteral(point)
                  .appendFraction(NANO_OF_SECOND, 1, 9, false)
                  .optionalEnd()
                  .optionalEnd()
                  .optionalStart()
                  .appendOffset(offset, "Z")
                  .toFormatter()
                  .withResolverStyle(ResolverStyle.STRICT)
                  .withChronology(IsoChronology.INSTANCE));
        }
      }
    }
    return formats;
  }

  /** Epoch millis as java.time reads the text in {@code zone}, or null when it cannot. */
  private static Long reference(String text, ZoneId zone) {
    String s = ContractText.strip(text);
    for (DateTimeFormatter format : GRAMMAR) {
      try {
        // The text's shape first, which reports most mismatches without an exception: thrown and
        // caught for every shape each hostile text lacks, they took most of this test's time.
        // (An offset out of range still throws, from the parse itself.)
        ParsePosition shape = new ParsePosition(0);
        if (format.parseUnresolved(s, shape) == null || shape.getIndex() != s.length()) {
          continue;
        }
        TemporalAccessor t =
            format.parseBest(s, ZonedDateTime::from, LocalDateTime::from, LocalDate::from);
        ZonedDateTime at =
            t instanceof ZonedDateTime z
                ? z
                : t instanceof LocalDateTime local
                    ? local.atZone(zone)
                    : ((LocalDate) t).atStartOfDay(zone);
        return at.toInstant().toEpochMilli();
      } catch (DateTimeException | ArithmeticException e) {
        // not this shape; try the next
      }
    }
    return null;
  }

  /**
   * Timestamps of the fast path's shapes with random fields, some out of range (day 31 of a short
   * month, hour 24, an offset past 18:00, ten fraction digits), for the mutations to start from.
   */
  private static List<String> shaped(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> out = new ArrayList<>(VALID);
    while (out.size() < count) {
      StringBuilder s =
          new StringBuilder(
              String.format(
                  "%04d-%02d-%02d",
                  random.nextInt(10_000), 1 + random.nextInt(13), 1 + random.nextInt(31)));
      if (random.nextInt(8) > 0) {
        s.append(" Tt".charAt(random.nextInt(3)));
        s.append(String.format("%02d:%02d", random.nextInt(25), random.nextInt(60)));
        if (random.nextBoolean()) {
          s.append(String.format(":%02d", random.nextInt(61)));
          if (random.nextBoolean()) {
            s.append(".,".charAt(random.nextInt(2)));
            for (int d = random.nextInt(11); d > 0; d--) {
              s.append(random.nextInt(10));
            }
          }
        }
        int minutes = random.nextInt(19 * 60 + 60);
        switch (random.nextInt(5)) {
          case 0 -> s.append("Zz".charAt(random.nextInt(2)));
          case 1 -> s.append(String.format("%s%02d", sign(random), minutes / 60));
          case 2 -> s.append(String.format("%s%02d%02d", sign(random), minutes / 60, minutes % 60));
          case 3 ->
              s.append(String.format("%s%02d:%02d", sign(random), minutes / 60, minutes % 60));
          default -> {}
        }
      }
      out.add(s.toString());
    }
    return out;
  }

  private static String sign(SplittableRandom random) {
    return random.nextBoolean() ? "+" : "-";
  }

  @Test
  void acceptsExactlyWhatJavaTimeReadsAtTheSameInstant() {
    for (String zoneId : ZONES) {
      ZoneId zone = ZoneId.of(zoneId);
      TimestampParser parser = new TimestampParser(zone);
      int[] accepted = {0};
      HostileStrings.forEach(
          zoneId.hashCode(),
          30_000,
          shaped(zoneId.hashCode(), 5_000),
          text -> {
            Long expected = reference(text, zone);
            long parsed = parser.parse(text);
            assertThat(parsed)
                .as("in %s", zoneId)
                .isEqualTo(expected == null ? TimestampParser.INVALID : expected);
            accepted[0] += expected == null ? 0 : 1;
          });
      assertThat(accepted[0]).as("accepted in %s", zoneId).isGreaterThan(1_000);
    }
  }

  @Test
  void everyValidExampleIsAccepted() {
    TimestampParser parser = new TimestampParser(ZoneId.of("Europe/Berlin"));
    for (String text : VALID) {
      assertThat(parser.parse(text)).as(text).isNotEqualTo(TimestampParser.INVALID);
    }
  }
}
