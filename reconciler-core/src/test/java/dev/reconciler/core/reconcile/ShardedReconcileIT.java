package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.Shard;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.generate.MultiDayTruth;
import dev.reconciler.core.match.ReconciliationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A day reconciled in parts ([reconciliation] shards) gives what it gives whole: every sheet of
 * every day's workbook row for row, the run's counts, and the ledger the next day reads, over
 * several days with late settlements (so items open, age and clear across parts), dirty rows and
 * duplicates, for several seeds and part counts, parts left empty included.
 */
class ShardedReconcileIT {
  private static final int DAYS = 3;

  @TempDir Path dir;

  @ParameterizedTest(name = "seed {0}, {1} transactions a day, {2} parts")
  @CsvSource({"1, 2000, 2", "2, 2000, 3", "3, 1500, 7", "4, 3, 64"})
  void aDayInPartsGivesTheWorkbookOfTheWholeDay(long seed, int transactions, int shards)
      throws Exception {
    Settings whole = settings(1);
    Path wholeDb = dir.resolve("whole.db");
    MultiDayTruth truth =
        new DataGenerator(Progress.NONE)
            .generateDays(
                new GenerationSpec(
                        LocalDate.of(2026, 11, 20),
                        transactions,
                        seed,
                        whole.reconciliation().timezone(),
                        whole.reconciliation().amountTolerance(),
                        GenerationSpec.Rates.defaults(),
                        null)
                    .withDays(
                        GenerationSpec.Days.of(
                            DAYS, whole.reconciliation().settlementWindowDays())),
                wholeDb,
                dir.resolve("days.truth.json"));
    Path partsDb = dir.resolve("parts.db");
    Files.copy(wholeDb, partsDb);
    Path separateDb = dir.resolve("separate.db");
    Files.copy(wholeDb, separateDb);
    ReconcileService wholeRuns = new ReconcileService(whole, Clock.systemUTC(), Progress.NONE);
    ReconcileService partRuns =
        new ReconcileService(settings(shards), Clock.systemUTC(), Progress.NONE);

    for (MultiDayTruth.Day day : truth.days()) {
      LocalDate date = day.run().businessDate();
      // The same run id, so that the Summary names the same run.
      String runId = "run-" + date;
      RunOutcome a =
          wholeRuns.run(new ReconcileRequest(date, runId, wholeDb, dir.resolve("whole")));
      RunOutcome b = partRuns.run(new ReconcileRequest(date, runId, partsDb, dir.resolve("parts")));
      // As workers would: each part on its own, then one run from all of them.
      ReconcileRequest separate =
          new ReconcileRequest(date, runId, separateDb, dir.resolve("separate"));
      List<DayPart> parts = new ArrayList<>();
      for (int i = 0; i < shards; i++) {
        parts.add(partRuns.part(separate, new Shard(i, shards)));
      }
      RunOutcome c = partRuns.finish(separate, parts);

      assertSameCounts(a.result(), b.result());
      assertSameCounts(a.result(), c.result());
      assertSameWorkbook(date, a, b);
      assertSameWorkbook(date, a, c);
    }
  }

  private static void assertSameWorkbook(LocalDate date, RunOutcome a, RunOutcome b)
      throws Exception {
    SameWorkbook.assertSame(date.toString(), a.report(), b.report());
  }

  private static void assertSameCounts(ReconciliationResult a, ReconciliationResult b) {
    assertThat(b.sales()).isEqualTo(a.sales());
    assertThat(b.processor()).isEqualTo(a.processor());
    assertThat(b.matched()).isEqualTo(a.matched());
    assertThat(b.unsettledSales()).isEqualTo(a.unsettledSales());
    assertThat(b.totals()).isEqualTo(a.totals());
    assertThat(b.discrepancies()).isEqualTo(a.discrepancies());
    assertThat(b.rejected()).isEqualTo(a.rejected());
    assertThat(b.ledger()).isEqualTo(a.ledger());
  }

  private static Settings settings(int shards) {
    return SettingsLoader.load(
        null, Map.of("RECONCILER_RECONCILIATION_SHARDS", Integer.toString(shards)));
  }
}
