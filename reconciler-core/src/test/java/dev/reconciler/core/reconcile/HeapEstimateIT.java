package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.load.Cleaner;
import dev.reconciler.core.load.LoadedSide;
import dev.reconciler.core.load.SideLoader;
import dev.reconciler.core.match.MatchOutcome;
import dev.reconciler.core.match.Matcher;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.store.InputSchema;
import dev.reconciler.core.store.InputSource;
import dev.reconciler.core.store.PgInputSource;
import dev.reconciler.core.store.SqliteInputSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link HeapCheck#BYTES_PER_ROW} against a real day: the heap a loaded and matched day holds after
 * a collection, which the estimate must cover without asking for absurdly more, and which stays
 * within the compact storage's 80 bytes per row: read from SQLite, and streamed from PostgreSQL.
 */
class HeapEstimateIT {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  private static final int TRANSACTIONS = 300_000;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void theEstimateCoversWhatALoadedAndMatchedDayHoldsAndAtMostTwiceThat(Backend backend)
      throws Exception {
    Backend.Store store = backend.fresh(pg, dir, "in");
    Settings settings = SettingsLoader.load(null, store.env(Map.of()));
    Path db = store.input();
    DataGenerator.writingTo(settings.database(), Progress.NONE)
        .generate(GenerationSpec.of(DAY, TRANSACTIONS, 7), db, dir.resolve("in.truth.json"));
    InputSchema schema =
        new InputSchema(
            settings.database().salesTable(),
            settings.database().processorTable(),
            settings.reconciliation().matchKey());

    try (InputSource input =
        backend == Backend.SQLITE
            ? new SqliteInputSource(db, schema, 5000)
            : new PgInputSource(settings.database(), schema)) {
      long rows = input.countDay(Source.SALES, DAY) + input.countDay(Source.PROCESSOR, DAY);
      long before = liveHeap();
      LoadedSide sales = load(settings, input, Source.SALES);
      LoadedSide processor = load(settings, input, Source.PROCESSOR);
      MatchOutcome matched =
          new Matcher(settings.reconciliation().amountTolerance()).match(sales, processor);
      long held = liveHeap() - before;

      assertThat(sales.size() + processor.size()).isGreaterThan(TRANSACTIONS);
      assertThat(matched.matched()).isPositive();
      // Issue 12's target for the compact per-side storage: at most 80 bytes per row held.
      assertThat((double) held / rows)
          .as("bytes held per row of each side (%,d bytes for %,d rows)", held, rows)
          .isLessThanOrEqualTo(80);
      assertThat(HeapCheck.need(rows))
          .as("estimate for %,d rows against %,d bytes held", rows, held)
          .isGreaterThanOrEqualTo(held)
          .isLessThanOrEqualTo(2 * held);
    }
  }

  private static LoadedSide load(Settings settings, InputSource input, Source side) {
    return new SideLoader(new Cleaner(settings.reconciliation()), DAY)
        .load(input, side, Progress.NONE);
  }

  /** The heap in use after full collections: what is live. */
  private static long liveHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
