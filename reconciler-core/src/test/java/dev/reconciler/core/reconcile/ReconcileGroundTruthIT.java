package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reconciler.core.config.SameDaySettings;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.core.store.EmbeddedPg;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generates dirty data with known discrepancies, reconciles it, reads the workbook back and demands
 * exact multiset equality with the generator's ground truth, sheet by sheet.
 */
class ReconcileGroundTruthIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  @TempDir Path dir;

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  static Stream<Arguments> cases() {
    return Backend.eachOnBoth(
        arguments(1L, 3000, "UTC"),
        arguments(2L, 3000, "America/New_York"),
        arguments(3L, 5000, "Europe/Berlin"),
        arguments(4L, 1, "UTC"),
        arguments(5L, 0, "UTC"),
        // Many read buffers (64 KiB) of PostgreSQL's COPY stream a side.
        arguments(6L, 50_000, "UTC"));
  }

  @ParameterizedTest(name = "{0}: seed {1}, {2} transactions, zone {3}")
  @MethodSource("cases")
  void everyInjectedFindingIsOnItsSheetAndNothingElseIs(
      Backend backend, long seed, int transactions, String zone) throws Exception {
    // On PostgreSQL both sides are written with COPY and read with COPY, and the run and the
    // ledger are recorded there: no SQLite file is made.
    Backend.Store store = backend.fresh(pg, dir, "in");
    Settings settings =
        SameDaySettings.load(store.env(Map.of("RECONCILER_RECONCILIATION_TIMEZONE", zone)));
    reconcileAndCompare(settings, store.input(), seed, transactions, zone);
    assertThat(store.storedRun(settings, "run-it-" + seed).status()).isEqualTo("SUCCESS");
  }

  private void reconcileAndCompare(
      Settings settings, Path db, long seed, int transactions, String zone) throws Exception {
    Path truthFile = dir.resolve("in.truth.json");
    DataGenerator.writingTo(settings.database(), Progress.NONE)
        .generate(
            new GenerationSpec(
                DAY,
                transactions,
                seed,
                ZoneId.of(zone),
                settings.reconciliation().amountTolerance(),
                GenerationSpec.Rates.defaults()),
            db,
            truthFile);
    JsonNode truth = new ObjectMapper().readTree(truthFile.toFile());

    RunOutcome outcome =
        new ReconcileService(settings, Clock.systemUTC(), Progress.NONE)
            .run(new ReconcileRequest(DAY, "run-it-" + seed, db, dir.resolve("reports")));
    WorkbookRows workbook = new WorkbookRows(outcome.report());

    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      assertThat(sheetEntries(workbook, kind))
          .as(kind.label())
          .containsExactlyInAnyOrderElementsOf(truthEntries(truth, kind));
    }
    assertThat(workbook.rejectedRows()).containsExactlyInAnyOrderElementsOf(truthRejected(truth));
    assertThat(outcome.result().matched()).isEqualTo(truth.get("matched").asLong());
    assertThat(outcome.result().unsettledSales()).isEqualTo(truth.get("unsettled_sales").asLong());
    assertThat(outcome.result().sales().exactDuplicates())
        .isEqualTo(truth.at("/exact_duplicates/sales").asLong());
    assertThat(outcome.result().processor().exactDuplicates())
        .isEqualTo(truth.at("/exact_duplicates/processor").asLong());
    assertThat(outcome.result().sales().rowsRead()).isEqualTo(truth.get("sales_rows").asLong());
    assertThat(outcome.result().processor().rowsRead())
        .isEqualTo(truth.get("processor_rows").asLong());
    assertThat(outcome.result().sales().balances()).isTrue();
    assertThat(outcome.result().processor().balances()).isTrue();

    RunRecord run = RunStores.open(settings, db).find("run-it-" + seed);
    assertThat(run.counts()).containsEntry("matched", truth.get("matched").asLong());
    assertThat(run.reportPath()).isEqualTo(outcome.report().toString());
  }

  /** "id|sales amount|processor amount" per row, or "source|id|amount" for duplicates. */
  private static List<String> sheetEntries(WorkbookRows workbook, DiscrepancyKind kind) {
    if (kind.fromSettlement()) {
      return workbook.ids(kind.label());
    }
    List<String> entries = new ArrayList<>();
    for (Map<String, String> row : workbook.rows(kind.label())) {
      entries.add(
          kind == DiscrepancyKind.DUPLICATE_ID
              ? row.get("Source").toLowerCase()
                  + "|"
                  + row.get("Transaction ID")
                  + "|"
                  + row.get("Amount")
              : row.get("Transaction ID")
                  + "|"
                  + row.getOrDefault("Sales amount", "")
                  + "|"
                  + row.getOrDefault("Processor amount", ""));
    }
    return entries;
  }

  private static List<String> truthEntries(JsonNode truth, DiscrepancyKind kind) {
    List<String> entries = new ArrayList<>();
    for (JsonNode d : truth.get("discrepancies")) {
      if (!d.get("kind").asText().equals(kind.id())) {
        continue;
      }
      if (kind.fromSettlement()) {
        // The settlement sheets are compared by their id sets.
        JsonNode id = d.has("payout_id") ? d.get("payout_id") : d.get("transaction_id");
        entries.add(id.asText());
        continue;
      }
      String sales = amount(d.get("sales_amount"));
      String processor = amount(d.get("processor_amount"));
      entries.add(
          kind == DiscrepancyKind.DUPLICATE_ID
              ? d.get("source").asText()
                  + "|"
                  + d.get("transaction_id").asText()
                  + "|"
                  + (sales.isEmpty() ? processor : sales)
              : d.get("transaction_id").asText() + "|" + sales + "|" + processor);
    }
    return entries;
  }

  private static String amount(JsonNode node) {
    return node == null || node.isNull()
        ? ""
        : new BigDecimal(node.asText()).stripTrailingZeros().toPlainString();
  }

  private static List<String> truthRejected(JsonNode truth) {
    List<String> entries = new ArrayList<>();
    truth
        .get("rejected")
        .forEach(r -> entries.add(r.get("source").asText() + "|" + r.get("line").asText()));
    return entries;
  }
}
