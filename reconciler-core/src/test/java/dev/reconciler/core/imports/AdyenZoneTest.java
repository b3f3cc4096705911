package dev.reconciler.core.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class AdyenZoneTest {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

  /**
   * Instants of 2026 in {@code zone}: mid-January, mid-July, and half an hour either side of each
   * of its transitions.
   */
  private static List<Instant> instants(ZoneRules rules) {
    List<Instant> at = new ArrayList<>();
    at.add(Instant.parse("2026-01-15T12:00:00Z"));
    at.add(Instant.parse("2026-07-15T12:00:00Z"));
    Instant end = Instant.parse("2027-01-01T00:00:00Z");
    ZoneOffsetTransition t = rules.nextTransition(Instant.parse("2026-01-01T00:00:00Z"));
    while (t != null && t.getInstant().isBefore(end)) {
      at.add(t.getInstant().minusSeconds(1800));
      at.add(t.getInstant().plusSeconds(1800));
      t = rules.nextTransition(t.getInstant());
    }
    return at;
  }

  @Test
  void everyZonesOwnTimesReadBackAsTheInstantTheyWereWrittenFor() {
    // As the generator (and, we assume, Adyen) writes them: the account zone's local time and its
    // abbreviation then. An hour that happens twice is told apart by the abbreviation, unless the
    // zone calls both the same (then the text cannot say which, and the earlier one is read).
    int checked = 0;
    List<String> wrong = new ArrayList<>();
    for (String id : ZoneId.getAvailableZoneIds()) {
      ZoneId zone = ZoneId.of(id);
      ZoneRules rules = zone.getRules();
      AdyenZone reader = new AdyenZone(zone, true);
      for (Instant at : instants(rules)) {
        var local = at.atZone(zone);
        String name = NAME.format(local);
        List<ZoneOffset> readings = rules.getValidOffsets(local.toLocalDateTime());
        if (readings.size() == 2
            && NAME.format(local.withEarlierOffsetAtOverlap())
                .equals(NAME.format(local.withLaterOffsetAtOverlap()))
            && !local.getOffset().equals(readings.get(0))) {
          continue;
        }
        Instant read = reader.instant(name, LOCAL.format(local));
        checked++;
        if (!read.equals(at)) {
          wrong.add(id + " " + LOCAL.format(local) + " " + name + " read as " + read);
        }
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(checked).isGreaterThan(1000);
  }

  @Test
  void anotherZonesAbbreviationGoesByTheTableAndAnAmbiguousOneIsRefused() {
    AdyenZone berlin = new AdyenZone(ZoneId.of("Europe/Berlin"), true);
    assertThat(berlin.instant("EDT", "2026-07-01 12:00:00"))
        .isEqualTo(Instant.parse("2026-07-01T16:00:00Z"));
    assertThatThrownBy(() -> berlin.instant("IST", "2026-07-01 12:00:00"))
        .isInstanceOf(RowRejected.class)
        .hasMessageContaining("ambiguous time zone 'IST'")
        .hasMessageContaining("Europe/Berlin");
  }
}
