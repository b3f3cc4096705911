package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.store.InputRowWriter;
import dev.reconciler.core.store.InputSchema;
import dev.reconciler.core.store.SqlitePartIndex;
import dev.reconciler.it.Backend;
import dev.reconciler.it.DayTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A day too large for the process's heap: one line that says so and how to give it more, exit 2,
 * the run recorded as failed and no report, instead of an OutOfMemoryError's stack trace (and,
 * under a worker, retries that run out of memory the same way: a UserError is not retried). The day
 * is read from SQLite and from PostgreSQL.
 */
class BigDayCliIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  private static final String HEAP = "48m";

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  /**
   * 300,000 transactions: about 600,000 rows in all, some 57 MB by the estimate. Generated once per
   * backend in the run (seconds each time); every case reconciles its own copy.
   */
  static final DayTemplate big = new DayTemplate(pg, GenerationSpec.of(DAY, 300_000, 1));

  @TempDir Path dir;

  /** The [database] section putting input and runs in the backend's store; empty on SQLite. */
  private String store = "";

  private Settings settings;

  /** The input database --db names, empty; the backend's store where it is PostgreSQL. */
  private Path on(Backend backend) throws Exception {
    return in(backend.env(pg));
  }

  /** The input database --db names, holding the big day; a copy of it where it is PostgreSQL. */
  private Path bigDay(Backend backend) throws Exception {
    return in(big.copyInto(backend, dir.resolve("big.db"), dir.resolve("big.truth.json")));
  }

  /** The store these overrides name ({@link Backend#env}) for the runs: its settings and ini. */
  private Path in(Map<String, String> env) {
    store = Backend.ini(env);
    settings = SettingsLoader.load(null, env);
    return dir.resolve("big.db");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void aDayTheEstimateSaysCannotFitIsRefusedBeforeItLoadsWithOneLine(Backend backend)
      throws Exception {
    Path db = bigDay(backend);

    ProcessCli.Result r = reconcile(db);

    assertThat(r.code()).as(r.err()).isEqualTo(Main.USER_ERROR);
    assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    assertThat(r.err())
        .startsWith(
            "reconciler: error: not enough memory to reconcile 2026-11-24 of "
                + settings.database().shown(db))
        .containsPattern(": [0-9,]+ sales rows and [0-9,]+ processor rows need about [0-9,]+ MB")
        .contains("left of its 48 MB")
        .containsPattern("RECONCILER_HEAP=[0-9]+g or more")
        .doesNotContain("ran out")
        .doesNotContain("Exception")
        .doesNotContain("OutOfMemoryError");
    assertNoReportAndARecordedFailure(db);
  }

  /** With shards = auto the same day runs in the parts the estimate says fit, instead. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void withShardsAutoADayThatCannotFitWholeRunsInParts(Backend backend) throws Exception {
    Path db = bigDay(backend);

    ProcessCli.Result r = reconcile(db, "[reconciliation]\nshards = auto\n");

    assertThat(r.code()).as(r.err()).isZero();
    try (var reports = Files.list(dir.resolve("out"))) {
      assertThat(reports).hasSize(1);
    }
    assertThat(RunStores.open(settings, db).recent(10))
        .singleElement()
        .extracting(RunRecord::status)
        .isEqualTo("SUCCESS");
  }

  /**
   * Auto's choice can flip from day to day (rows, or heap in use, near a boundary): a day whose
   * input is indexed for more parts than auto chose, up to four times as many, reads those, instead
   * of dropping the indexes and making its own (seconds on a big day, each time it flips).
   */
  @Test
  void withShardsAutoADayReadsTheMorePartsItsInputIsIndexedFor() throws Exception {
    Path db = bigDay(Backend.SQLITE);
    InputSchema schema = new InputSchema("sales", "processor_transactions", "transaction_id");
    ProcessCli.Result first = reconcile(db, "[reconciliation]\nshards = auto\n");
    assertThat(first.code()).as(first.err()).isZero();
    List<String> made = SqlitePartIndex.in(db, schema, 1000);
    assertThat(made).as("the first run's own count").hasSize(2);
    int chosen = Integer.parseInt(made.get(0).replaceAll(".*_part_of_", ""));
    assertThat(SqlitePartIndex.make(db, schema, chosen * 2, 1000)).isTrue();

    ProcessCli.Result again = reconcile(db, "[reconciliation]\nshards = auto\n");

    assertThat(again.code()).as(again.err()).isZero();
    List<String> after = SqlitePartIndex.in(db, schema, 1000);
    assertThat(after).as("the second run's own count").hasSize(2);
    int used = Integer.parseInt(after.get(0).replaceAll(".*_part_of_", ""));
    assertThat(after)
        .containsExactly("processor_transactions_part_of_" + used, "sales_part_of_" + used);
    // Auto looks at the heap in use, which can halve its choice from one run to the next (CI saw
    // 4, then 2): a run that chose as many or half as many again read the parts the input is
    // indexed for. Only one that chose more than those made its own.
    assertThat(used)
        .as("parts read, with the input indexed for %d", chosen * 2)
        .isGreaterThanOrEqualTo(chosen * 2);
    assertThat(RunStores.open(settings, db).recent(10))
        .extracting(RunRecord::status)
        .containsExactly("SUCCESS", "SUCCESS");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void aDayThatRunsOutOfHeapDespiteTheEstimateStillFailsWithOneLine(Backend backend)
      throws Exception {
    Path db = on(backend);
    // Few rows, as the estimate counts them, but each id a kilobyte long: 80 MB of ids in all.
    try (InputRowWriter rows = backend.tables(settings, db)) {
      for (int i = 1; i <= 40_000; i++) {
        String id = "0".repeat(1000) + "-" + i;
        rows.sale(id, "O", "C", "10.00", "USD", "paid", "2026-11-24T09:00:00Z");
        rows.processorTransaction(
            "P", id, "10.00", "USD", "0.30", "settled", "2026-11-24T09:00:05Z");
      }
      rows.commit();
    }

    ProcessCli.Result r = reconcile(db);

    assertThat(r.code()).as(r.err()).isEqualTo(Main.USER_ERROR);
    assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    assertThat(r.err())
        .startsWith("reconciler: error: not enough memory to reconcile 2026-11-24")
        .contains("ran out of this process's 48 MB of heap")
        .contains("RECONCILER_HEAP=")
        .doesNotContain("Exception")
        .doesNotContain("OutOfMemoryError");
    assertNoReportAndARecordedFailure(db);
  }

  private ProcessCli.Result reconcile(Path db) throws Exception {
    return reconcile(db, "");
  }

  /** The copy of the build this test's runs start from, made by its first run. */
  private ProcessCli cli;

  private ProcessCli.Result reconcile(Path db, String moreConfig) throws Exception {
    if (cli == null) {
      cli = new ProcessCli(dir);
    }
    Path ini =
        Files.writeString(dir.resolve("config.ini"), "[logging]\nfile =\n" + moreConfig + store);
    Files.createDirectories(dir.resolve("out"));
    return cli.asThisUserWithHeap(
        HEAP,
        "reconcile",
        "--config",
        ini.toString(),
        "--db",
        db.toString(),
        "--date",
        DAY.toString(),
        "--out",
        dir.resolve("out").toString());
  }

  private void assertNoReportAndARecordedFailure(Path db) throws Exception {
    try (var reports = Files.list(dir.resolve("out"))) {
      assertThat(reports).isEmpty();
    }
    assertThat(RunStores.open(settings, db).recent(10))
        .singleElement()
        .satisfies(
            run -> {
              assertThat(run.status()).isEqualTo("FAILURE");
              assertThat(run.error()).contains("not enough memory");
            });
  }
}
