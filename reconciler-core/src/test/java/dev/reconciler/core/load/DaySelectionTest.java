package dev.reconciler.core.load;

import static java.time.temporal.ChronoUnit.MILLIS;
import static java.time.temporal.ChronoUnit.MINUTES;
import static java.time.temporal.ChronoUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.store.InputSchema;
import dev.reconciler.core.store.InputTables;
import dev.reconciler.core.store.SqliteInputSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which rows a business day selects, through a real SQLite file, the reader's SQL and the loader's
 * cut: every row with a valid timestamp on exactly the day its instant falls on in the zone,
 * however far its offset is from the zone's.
 */
class DaySelectionTest {
  private static final InputSchema SCHEMA =
      new InputSchema("sales", "processor_transactions", "transaction_id");
  private static final Instant MIDDLE = Instant.parse("2026-11-24T00:00:00Z");
  private static final long DAY_MS = 86_400_000L;

  @TempDir Path dir;

  /** A row as written, and the day its instant falls on in the zone. */
  private record Row(String id, String timestamp, LocalDate day) {}

  @Test
  void selectsEveryRowOnExactlyTheDayOfItsInstantForAnyOffsetAndZone() throws Exception {
    SplittableRandom random = new SplittableRandom(20261124);
    List<String> zones =
        new ArrayList<>(
            List.of(
                "Pacific/Kiritimati",
                "Pacific/Pago_Pago",
                "Etc/GMT+12",
                "Etc/GMT-14",
                "+18:00",
                "-18:00",
                "America/Santiago",
                "Pacific/Apia",
                "UTC"));
    List<String> all = new ArrayList<>(ZoneId.getAvailableZoneIds());
    all.sort(null);
    for (int i = 0; i < 8; i++) {
      zones.add(all.get(random.nextInt(all.size())));
    }
    for (String zone : zones) {
      assertEveryRowOnItsDay(ZoneId.of(zone), random, dir.resolve(zone.replace('/', '_') + ".db"));
    }
  }

  private void assertEveryRowOnItsDay(ZoneId zone, SplittableRandom random, Path db)
      throws Exception {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Instant instant = MIDDLE.plusMillis(random.nextLong(-3 * DAY_MS, 3 * DAY_MS));
      String id = "R" + i;
      rows.add(
          random.nextInt(4) == 0
              ? local(id, instant, zone, random)
              : offset(id, instant, zone, random));
    }
    write(db, rows);
    Map<String, List<LocalDate>> selected = new HashMap<>();
    LocalDate first = rows.stream().map(Row::day).min(LocalDate::compareTo).orElseThrow();
    LocalDate last = rows.stream().map(Row::day).max(LocalDate::compareTo).orElseThrow();
    for (LocalDate day = first.minusDays(3);
        !day.isAfter(last.plusDays(3));
        day = day.plusDays(1)) {
      LoadedSide side = load(db, zone, day);
      assertThat(side.rejected()).isEmpty();
      for (int p = 0; p < side.size(); p++) {
        selected.computeIfAbsent(side.id(p), id -> new ArrayList<>()).add(day);
      }
    }
    for (Row row : rows) {
      assertThat(selected.get(row.id()))
          .as("days selecting %s in %s", row.timestamp(), zone)
          .containsExactly(row.day());
    }
  }

  /** The instant at a random offset from -18:00 to +18:00, in one of the accepted spellings. */
  private static Row offset(String id, Instant instant, ZoneId zone, SplittableRandom random) {
    int minutes = random.nextInt(-18 * 60, 18 * 60 + 1);
    if (random.nextBoolean()) {
      minutes = minutes / 60 * 60;
    }
    ZoneOffset offset = ZoneOffset.ofTotalSeconds(minutes * 60);
    int shape = random.nextInt(3);
    String pattern =
        switch (shape) {
          case 0 -> "uuuu-MM-dd'T'HH:mm:ss.SSSxxx";
          case 1 -> "uuuu-MM-dd HH:mm:ssxx";
          default -> "uuuu-MM-dd'T'HH:mmXXX";
        };
    // The instant the text spells: to the millisecond, second or minute.
    Instant spelled = instant.truncatedTo(shape == 0 ? MILLIS : shape == 1 ? SECONDS : MINUTES);
    String text = DateTimeFormatter.ofPattern(pattern).format(spelled.atOffset(offset));
    return new Row(id, text, spelled.atZone(zone).toLocalDate());
  }

  /**
   * The instant's local time in the zone without an offset, or only its date; its day is where
   * java.time puts that local time (a gap moves it on, an overlap takes the earlier offset).
   */
  private static Row local(String id, Instant instant, ZoneId zone, SplittableRandom random) {
    LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
    if (random.nextInt(4) == 0) {
      LocalDate date = local.toLocalDate();
      return new Row(id, date.toString(), date.atStartOfDay(zone).toLocalDate());
    }
    return new Row(id, local.toString(), local.atZone(zone).toLocalDate());
  }

  @ParameterizedTest(name = "{1} in {0} is on {2}")
  @CsvSource({
    "Pacific/Kiritimati, 2026-11-22T23:30:00-11:00, 2026-11-24",
    "Pacific/Pago_Pago, 2026-11-25T00:30:00+14:00, 2026-11-23",
    "+18:00, 2026-11-22T00:00:00-18:00, 2026-11-23",
    "+18:00, 2026-11-22T23:59:59-18:00, 2026-11-24",
    "-18:00, 2026-11-26T00:00:00+18:00, 2026-11-24",
    // No offset: the local time in the zone, a gap moving it on, an overlap taking the earlier.
    "America/Santiago, 2026-09-06, 2026-09-06",
    "America/Santiago, 2026-09-06T00:00:00, 2026-09-06",
    "America/Santiago, 2026-09-05T23:59:59.999, 2026-09-05",
    "America/Santiago, 2026-04-04T23:30:00, 2026-04-04",
    "America/Santiago, 2026-04-05, 2026-04-05",
    "Pacific/Apia, 2011-12-30T10:00:00, 2011-12-31",
    "Europe/Berlin, 2026-11-24, 2026-11-24",
    "Europe/Berlin, 2026-11-24T00:00:00, 2026-11-24",
    "Europe/Berlin, 2026-11-23T23:59:59.999, 2026-11-23",
  })
  void selectsARowOnTheDayItsInstantFallsOn(String zone, String timestamp, LocalDate day)
      throws Exception {
    Path db = dir.resolve("one.db");
    write(db, List.of(new Row("ONE", timestamp, day)));
    ZoneId zoneId = ZoneId.of(zone);
    for (LocalDate d = day.minusDays(4); !d.isAfter(day.plusDays(4)); d = d.plusDays(1)) {
      assertThat(load(db, zoneId, d).size()).as("rows on %s", d).isEqualTo(d.equals(day) ? 1 : 0);
    }
  }

  private static LoadedSide load(Path db, ZoneId zone, LocalDate day) {
    Cleaner cleaner =
        new Cleaner(
            SettingsLoader.load(null, Map.of("RECONCILER_RECONCILIATION_TIMEZONE", zone.getId()))
                .reconciliation());
    try (SqliteInputSource input = new SqliteInputSource(db, SCHEMA, 1000)) {
      return new SideLoader(cleaner, day).load(input, Source.SALES, Progress.NONE);
    }
  }

  private static void write(Path db, List<Row> rows) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      InputTables.create(st);
      c.setAutoCommit(false);
      try (PreparedStatement insert =
          c.prepareStatement("INSERT INTO sales VALUES (?, 'O', 'C', '1.00', 'USD', 'paid', ?)")) {
        for (Row row : rows) {
          insert.setString(1, row.id());
          insert.setString(2, row.timestamp());
          insert.executeUpdate();
        }
      }
      c.commit();
    }
  }
}
