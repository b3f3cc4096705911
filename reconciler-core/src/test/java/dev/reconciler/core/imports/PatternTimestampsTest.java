package dev.reconciler.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.load.TimestampParser;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PatternTimestampsTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static Instant read(String pattern, String text) {
    long millis = new PatternTimestamps(pattern, BERLIN).applyAsLong(text);
    return millis == TimestampParser.INVALID ? null : Instant.ofEpochMilli(millis);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      value = {
        "dd.MM.yyyy HH:mm#28.11.2026 10:15#2026-11-28T09:15:00Z",
        "dd.MM.yyyy HH:mm:ss# 28.11.2026 10:15:30 #2026-11-28T09:15:30Z",
        "dd/MM/yyyy#28/11/2026#2026-11-27T23:00:00Z",
        "MM/dd/yyyy hh:mm a#11/28/2026 01:15 PM#2026-11-28T12:15:00Z",
        "d.M.uuuu H:mm#1.7.2026 9:05#2026-07-01T07:05:00Z",
        "yyyy-MM-dd HH:mm:ss XXX#2026-11-28 10:15:00 +05:30#2026-11-28T04:45:00Z",
        "dd MMM yyyy HH:mm#28 Nov 2026 10:15#2026-11-28T09:15:00Z"
      })
  void aTimeInThePatternIsReadInTheZoneOrAtItsOwnOffset(
      String pattern, String text, String expected) {
    assertThat(read(pattern, text)).isEqualTo(Instant.parse(expected));
  }

  /**
   * As ISO-8601 text is read: a gap moves the time forward, an overlap takes the earlier offset.
   */
  @ParameterizedTest
  @CsvSource({"29.03.2026 02:30,2026-03-29T02:30", "25.10.2026 02:30,2026-10-25T02:30"})
  void clockChangesAreReadAsTheIsoReaderReadsThem(String text, String iso) {
    assertThat(read("dd.MM.yyyy HH:mm", text).toEpochMilli())
        .isEqualTo(new TimestampParser(BERLIN).parse(iso));
  }

  /** Strictly: no 31 April taken as 30 April, nothing missing, nothing left over. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "31.04.2026 10:00",
        "29.02.2026 10:00",
        "28.11.2026",
        "28.11.2026 10:15 x",
        "2026-11-28T10:15:00Z",
        "28.11.2026 24:00",
        "28.11.999999999 10:15",
        "28.11.+999999999 10:15",
        "28.11.+292278994 10:15",
        "28.11.-2026 10:15",
        ""
      })
  void textNotInThePatternIsNoTime(String text) {
    assertThat(read("dd.MM.yyyy HH:mm", text)).isNull();
  }

  /** Month and day names in the locale's language; English ones are then no time. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      value = {
        "de#dd. MMM yyyy HH:mm#28. Dez. 2026 10:15#2026-12-28T09:15:00Z#28 Dec 2026 10:15",
        "de#d. MMMM yyyy#3. März 2026#2026-03-02T23:00:00Z#3. March 2026",
        "fr#dd MMM yyyy#28 déc. 2026#2026-12-27T23:00:00Z#28 Dec 2026",
        "de#EEE, dd.MM.yyyy#Sa., 28.11.2026#2026-11-27T23:00:00Z#Sat, 28.11.2026"
      })
  void namesAreReadInTheLocalesLanguage(
      String tag, String pattern, String text, String expected, String english) {
    PatternTimestamps reader = new PatternTimestamps(pattern, BERLIN, Locale.forLanguageTag(tag));
    assertThat(Instant.ofEpochMilli(reader.applyAsLong(text))).isEqualTo(Instant.parse(expected));
    assertThat(reader.applyAsLong(english)).isEqualTo(TimestampParser.INVALID);
    assertThat(new PatternTimestamps(pattern, BERLIN).applyAsLong(text))
        .isEqualTo(TimestampParser.INVALID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"HH:mm", "dd.MM", "yyyy-MM", "dd.MM.yyyy {", "bogus"})
  void aPatternWithoutAWholeDateIsRefused(String pattern) {
    assertThatThrownBy(() -> new PatternTimestamps(pattern, BERLIN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
