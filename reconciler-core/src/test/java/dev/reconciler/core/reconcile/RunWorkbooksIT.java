package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.config.SameDaySettings;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.core.runs.RunWorkbooks;
import dev.reconciler.core.runs.StoredWorkbook;
import dev.reconciler.core.store.EmbeddedPg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Run workbooks through real reconciles: stored in the runs file (or the PostgreSQL database),
 * exported, pruned.
 */
class RunWorkbooksIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  private static final LocalDate NEXT = DAY.plusDays(1);

  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @TempDir Path dir;
  private Backend.Store store;
  private TestDatabase db;
  private Path reports;

  private void twoDays(Backend backend) throws Exception {
    store = backend.fresh(pg, dir, "input");
    db = new TestDatabase(store);
    db.pair("A", "1.00", "USD").sale("B", "2.00", "USD", "completed", "2026-11-24T11:00:00Z");
    db.sale("C", "3.00", "EUR", "completed", "2026-11-25T09:00:00Z")
        .payment("C", "3.00", "EUR", "settled", "2026-11-25T09:00:01Z");
    reports = dir.resolve("reports");
  }

  private Settings settings(String store, String keepDays) {
    return SameDaySettings.load(
        this.store.env(
            Map.of(
                "RECONCILER_PATHS_REPORT_DIR", reports.toString(),
                "RECONCILER_REPORT_STORE", store,
                "RECONCILER_REPORT_KEEP_DAYS", keepDays)));
  }

  private RunOutcome reconcile(Settings settings, LocalDate day, String runId, Instant at) {
    return new ReconcileService(settings, Clock.fixed(at, ZoneOffset.UTC), Progress.NONE)
        .run(new ReconcileRequest(day, runId, db.file(), reports));
  }

  private RunWorkbooks workbooks(Settings settings, Instant at) {
    return RunWorkbooks.open(settings, db.file(), Clock.fixed(at, ZoneOffset.UTC));
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRunStoresItsWorkbookOnceAndAHostWithoutTheFileExportsIt(Backend backend) throws Exception {
    twoDays(backend);
    Settings settings = settings("database", "90");
    Instant now = Instant.now();
    reconcile(settings, DAY, "run-1", now);
    Path report = reconcile(settings, DAY, "run-1", now).report(); // redelivered: same run id
    String written = sha256(report);
    Files.delete(report); // another host: its report_dir does not have the file

    RunWorkbooks workbooks = workbooks(settings, now);
    Path out = dir.resolve("got.xlsx");
    RunWorkbooks.Exported got = workbooks.export(DAY, null, out);

    assertThat(workbooks.known()).containsOnlyKeys("run-1");
    assertThat(sha256(out)).isEqualTo(written).isEqualTo(workbooks.stored("run-1").sha256());
    assertThat(got.bytes()).isEqualTo(Files.size(out));
    assertThat(got.run().runId()).isEqualTo("run-1");
    assertThat(got.from()).startsWith("the database ");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void withFilesTheReportFileIsExportedAndAMissingOneIsExplained(Backend backend) throws Exception {
    twoDays(backend);
    Settings settings = settings("files", "90");
    Path report = reconcile(settings, DAY, "run-1", Instant.now()).report();
    RunWorkbooks workbooks = workbooks(settings, Instant.now());

    Path out = dir.resolve("got.xlsx");
    assertThat(workbooks.export(DAY, "run-1", out).from())
        .isEqualTo(report.toRealPath().toString());
    assertThat(sha256(out)).isEqualTo(sha256(report));
    assertThat(workbooks.known()).isEmpty();

    Files.delete(report);
    assertThatThrownBy(() -> workbooks.export(DAY, null, dir.resolve("again.xlsx")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("the workbook of run run-1 is not in the database")
        .hasMessageContaining("set [report] store = database");
    assertThat(dir.resolve("again.xlsx")).doesNotExist();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aDayWithoutARunAnExistingOutFileAndARunOfAnotherDayAreRefused(Backend backend)
      throws Exception {
    twoDays(backend);
    Settings settings = settings("database", "90");
    reconcile(settings, DAY, "run-1", Instant.now());
    RunWorkbooks workbooks = workbooks(settings, Instant.now());
    Path taken = Files.writeString(dir.resolve("taken.xlsx"), "keep me");

    assertThatThrownBy(() -> workbooks.export(NEXT, null, dir.resolve("x.xlsx")))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith("no run of 2026-11-25 is recorded in ");
    assertThatThrownBy(() -> workbooks.export(NEXT, "run-1", dir.resolve("x.xlsx")))
        .isInstanceOf(UserError.class)
        .hasMessage("run run-1 reconciled 2026-11-24, not 2026-11-25: check --date");
    assertThatThrownBy(() -> workbooks.export(DAY, null, taken))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("exists: remove it or choose another --out");
    assertThat(Files.readString(taken)).isEqualTo("keep me");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void retentionDeletesOldWorkbooksStoredAndOnDiskAndTheRunRecordSaysSo(Backend backend)
      throws Exception {
    twoDays(backend);
    Settings settings = settings("database", "30");
    Instant first = Instant.now();
    Path oldReport = reconcile(settings, DAY, "run-old", first).report();
    Instant later = first.plus(Duration.ofDays(31));
    Path newReport = reconcile(settings, NEXT, "run-new", later).report(); // prunes after it

    RunWorkbooks workbooks = workbooks(settings, later);
    StoredWorkbook pruned = workbooks.known().get("run-old");
    assertThat(pruned.pruned()).isTrue();
    assertThat(pruned.prunedAt()).isEqualTo(later);
    assertThat(workbooks.stored("run-old")).isNull();
    assertThat(oldReport).doesNotExist();
    assertThat(RunStores.open(settings, db.file()).find("run-old").status()).isEqualTo("SUCCESS");
    assertThatThrownBy(() -> workbooks.export(DAY, null, dir.resolve("old.xlsx")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("the workbook of run run-old (2026-11-24) was pruned at " + later)
        .hasMessageContaining("[report] keep_days = 30");

    assertThat(workbooks.stored("run-new")).isNotNull();
    assertThat(newReport).exists();
    assertThat(workbooks.prune()).isZero(); // nothing twice
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void keepDaysZeroKeepsEverything(Backend backend) throws Exception {
    twoDays(backend);
    Settings settings = settings("files", "0");
    Path report = reconcile(settings, DAY, "run-1", Instant.now()).report();
    assertThat(workbooks(settings, Instant.now().plus(Duration.ofDays(10_000))).prune()).isZero();
    assertThat(report).exists();
  }
}
