package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.Txn;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.generate.GroundTruth;
import dev.reconciler.core.generate.GroundTruth.Finding;
import dev.reconciler.core.generate.MultiDayTruth;
import dev.reconciler.core.ledger.ClearedItem;
import dev.reconciler.core.ledger.LedgerOutcome;
import dev.reconciler.core.ledger.LedgerStore;
import dev.reconciler.core.ledger.Ledgers;
import dev.reconciler.core.ledger.OpenItem;
import dev.reconciler.core.match.Discrepancy;
import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.match.ReconciliationResult;
import dev.reconciler.core.store.EmbeddedPg;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generates several days with late settlements, processor-first rows and never-settling items,
 * reconciles each day in date order on the one database, and demands that every day's result (its
 * discrepancies and its ledger) and its report's sheets are exactly the generator's per-day truth.
 * After a prune of the ledger's history before the third day, the days from it run again to the
 * same truth.
 */
class MultiDayLedgerIT {
  private static final int DAYS = 5;

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @TempDir Path dir;

  /** Both zones leave summer time inside the days (Berlin 2026-10-25, New York 2026-11-01). */
  static Stream<Arguments> cases() {
    return Backend.eachOnBoth(
        arguments(2, "Europe/Berlin", LocalDate.of(2026, 10, 23), 17L),
        arguments(0, "America/New_York", LocalDate.of(2026, 10, 30), 5L));
  }

  @ParameterizedTest(name = "{0}: window {1}, {2}")
  @MethodSource("cases")
  void everyDaysDiscrepanciesAndLedgerAreExactlyTheTruth(
      Backend backend, int windowDays, String zone, LocalDate first, long seed) throws Exception {
    Backend.Store store = backend.fresh(pg, dir, "days");
    Settings settings =
        SettingsLoader.load(
            null,
            store.env(
                Map.of(
                    "RECONCILER_RECONCILIATION_TIMEZONE",
                    zone,
                    "RECONCILER_RECONCILIATION_SETTLEMENT_WINDOW_DAYS",
                    Integer.toString(windowDays))));
    int window = settings.reconciliation().settlementWindowDays();
    Path db = store.input();
    MultiDayTruth truth =
        DataGenerator.writingTo(settings.database(), Progress.NONE)
            .generateDays(
                new GenerationSpec(
                        first,
                        3_000,
                        seed,
                        settings.reconciliation().timezone(),
                        settings.reconciliation().amountTolerance(),
                        GenerationSpec.Rates.defaults(),
                        null)
                    .withDays(GenerationSpec.Days.of(DAYS, window)),
                db,
                dir.resolve("days.truth.json"));
    assertThat(truth.days()).hasSize(DAYS);

    ReconcileService service = new ReconcileService(settings, Clock.systemUTC(), Progress.NONE);
    for (MultiDayTruth.Day day : truth.days()) {
      LocalDate date = day.run().businessDate();
      RunOutcome outcome =
          service.run(new ReconcileRequest(date, "multi-" + date, db, dir.resolve("reports")));

      assertSameDay(outcome.result(), day.run());
      assertLedger(outcome.result().ledger(), day, date.equals(first), window);
      assertSheets(new WorkbookRows(outcome.report()), day);
      assertThat(store.storedRun(settings, "multi-" + date).status()).isEqualTo("SUCCESS");
    }
    // Pruned before the third day, the ledger still runs the days from it again to the truth; the
    // second day, which would read what the prune deleted, is refused.
    LocalDate third = first.plusDays(2);
    try (LedgerStore ledger = Ledgers.open(settings, db, Clock.systemUTC())) {
      LedgerStore.Pruned pruned = ledger.prune(third);
      assertThat(pruned.items()).as("items cleared on the first two days").isPositive();
    }
    for (MultiDayTruth.Day day : truth.days().subList(2, DAYS)) {
      LocalDate date = day.run().businessDate();
      RunOutcome again =
          service.run(new ReconcileRequest(date, "again-" + date, db, dir.resolve("reports")));

      assertSameDay(again.result(), day.run());
      assertLedger(again.result().ledger(), day, false, window);
      assertSheets(new WorkbookRows(again.report()), day);
    }
    LocalDate second = first.plusDays(1);
    assertThatThrownBy(
            () -> service.run(new ReconcileRequest(second, "refused", db, dir.resolve("reports"))))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("a run of " + second + " cannot be made");
    // Not a vacuous pass: each kind of late case was exercised.
    List<MultiDayTruth.Cleared> cleared =
        truth.days().stream().flatMap(d -> d.cleared().stream()).toList();
    assertThat(cleared).extracting(MultiDayTruth.Cleared::source).contains("sales", "processor");
    assertThat(cleared).extracting(MultiDayTruth.Cleared::kind).contains("amount_mismatch");
    assertThat(cleared).filteredOn(c -> c.daysLate() > window).isNotEmpty();
    assertThat(truth.days().get(DAYS - 1).open())
        .filteredOn(i -> i.missingSince() != null)
        .isNotEmpty();
  }

  private static void assertSameDay(ReconciliationResult result, GroundTruth truth) {
    String date = truth.businessDate().toString();
    assertThat(result.discrepancies())
        .as("discrepancies of %s", date)
        .extracting(MultiDayLedgerIT::finding)
        .containsExactlyElementsOf(truth.discrepancies());
    assertThat(result.rejected())
        .as("rejected of %s", date)
        .extracting(r -> name(r.source()) + "|" + r.line())
        .containsExactlyElementsOf(
            truth.rejected().stream().map(r -> r.source() + "|" + r.line()).toList());
    assertThat(result.matched()).as("matched of %s", date).isEqualTo(truth.matched());
    assertThat(result.unsettledSales()).isEqualTo(truth.unsettledSales());
    assertThat(result.sales().rowsRead()).isEqualTo(truth.salesRows());
    assertThat(result.processor().rowsRead()).isEqualTo(truth.processorRows());
    assertThat(result.sales().exactDuplicates()).isEqualTo(truth.exactDuplicates().sales());
    assertThat(result.processor().exactDuplicates()).isEqualTo(truth.exactDuplicates().processor());
  }

  private static void assertLedger(
      LedgerOutcome ledger, MultiDayTruth.Day truth, boolean first, int window) {
    LocalDate date = truth.run().businessDate();
    assertThat(ledger.runDate()).isEqualTo(date);
    assertThat(ledger.windowDays()).isEqualTo(window);
    assertThat(ledger.emptyStart())
        .as("empty start of %s", date)
        .matches(s -> first == (s != null));
    assertThat(ledger.open())
        .as("open after %s", date)
        .extracting(i -> item(i, date))
        .containsExactlyElementsOf(truth.open());
    assertThat(ledger.inTransit())
        .as("in transit after %s", date)
        .extracting(i -> item(i, date))
        .containsExactlyElementsOf(truth.inTransit());
    assertThat(ledger.cleared())
        .as("cleared on %s", date)
        .extracting(MultiDayLedgerIT::cleared)
        .containsExactlyInAnyOrderElementsOf(truth.cleared());
    assertThat(ledger.resolved()).isEmpty();
  }

  /** The ledger's sheets and each finding sheet's ids, cell by cell. */
  private static void assertSheets(WorkbookRows workbook, MultiDayTruth.Day truth) {
    LocalDate date = truth.run().businessDate();
    assertThat(
            rows(workbook, "In Transit", "Source", "Transaction ID", "Business date", "Age (days)"))
        .as("In Transit sheet of %s", date)
        .containsExactlyElementsOf(
            truth.inTransit().stream()
                .map(
                    i ->
                        String.join(
                            "|",
                            label(i.source()),
                            i.transactionId(),
                            i.openedOn().toString(),
                            Long.toString(i.ageDays())))
                .toList());
    assertThat(
            rows(
                workbook,
                "Open Items",
                "Source",
                "Transaction ID",
                "Business date",
                "Age (days)",
                "Status"))
        .as("Open Items sheet of %s", date)
        .containsExactlyElementsOf(
            truth.open().stream()
                .map(
                    i ->
                        String.join(
                            "|",
                            label(i.source()),
                            i.transactionId(),
                            i.openedOn().toString(),
                            Long.toString(i.ageDays()),
                            i.missingSince() == null
                                ? "in transit"
                                : "missing since " + i.missingSince()))
                .toList());
    assertThat(
            rows(
                workbook,
                "Cleared",
                "Came first",
                "Transaction ID",
                "Original business date",
                "Days late",
                "Kind"))
        .as("Cleared sheet of %s", date)
        .containsExactlyInAnyOrderElementsOf(
            truth.cleared().stream()
                .map(
                    c ->
                        String.join(
                            "|",
                            label(c.source()),
                            c.transactionId(),
                            c.originalDate().toString(),
                            Long.toString(c.daysLate()),
                            c.kind() == null ? "" : DiscrepancyKind.byId(c.kind()).label()))
                .toList());
    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      if (!kind.fromSettlement()) {
        assertThat(workbook.ids(kind.label()))
            .as("%s sheet of %s", kind.label(), date)
            .containsExactlyInAnyOrderElementsOf(
                truth.run().discrepancies().stream()
                    .filter(f -> f.kind().equals(kind.id()))
                    .map(Finding::transactionId)
                    .toList());
      }
    }
  }

  /** The given columns of each row of a sheet, joined by "|". */
  private static List<String> rows(WorkbookRows workbook, String sheet, String... headers) {
    return workbook.rows(sheet).stream()
        .map(r -> String.join("|", Stream.of(headers).map(r::get).toList()))
        .toList();
  }

  /** "Sales" or "Processor", as the sheets spell a truth's "sales" or "processor". */
  private static String label(String source) {
    return Source.valueOf(source.toUpperCase(Locale.ROOT)).label();
  }

  private static MultiDayTruth.Item item(OpenItem i, LocalDate date) {
    return new MultiDayTruth.Item(
        name(i.source()), i.transactionId(), i.openedOn(), i.age(date), i.missingSince());
  }

  private static MultiDayTruth.Cleared cleared(ClearedItem c) {
    return new MultiDayTruth.Cleared(
        name(c.item().source()),
        c.transactionId(),
        c.item().openedOn(),
        c.daysLate(),
        c.kind() == null ? null : c.kind().id());
  }

  /** A discrepancy in the truth's terms: duplicates one per row with its source. */
  private static Finding finding(Discrepancy d) {
    boolean duplicate = d.kind() == DiscrepancyKind.DUPLICATE_ID;
    String source = duplicate ? name(d.sale() != null ? Source.SALES : Source.PROCESSOR) : null;
    return new Finding(
        d.kind().id(),
        d.transactionId(),
        source,
        amount(d.sale()),
        amount(d.processor()),
        d.currency());
  }

  private static String amount(Txn row) {
    return row == null ? null : row.amount().setScale(2, RoundingMode.UNNECESSARY).toPlainString();
  }

  private static String name(Source source) {
    return source.name().toLowerCase(Locale.ROOT);
  }
}
