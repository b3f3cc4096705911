package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.reconciler.core.config.SameDaySettings;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.Shard;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.generate.GroundTruth;
import dev.reconciler.core.runs.PgPartStore;
import dev.reconciler.core.runs.PgRunStore;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.core.runs.RunWorkbooks;
import dev.reconciler.core.runs.SqliteRunStore;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.store.PgInputWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A day whose input is in PostgreSQL, reconciled without [paths] runs_database: its run, its
 * workbook and the parts of its sharded rerun are kept in PostgreSQL and read back from there by
 * code that never saw the host's files.
 */
class PostgresRunHistoryIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @TempDir Path dir;

  @Test
  void theRunItsWorkbookAndItsPartsAreKeptInPostgres() throws Exception {
    pg.newDatabase("history");
    Settings settings =
        SameDaySettings.load(
            Map.of(
                "RECONCILER_DATABASE_URL", pg.url("history"),
                "RECONCILER_DATABASE_USER", "postgres",
                "RECONCILER_REPORT_STORE", "database",
                "RECONCILER_RECONCILIATION_SHARDS", "2"));
    assertThat(settings.paths().runsDatabase()).isNull();
    Path input = dir.resolve("in.db");
    GroundTruth truth =
        new DataGenerator(Progress.NONE, file -> PgInputWriter.create(settings.database()))
            .generate(GenerationSpec.of(DAY, 2_000, 3), input, dir.resolve("truth.json"));
    ReconcileService service = new ReconcileService(settings, Clock.systemUTC(), Progress.NONE);
    ReconcileRequest whole = new ReconcileRequest(DAY, "run-whole", input, dir.resolve("reports"));

    RunOutcome first = service.run(whole);
    byte[] firstWorkbook = Files.readAllBytes(first.report());
    Files.delete(first.report()); // the host that wrote it is not the one that serves it

    RunRecord run = new PgRunStore(settings.database()).find("run-whole");
    assertThat(run.status()).isEqualTo("SUCCESS");
    assertThat(run.counts()).containsEntry("matched", truth.matched());
    assertThat(SqliteRunStore.inDatabase(input, 1000).recent(5)).isEmpty();
    Path out = dir.resolve("served.xlsx");
    RunWorkbooks.Exported served =
        RunWorkbooks.open(settings, input, Clock.systemUTC()).export(DAY, "run-whole", out);
    assertThat(served.from()).contains(settings.database().shownUrl());
    assertThat(Files.readAllBytes(out)).isEqualTo(firstWorkbook);

    // The same day as workers run it sharded: each part stored, then merged from what is stored.
    ReconcileRequest sharded = new ReconcileRequest(DAY, "run-sharded", input, whole.reportDir());
    DayParts parts = DayParts.open(settings, input, Clock.systemUTC());
    List<DayPart> computed = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      computed.add(service.part(sharded, new Shard(i, 2)));
      parts.put("run-sharded", new Shard(i, 2), computed.get(i));
    }
    assertThat(new PgPartStore(settings.database()).parts("run-sharded", 2)).containsOnlyKeys(0, 1);
    List<DayPart> stored = DayParts.open(settings, input, Clock.systemUTC()).all("run-sharded", 2);
    assertThat(stored).isEqualTo(computed);
    RunOutcome merged = service.finish(sharded, stored);
    parts.delete("run-sharded");

    assertThat(merged.result().counts()).isEqualTo(first.result().counts());
    assertThat(new PgPartStore(settings.database()).parts("run-sharded", 2)).isEmpty();
    assertThat(RunStores.open(settings, input).recent(5))
        .extracting(RunRecord::runId, RunRecord::status)
        .containsExactly(tuple("run-sharded", "SUCCESS"), tuple("run-whole", "SUCCESS"));
    assertThat(RunStores.workbooks(settings, input).all())
        .containsOnlyKeys("run-whole", "run-sharded");
  }
}
