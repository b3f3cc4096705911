package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.Shard;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.generate.MultiDayTruth;
import dev.reconciler.core.match.ReconciliationResult;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.store.InputSchema;
import dev.reconciler.core.store.SqlitePartIndex;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
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
 * A day reconciled in parts ([reconciliation] shards) gives what it gives whole: every sheet of
 * every day's workbook row for row, the run's counts, and the ledger the next day reads, over
 * several days with late settlements (so items open, age and clear across parts), dirty rows and
 * duplicates, for several seeds and part counts, parts left empty included.
 */
class ShardedReconcileIT {
  private static final int DAYS = 3;

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @TempDir Path dir;

  static Stream<Arguments> cases() {
    return Backend.eachOnBoth(
        arguments(1L, 2000, 2),
        arguments(2L, 2000, 3),
        arguments(3L, 1500, 7),
        // More parts than the day has rows, most of them empty (asserted below). 64 parts said no
        // more, and on PostgreSQL took half a minute: every part is a read and a stored part of
        // its own. 16 said no more than 8 either (parts empty, parts of one row, a merge of many),
        // at twice the parts' cost.
        arguments(4L, 3, 8));
  }

  @ParameterizedTest(name = "{0}: seed {1}, {2} transactions a day, {3} parts")
  @MethodSource("cases")
  void aDayInPartsGivesTheWorkbookOfTheWholeDay(
      Backend backend, long seed, int transactions, int shards) throws Exception {
    Backend.Store wholeStore = backend.fresh(pg, dir, "whole");
    Settings whole = settings(wholeStore, 1);
    Path wholeDb = wholeStore.input();
    MultiDayTruth truth =
        DataGenerator.writingTo(whole.database(), Progress.NONE)
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
    Backend.Store partsStore = wholeStore.copy("parts");
    Path partsDb = partsStore.input();
    Backend.Store separateStore = wholeStore.copy("separate");
    Path separateDb = separateStore.input();
    ReconcileService wholeRuns = new ReconcileService(whole, Clock.systemUTC(), Progress.NONE);
    ReconcileService partRuns =
        new ReconcileService(settings(partsStore, shards), Clock.systemUTC(), Progress.NONE);
    ReconcileService separateRuns =
        new ReconcileService(settings(separateStore, shards), Clock.systemUTC(), Progress.NONE);

    long emptyParts = 0;
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
        parts.add(separateRuns.part(separate, new Shard(i, shards)));
      }
      RunOutcome c = separateRuns.finish(separate, parts);
      emptyParts += parts.stream().filter(ShardedReconcileIT::empty).count();

      assertSameCounts(a.result(), b.result());
      assertSameCounts(a.result(), c.result());
      // The whole day's workbook read once for both comparisons.
      SameWorkbook.Expected wholeDay = SameWorkbook.of(a.report());
      wholeDay.assertSameIn(date + " in parts", b.report());
      wholeDay.assertSameIn(date + " from parts run alone", c.report());
    }
    if (transactions < shards) {
      assertThat(emptyParts)
          .as("parts that read no row, of all days'")
          .isGreaterThan(shards * DAYS / 2);
    }
    if (backend == Backend.SQLITE) {
      // So both ways of reading a part were compared with the whole day: the run in parts made
      // the part indexes and read through them, the parts run alone (as workers, whose fan-out
      // makes them) read every row.
      assertThat(partIndexes(partsDb)).hasSize(2);
      assertThat(partIndexes(separateDb)).isEmpty();
    }
  }

  private static List<String> partIndexes(Path db) {
    return SqlitePartIndex.in(
        db, new InputSchema("sales", "processor_transactions", "transaction_id"), 1000);
  }

  private static boolean empty(DayPart part) {
    return part.sales().rowsRead() == 0 && part.processor().rowsRead() == 0;
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

  private static Settings settings(Backend.Store store, int shards) {
    return SettingsLoader.load(
        null, store.env(Map.of("RECONCILER_RECONCILIATION_SHARDS", Integer.toString(shards))));
  }
}
