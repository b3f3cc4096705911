package dev.reconciler.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.generate.GenerationSpec.Days;
import dev.reconciler.core.generate.GenerationSpec.LateRates;
import dev.reconciler.core.generate.GenerationSpec.Rates;
import dev.reconciler.core.generate.MultiDayTruth.Cleared;
import dev.reconciler.core.generate.MultiDayTruth.Item;
import dev.reconciler.core.imports.ImportFormat;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultiDayGenerationTest {
  /** 2026-03-08 is a 23-hour day in New York: one of the days is short. */
  private static final LocalDate FIRST = LocalDate.of(2026, 3, 6);

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  /** Raised well above the defaults so a few thousand transactions a day cover every case. */
  private static final Rates BUSY =
      new Rates(0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.05, 0.1, 0.05);

  private static final LateRates LATE = new LateRates(0.1, 0.05, 0.03, 0.03);

  private static final ExportSpec STRIPE =
      new ExportSpec(ImportFormat.STRIPE, FeeCard.defaults(), ExportSpec.Rates.defaults());

  @TempDir Path dir;

  @ParameterizedTest(name = "window {0}")
  @CsvSource({"0", "2", "6"})
  void truthOfEveryDayIsWhatANaiveLedgerOverTheRowsFinds(int window) throws Exception {
    GenerationSpec spec = spec(1_500, 11, new Days(6, window, LATE));
    MultiDayTruth truth = generate(spec, "a");

    ReferenceLedger ledger = new ReferenceLedger(spec.amountTolerance(), window);
    for (MultiDayTruth.Day day : truth.days()) {
      GroundTruth run = day.run();
      ReferenceLedger.Day expected = ledger.run(db("a"), run.businessDate(), NEW_YORK);

      assertThat(run.discrepancies()).as("%s", run.businessDate()).isEqualTo(expected.findings());
      assertThat(run.rejected()).isEqualTo(expected.sameDay().rejected());
      assertThat(run.matched()).isEqualTo(expected.sameDay().matched());
      assertThat(run.unsettledSales()).isEqualTo(expected.sameDay().unsettled());
      assertThat(run.exactDuplicates()).isEqualTo(expected.sameDay().exact());
      assertThat(run.conflictingDuplicates()).isEqualTo(expected.sameDay().conflicting());
      assertThat(day.open()).containsExactlyInAnyOrderElementsOf(expected.open());
      assertThat(day.inTransit()).containsExactlyInAnyOrderElementsOf(expected.inTransit());
      assertThat(day.cleared()).containsExactlyInAnyOrderElementsOf(expected.cleared());
    }
  }

  @Test
  void everyRowLandsInsideTheDayWhoseTruthCountsIt() throws Exception {
    MultiDayTruth truth = generate(spec(2_000, 3, new Days(5, 2, LATE)), "a");

    Map<LocalDate, long[]> counts = new HashMap<>();
    Map<String, LocalDate> salesDay = new HashMap<>();
    Map<String, LocalDate> processorDay = new HashMap<>();
    for (List<Object> row : InputRows.read(db("a"), InputRows.SALES)) {
      LocalDate day = day(row);
      counts.computeIfAbsent(day, d -> new long[2])[0]++;
      String id = id(row.get(1));
      if (id != null) {
        assertThat(salesDay.putIfAbsent(id, day)).as(id).isIn(null, day);
      }
    }
    for (List<Object> row : InputRows.read(db("a"), InputRows.PROCESSOR)) {
      LocalDate day = day(row);
      counts.computeIfAbsent(day, d -> new long[2])[1]++;
      String id = id(row.get(2));
      if (id != null) {
        assertThat(processorDay.putIfAbsent(id, day)).as(id).isIn(null, day);
      }
    }

    assertThat(counts).hasSize(5);
    for (MultiDayTruth.Day day : truth.days()) {
      long[] rows = counts.get(day.run().businessDate());
      assertThat(rows).containsExactly(day.run().salesRows(), day.run().processorRows());
    }
  }

  @Test
  void oneDayWithNothingLateAndWindowZeroIsTheSingleDayTruth() throws Exception {
    GenerationSpec single = spec(3_000, 5, Days.ONE);
    GroundTruth expected =
        new DataGenerator(Progress.NONE).generate(single, db("a"), dir.resolve("a.json"));

    MultiDayTruth days = generate(single, "b");

    assertThat(days.days()).singleElement().satisfies(d -> assertThat(d.run()).isEqualTo(expected));
    for (String table : List.of(InputRows.SALES, InputRows.PROCESSOR)) {
      assertThat(InputRows.read(db("b"), table)).isEqualTo(InputRows.read(db("a"), table));
    }
  }

  @Test
  void everyLateCaseOccursAndIdsNeverRepeatAcrossDays() throws Exception {
    MultiDayTruth truth = generate(spec(3_000, 7, new Days(6, 2, LATE)), "a");
    List<Cleared> cleared = truth.days().stream().flatMap(d -> d.cleared().stream()).toList();

    assertThat(cleared).extracting(Cleared::source).contains("sales", "processor");
    Set<String> pending = new HashSet<>();
    for (List<Object> row : InputRows.read(db("a"), InputRows.SALES)) {
      if ("pending".equals(row.get(6))) {
        pending.add(id(row.get(1)));
      }
    }
    assertThat(cleared)
        .as("a pending sale captured on a later day")
        .anyMatch(c -> c.source().equals("sales") && pending.contains(c.transactionId()));
    assertThat(cleared).extracting(Cleared::kind).contains("amount_mismatch", (String) null);
    assertThat(cleared).extracting(Cleared::daysLate).contains(1L, 2L, 3L, 4L, 5L);
    assertThat(cleared).filteredOn(c -> c.daysLate() > 2).isNotEmpty();
    assertThat(cleared).extracting(c -> c.source() + c.transactionId()).doesNotHaveDuplicates();
    MultiDayTruth.Day last = truth.days().get(5);
    assertThat(last.inTransit()).isNotEmpty();
    assertThat(last.open()).filteredOn(i -> i.missingSince() != null).isNotEmpty();
    assertThat(last.open()).filteredOn(i -> i.ageDays() == 5).isNotEmpty();
  }

  @Test
  void openItemsAreListedBySourceOpeningDateThenId() throws Exception {
    MultiDayTruth truth = generate(spec(1_000, 9, new Days(4, 3, LATE)), "a");

    Comparator<Item> order =
        Comparator.comparing((Item i) -> !i.source().equals("sales"))
            .thenComparing(Item::openedOn)
            .thenComparing(Item::transactionId);
    for (MultiDayTruth.Day day : truth.days()) {
      assertThat(day.open()).isSortedAccordingTo(order).isNotEmpty();
      assertThat(day.inTransit()).isSortedAccordingTo(order);
    }
  }

  @Test
  void sameSpecGivesTheSameDaysAndTheFileReadsBack() throws Exception {
    GenerationSpec spec = spec(1_000, 42, Days.of(3, 1));
    MultiDayTruth first = generate(spec, "a");
    MultiDayTruth second = generate(spec, "b");

    assertThat(second).isEqualTo(first);
    assertThat(MultiDayTruth.read(dir.resolve("a.json"))).isEqualTo(first);
    for (String table : List.of(InputRows.SALES, InputRows.PROCESSOR)) {
      assertThat(InputRows.read(db("b"), table)).isEqualTo(InputRows.read(db("a"), table));
    }
  }

  @Test
  void singleDayGenerationRefusesLateRatesAndExportsRefuseSeveralDays() {
    GenerationSpec late = spec(10, 1, new Days(1, 0, LATE));

    assertThatThrownBy(
            () -> new DataGenerator(Progress.NONE).generate(late, db("a"), dir.resolve("a.json")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("generateDays");
    assertThatThrownBy(() -> spec(10, 1, Days.of(2, 0)).withExport(STRIPE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one day");
    assertThatThrownBy(() -> new Days(0, 0, LATE)).hasMessageContaining("days must be 1..");
    assertThatThrownBy(() -> new Days(2, -1, LATE)).hasMessageContaining("windowDays");
    assertThatThrownBy(() -> spec(10, 1, new Days(2, 0, new LateRates(0.5, 0.5, 0.5, 0))))
        .hasMessageContaining("sum to at most 1");
  }

  private MultiDayTruth generate(GenerationSpec spec, String name) throws Exception {
    return new DataGenerator(Progress.NONE)
        .generateDays(spec, db(name), dir.resolve(name + ".json"));
  }

  private static GenerationSpec spec(int transactions, long seed, Days days) {
    return new GenerationSpec(
            FIRST, transactions, seed, NEW_YORK, new BigDecimal("0.01"), BUSY, null)
        .withDays(days);
  }

  private Path db(String name) {
    return dir.resolve(name + ".db");
  }

  private static LocalDate day(List<Object> row) {
    return OffsetDateTime.parse(row.get(7).toString()).atZoneSameInstant(NEW_YORK).toLocalDate();
  }

  /** The normalised id of a row; rejected rows have their own series or none. */
  private static String id(Object raw) {
    String id = Objects.toString(raw, "").strip().toUpperCase(Locale.ROOT);
    return id.startsWith("TXN-") ? id : null;
  }
}
