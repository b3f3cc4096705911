package dev.reconciler.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.generate.GenerationSpec.Rates;
import dev.reconciler.core.generate.GroundTruth.Rejection;
import dev.reconciler.core.match.DiscrepancyKind;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataGeneratorTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  /** Rates raised well above the defaults so a few thousand transactions cover every case. */
  private static final Rates BUSY =
      new Rates(0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.05, 0.15, 0.05);

  @TempDir Path dir;

  @Test
  void sameSeedGivesIdenticalTruthAndTables() throws Exception {
    GroundTruth first = generate(spec(3_000, 42, Rates.defaults()), "a");
    GroundTruth second = generate(spec(3_000, 42, Rates.defaults()), "b");

    assertThat(second).isEqualTo(first);
    assertThat(GroundTruth.read(truth("b"))).isEqualTo(GroundTruth.read(truth("a")));
    for (String table : List.of(InputRows.SALES, InputRows.PROCESSOR)) {
      assertThat(InputRows.read(db("b"), table)).isEqualTo(InputRows.read(db("a"), table));
    }
  }

  @Test
  void differentSeedGivesDifferentData() throws Exception {
    GroundTruth first = generate(spec(3_000, 42, Rates.defaults()), "a");
    GroundTruth second = generate(spec(3_000, 43, Rates.defaults()), "b");

    assertThat(second.discrepancies()).isNotEqualTo(first.discrepancies());
    assertThat(InputRows.read(db("b"), InputRows.SALES))
        .isNotEqualTo(InputRows.read(db("a"), InputRows.SALES));
  }

  @Test
  void truthIsWhatAnIndependentReadingOfTheRulesFinds() throws Exception {
    GenerationSpec spec = spec(4_000, 7, BUSY);
    GroundTruth truth = generate(spec, "a");

    ReferenceReconciler.Outcome outcome =
        new ReferenceReconciler(spec.amountTolerance()).reconcile(db("a"));

    assertThat(outcome.rejected()).isEqualTo(truth.rejected());
    assertThat(outcome.findings()).isEqualTo(truth.discrepancies());
    assertThat(outcome.matched()).isEqualTo(truth.matched());
    assertThat(outcome.unsettled()).isEqualTo(truth.unsettledSales());
    assertThat(outcome.exact()).isEqualTo(truth.exactDuplicates());
    assertThat(outcome.conflicting()).isEqualTo(truth.conflictingDuplicates());
  }

  @Test
  void busyRatesProduceEveryKindOfCase() throws Exception {
    GroundTruth truth = generate(spec(4_000, 7, BUSY), "a");

    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      if (!TruthCollector.EXPORT_KINDS.contains(kind.id())) {
        assertThat(truth.count(kind)).as(kind.id()).isPositive();
      }
    }
    assertThat(truth.rejected())
        .extracting(Rejection::reason)
        .containsOnly(
            "missing_id",
            "blank_amount",
            "unparseable_amount",
            "unknown_currency",
            "unknown_status");
    assertThat(truth.rejected()).extracting(Rejection::source).contains("sales", "processor");
    assertThat(truth.exactDuplicates().sales()).isPositive();
    assertThat(truth.exactDuplicates().processor()).isPositive();
    assertThat(truth.conflictingDuplicates().sales()).isPositive();
    assertThat(truth.conflictingDuplicates().processor()).isPositive();
    assertThat(truth.unsettledSales()).isPositive();
  }

  @Test
  void rowCountsInTheDatabaseEqualTheTruth() throws Exception {
    GroundTruth truth = generate(spec(3_000, 1, Rates.defaults()), "a");

    assertThat((long) InputRows.read(db("a"), InputRows.SALES).size()).isEqualTo(truth.salesRows());
    assertThat((long) InputRows.read(db("a"), InputRows.PROCESSOR).size())
        .isEqualTo(truth.processorRows());
  }

  @Test
  void everyRejectedLineHasItsStatedDefect() throws Exception {
    GroundTruth truth = generate(spec(4_000, 3, BUSY), "a");
    List<List<Object>> sales = InputRows.read(db("a"), InputRows.SALES);
    List<List<Object>> processor = InputRows.read(db("a"), InputRows.PROCESSOR);

    assertThat(truth.rejected()).hasSizeGreaterThan(50);
    for (Rejection r : truth.rejected()) {
      boolean isSales = r.source().equals("sales");
      List<Object> row = (isSales ? sales : processor).get((int) r.line() - 1);
      assertThat(((Number) row.get(0)).longValue()).isEqualTo(r.line());
      Object id = row.get(isSales ? 1 : 2);
      Object amount = row.get(isSales ? 4 : 3);
      Object currency = row.get(isSales ? 5 : 4);
      switch (r.reason()) {
        case "missing_id" -> assertThat(id == null || id.toString().isBlank()).as("%s", r).isTrue();
        case "blank_amount" ->
            assertThat(amount == null || amount.toString().isBlank()).as("%s", r).isTrue();
        case "unparseable_amount" -> assertThat(amount).as("%s", r).isIn("abc", "12.3.4");
        case "unknown_currency" -> assertThat(currency).as("%s", r).isEqualTo("XXX");
        case "unknown_status" -> assertThat(row.get(6)).as("%s", r).isEqualTo("weird");
        default -> throw new AssertionError("unexpected reason " + r);
      }
    }
  }

  @Test
  void cleanRatesGiveOnlyMatchedPairs() throws Exception {
    GroundTruth truth = generate(spec(2_000, 5, Rates.clean()), "a");

    assertThat(truth.discrepancies()).isEmpty();
    assertThat(truth.rejected()).isEmpty();
    assertThat(truth.matched()).isEqualTo(2_000);
    assertThat(truth.salesRows()).isEqualTo(2_000);
    assertThat(truth.processorRows()).isEqualTo(2_000);
  }

  @ParameterizedTest
  @CsvSource({
    "UTC, 2026-11-24",
    "America/New_York, 2026-11-24",
    "America/New_York, 2026-03-08",
    "America/New_York, 2026-11-01",
    "Asia/Kolkata, 2026-11-24"
  })
  void timestampsAllFallOnTheBusinessDateInTheZone(String zoneId, LocalDate date) throws Exception {
    ZoneId zone = ZoneId.of(zoneId);
    GenerationSpec spec =
        new GenerationSpec(date, 3_000, 11, zone, new BigDecimal("0.01"), Rates.defaults());
    generate(spec, "a");

    for (String table : List.of(InputRows.SALES, InputRows.PROCESSOR)) {
      for (List<Object> row : InputRows.read(db("a"), table)) {
        OffsetDateTime at = OffsetDateTime.parse((String) row.get(7));
        assertThat(at.atZoneSameInstant(zone).toLocalDate()).as("%s", row).isEqualTo(date);
        assertThat(at.getOffset()).isEqualTo(zone.getRules().getOffset(at.toInstant()));
      }
    }
  }

  @Test
  void zeroTransactionsGiveEmptyTablesAndAnEmptyTruth() throws Exception {
    GroundTruth truth = generate(spec(0, 1, Rates.defaults()), "a");

    assertThat(InputRows.read(db("a"), InputRows.SALES)).isEmpty();
    assertThat(truth.salesRows() + truth.processorRows() + truth.matched()).isZero();
    assertThat(GroundTruth.read(truth("a"))).isEqualTo(truth);
  }

  @Test
  void rejectsRatesThatAddUpToMoreThanEverything() {
    assertThatThrownBy(() -> new Rates(0.5, 0.5, 0.1, 0, 0, 0, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sum to at most 1");
    assertThatThrownBy(() -> new Rates(-0.1, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        .hasMessageContaining("-0.1");
  }

  @Test
  void replacesAnExistingDatabase() throws Exception {
    Files.writeString(db("a"), "not a database");

    GroundTruth truth = generate(spec(500, 9, Rates.defaults()), "a");

    assertThat((long) InputRows.read(db("a"), InputRows.SALES).size()).isEqualTo(truth.salesRows());
  }

  @Test
  void truthFileRoundTrips() throws Exception {
    GroundTruth truth = generate(spec(3_000, 42, BUSY), "a");

    assertThat(GroundTruth.read(truth("a"))).isEqualTo(truth);
    assertThat(Files.readString(truth("a")))
        .contains("\"business_date\" : \"2026-11-24\"", "\"sales_rows\"");
  }

  @Test
  void reportsProgressForEveryRow() throws Exception {
    RecordingProgress progress = new RecordingProgress();
    GroundTruth truth =
        new DataGenerator(progress)
            .generate(spec(25_000, 2, Rates.defaults()), db("a"), truth("a"));

    assertThat(progress.advanced).isEqualTo(25_000 + truth.salesRows() + truth.processorRows());
    assertThat(progress.started).isEqualTo(3).isEqualTo(progress.finished);
  }

  private GroundTruth generate(GenerationSpec spec, String name) throws Exception {
    return new DataGenerator(Progress.NONE).generate(spec, db(name), truth(name));
  }

  private static GenerationSpec spec(int n, long seed, Rates rates) {
    return new GenerationSpec(DAY, n, seed, ZoneId.of("UTC"), new BigDecimal("0.01"), rates);
  }

  private Path db(String name) {
    return dir.resolve(name + ".db");
  }

  private Path truth(String name) {
    return dir.resolve(name + ".truth.json");
  }

  private static final class RecordingProgress implements Progress {
    long advanced;
    int started;
    int finished;

    @Override
    public void start(String step, long total) {
      started++;
    }

    @Override
    public void advance(long delta) {
      advanced += delta;
    }

    @Override
    public void finish() {
      finished++;
    }
  }
}
