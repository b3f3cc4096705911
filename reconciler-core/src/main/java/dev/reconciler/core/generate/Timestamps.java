package dev.reconciler.core.generate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Spells instants of one business day as ISO-8601 with the zone's offset at that instant, e.g.
 * {@code 2026-11-24T08:15:30.123Z} or {@code 2026-03-08T03:10:00-04:00}. Instants are given as
 * milliseconds since the start of the day, so every one lies on the day; DST days are 23 or 25
 * hours long. Hand-built because DateTimeFormatter costs a microsecond per row.
 */
final class Timestamps {
  private static final long DAY_MS = 86_400_000L;

  private final long startEpochMs;
  private final long localDateEpochMs;
  private final int dayMillis;
  private final String datePrefix;

  /** Offset segments of the day: from segmentStart[i] (ms of day) the offset is offsetMs[i]. */
  private final long[] segmentStart;

  private final long[] offsetMs;
  private final String[] offsetText;
  private final String[] compactOffset;
  private final String[] abbreviation;
  private final LocalDate date;

  Timestamps(LocalDate date, ZoneId zone) {
    Instant start = date.atStartOfDay(zone).toInstant();
    Instant end = date.plusDays(1).atStartOfDay(zone).toInstant();
    this.startEpochMs = start.toEpochMilli();
    this.localDateEpochMs = date.toEpochDay() * DAY_MS;
    this.dayMillis = Math.toIntExact(end.toEpochMilli() - startEpochMs);
    this.datePrefix = date + "T";
    List<ZoneOffset> offsets = new ArrayList<>();
    List<Long> starts = new ArrayList<>();
    ZoneRules rules = zone.getRules();
    offsets.add(rules.getOffset(start));
    starts.add(0L);
    for (ZoneOffsetTransition t = rules.nextTransition(start);
        t != null && t.getInstant().isBefore(end);
        t = rules.nextTransition(t.getInstant())) {
      offsets.add(t.getOffsetAfter());
      starts.add(t.getInstant().toEpochMilli() - startEpochMs);
    }
    this.segmentStart = starts.stream().mapToLong(Long::longValue).toArray();
    this.offsetMs = offsets.stream().mapToLong(o -> o.getTotalSeconds() * 1000L).toArray();
    this.offsetText = offsets.stream().map(ZoneOffset::getId).toArray(String[]::new);
    this.compactOffset = offsets.stream().map(Timestamps::compact).toArray(String[]::new);
    DateTimeFormatter shortName = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);
    this.abbreviation = new String[segmentStart.length];
    for (int i = 0; i < segmentStart.length; i++) {
      abbreviation[i] = shortName.format(start.plusMillis(segmentStart[i]).atZone(zone));
    }
    this.date = date;
  }

  private static String compact(ZoneOffset offset) {
    int minutes = offset.getTotalSeconds() / 60;
    StringBuilder sb = new StringBuilder(5).append(minutes < 0 ? '-' : '+');
    minutes = Math.abs(minutes);
    return two(two(sb, minutes / 60), minutes % 60).toString();
  }

  LocalDate date() {
    return date;
  }

  /** Length of the business day in milliseconds. */
  int dayMillis() {
    return dayMillis;
  }

  /** Length of a business day in milliseconds: 23 or 25 hours on a DST change. */
  static int dayMillis(LocalDate date, ZoneId zone) {
    Instant start = date.atStartOfDay(zone).toInstant();
    Instant end = date.plusDays(1).atStartOfDay(zone).toInstant();
    return Math.toIntExact(end.toEpochMilli() - start.toEpochMilli());
  }

  /** The instant msOfDay after the day's start; without millis it is truncated to the second. */
  String format(int msOfDay, boolean withMillis) {
    int segment = segment(msOfDay);
    int ms = localMsOfDay(msOfDay, segment);
    StringBuilder sb = new StringBuilder(29).append(datePrefix);
    time(sb, ms);
    if (withMillis) {
      int millis = ms % 1000;
      sb.append('.').append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10));
      sb.append((char) ('0' + millis % 10));
    }
    return sb.append(offsetText[segment]).toString();
  }

  /** The instant msOfDay after the day's start, in milliseconds since the epoch. */
  long epochMillis(int msOfDay) {
    return startEpochMs + msOfDay;
  }

  /** Local date and time to the second, e.g. "2026-11-24 08:15:30" with dateSeparator '-'. */
  String local(int msOfDay, char dateSeparator) {
    StringBuilder sb = new StringBuilder(19);
    appendDate(sb, date, dateSeparator).append(' ');
    return time(sb, localMsOfDay(msOfDay, segment(msOfDay))).toString();
  }

  /** The same instant in UTC, "yyyy-MM-dd HH:mm:ss": Stripe's *_utc columns. */
  String utc(int msOfDay) {
    long epochMs = epochMillis(msOfDay);
    long day = Math.floorDiv(epochMs, DAY_MS);
    StringBuilder sb = new StringBuilder(19);
    appendDate(sb, LocalDate.ofEpochDay(day), '-').append(' ');
    return time(sb, (int) (epochMs - day * DAY_MS)).toString();
  }

  /** The zone's offset at the instant as "+0100" (PayPal's spelling). */
  String compactOffset(int msOfDay) {
    return compactOffset[segment(msOfDay)];
  }

  /** The zone's short name at the instant (CET, CEST, PST, UTC): Adyen's TimeZone column. */
  String abbreviation(int msOfDay) {
    return abbreviation[segment(msOfDay)];
  }

  private int segment(int msOfDay) {
    int segment = segmentStart.length - 1;
    while (segmentStart[segment] > msOfDay) {
      segment--;
    }
    return segment;
  }

  private int localMsOfDay(int msOfDay, int segment) {
    return (int) (startEpochMs + msOfDay + offsetMs[segment] - localDateEpochMs);
  }

  private static StringBuilder time(StringBuilder sb, int ms) {
    two(sb, ms / 3_600_000).append(':');
    two(sb, ms / 60_000 % 60).append(':');
    return two(sb, ms / 1000 % 60);
  }

  private static StringBuilder appendDate(StringBuilder sb, LocalDate d, char separator) {
    sb.append(d.getYear()).append(separator);
    two(sb, d.getMonthValue()).append(separator);
    return two(sb, d.getDayOfMonth());
  }

  private static StringBuilder two(StringBuilder sb, int value) {
    return sb.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }
}
