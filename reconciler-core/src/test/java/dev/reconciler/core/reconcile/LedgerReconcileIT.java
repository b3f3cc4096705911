package dev.reconciler.core.reconcile;

import static dev.reconciler.core.reconcile.LedgerDays.D1;
import static dev.reconciler.core.reconcile.LedgerDays.D2;
import static dev.reconciler.core.reconcile.LedgerDays.D3;
import static dev.reconciler.core.reconcile.LedgerDays.D4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.reconciler.core.config.SameDaySettings;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.Shard;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.ledger.ClearedItem;
import dev.reconciler.core.ledger.LedgerFigures;
import dev.reconciler.core.ledger.LedgerOutcome;
import dev.reconciler.core.ledger.Ledgers;
import dev.reconciler.core.ledger.OpenItem;
import dev.reconciler.core.match.Discrepancy;
import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.match.ReconciliationResult;
import dev.reconciler.core.runs.RunStore;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.store.Postgres;
import dev.reconciler.core.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ledger across four days of a real input (SQLite, PostgreSQL), window 2, run through
 * ReconcileService.
 */
class LedgerReconcileIT {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @TempDir Path dir;
  private LedgerDays days;
  private Settings settings;
  private TestDatabase db;

  private void fourDays(Backend backend) throws Exception {
    days = new LedgerDays(backend, pg, dir);
    settings = days.settings;
    db = days.db;
  }

  private ReconciliationResult run(LocalDate day, String runId) {
    return days.run(day, runId).result();
  }

  private static List<String> open(LedgerOutcome ledger) {
    return ledger.open().stream()
        .map(i -> i.source() + ":" + i.transactionId() + (i.missing() ? " missing" : ""))
        .toList();
  }

  private static List<String> ids(ReconciliationResult r, DiscrepancyKind kind) {
    return r.discrepancies().stream()
        .filter(d -> d.kind() == kind)
        .map(Discrepancy::transactionId)
        .toList();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRunStoppedAfterItsLoadKeepsNoLedgerAndNoSuccess(Backend backend) throws Exception {
    fourDays(backend);
    run(D1, "r1");
    // Its worker interrupts it (time limit, revoke --terminate) once the day is loaded: the ledger
    // is then written beside the report, and must be undone, not committed.
    assertThat(
            stoppedRun(
                settings,
                interrupting(false),
                new ReconcileRequest(D2, "stopped", db.file(), dir.resolve("out"))))
        .isInstanceOf(RuntimeException.class);
    try (var ledger = Ledgers.open(settings, db.file(), Clock.systemUTC())) {
      assertThat(ledger.lastRunDate()).contains(D1);
    }
    RunStore runs = RunStores.open(settings, db.file());
    assertThat(runs.find("stopped").status()).isEqualTo("FAILURE");
    assertThat(run(D2, "r2").ledger().emptyStart()).as("D2 carries D1's items").isNull();
  }

  /**
   * The server ends the session holding a run's ledger lock while the day loads (a restart, an
   * idle_session_timeout): another run may hold the lock now, so this one fails without committing
   * its ledger, its success or its report (written by then, but not published), and its retry runs
   * as if it had not been.
   */
  @Test
  void aRunWhoseLedgerLockWasLostKeepsNoLedgerNoSuccessAndNoReport() throws Exception {
    fourDays(Backend.POSTGRES);
    run(D1, "r1");
    Progress losingTheLock = steps(() -> {}, () -> endLockSessions(settings.database()));

    Throwable failed =
        catchThrowable(
            () ->
                new ReconcileService(settings, Clock.systemUTC(), losingTheLock)
                    .run(new ReconcileRequest(D2, "lost", db.file(), dir.resolve("out"))));

    assertThat(failed).isInstanceOf(StoreException.class).hasMessageContaining("ledger's lock");
    try (var ledger = Ledgers.open(settings, db.file(), Clock.systemUTC())) {
      assertThat(ledger.lastRunDate()).contains(D1);
    }
    assertThat(RunStores.open(settings, db.file()).find("lost").status()).isEqualTo("FAILURE");
    assertThat(filesOf(D2))
        .as("no report of D2, nor its temp file, tells of a ledger never committed")
        .isEmpty();
    assertThat(run(D2, "r2").ledger().emptyStart()).as("D2 carries D1's items").isNull();
    assertThat(filesOf(D2)).containsExactly(settings.report().fileName(D2));
  }

  /** The names of the files in the runs' report directory that are {@code day}'s, temp or not. */
  private List<String> filesOf(LocalDate day) throws IOException {
    Path out = dir.resolve("out");
    if (!Files.isDirectory(out)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(out)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(name -> name.contains(day.toString()))
          .toList();
    }
  }

  /** Ends every session holding a ledger's run lock, as the server does when it restarts. */
  private static void endLockSessions(Settings.Database database) {
    try (Connection admin = Postgres.connect(database);
        Statement st = admin.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_locks"
                    + " WHERE locktype = 'advisory' AND classid = "
                    + 0x4c474452L
                    + "::oid AND granted AND "
                    + EmbeddedPg.LOCKS_OF_THIS_DATABASE)) {
      rs.next();
      assertThat(rs.getInt(1)).as("sessions holding a run lock").isEqualTo(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Its worker interrupts a run while the day loads (revoke --terminate, a time limit): nothing
   * looks at the interrupt until the run checks it before recording, which must still see it,
   * though a library the report writer uses clears it on a day of this size (the run then recorded
   * its ledger and its success).
   */
  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRunStoppedWhileItLoadsKeepsNoLedgerAndNoSuccess(Backend backend) throws Exception {
    Backend.Store store = backend.fresh(pg, dir, "stopped");
    Settings settings = SettingsLoader.load(null, store.env(Map.of()));
    DataGenerator.writingTo(settings.database(), Progress.NONE)
        .generate(
            new GenerationSpec(
                D1,
                STOPPED_DAY_ROWS,
                11,
                settings.reconciliation().timezone(),
                settings.reconciliation().amountTolerance(),
                GenerationSpec.Rates.defaults()),
            store.input(),
            dir.resolve("stopped.truth.json"));
    assertThat(
            stoppedRun(
                settings,
                interrupting(true),
                new ReconcileRequest(D1, "stopped", store.input(), dir.resolve("out"))))
        .isInstanceOf(CancellationException.class);
    try (var ledger = Ledgers.open(settings, store.input(), Clock.systemUTC())) {
      assertThat(ledger.lastRunDate()).isEmpty();
    }
    assertThat(RunStores.open(settings, store.input()).find("stopped").status())
        .isEqualTo("FAILURE");
  }

  /** Progress that interrupts the run's thread as the day starts loading, or once it is loaded. */
  private static Progress interrupting(boolean asLoadStarts) {
    Runnable interrupt = () -> Thread.currentThread().interrupt();
    return asLoadStarts ? steps(interrupt, () -> {}) : steps(() -> {}, interrupt);
  }

  /** Progress that does {@code atStart} as a step (the day's load) starts, {@code atEnd} after. */
  private static Progress steps(Runnable atStart, Runnable atEnd) {
    return new Progress() {
      @Override
      public void start(String step, long total) {
        atStart.run();
      }

      @Override
      public void advance(long delta) {}

      @Override
      public void finish() {
        atEnd.run();
      }
    };
  }

  /**
   * What the run, interrupted by {@code progress}, threw (its thread's interrupt cleared after).
   */
  private static Throwable stoppedRun(
      Settings settings, Progress progress, ReconcileRequest request) {
    try {
      return catchThrowable(
          () -> new ReconcileService(settings, Clock.systemUTC(), progress).run(request));
    } finally {
      Thread.interrupted();
    }
  }

  /** Rows a day of {@link #aRunStoppedWhileItLoadsKeepsNoLedgerAndNoSuccess} has. */
  private static final int STOPPED_DAY_ROWS = 200_000;

  @ParameterizedTest
  @EnumSource(Backend.class)
  void itemsWaitInTransitClearLateAndGoMissingOnceWhenTheWindowIsReached(Backend backend)
      throws Exception {
    fourDays(backend);
    ReconciliationResult d1 = run(D1, "r1");
    assertThat(d1.ledger().emptyStart()).contains(D1.minusDays(1).toString());
    assertThat(open(d1.ledger())).containsExactly("SALES:A", "SALES:B", "SALES:M", "PROCESSOR:C");
    assertThat(d1.ledger().inTransit()).hasSize(4);
    assertThat(ids(d1, DiscrepancyKind.MISSING_IN_PROCESSOR)).isEmpty();
    assertThat(ids(d1, DiscrepancyKind.MISSING_IN_SALES)).isEmpty();
    assertThat(d1.unsettledSales()).as("the pending sale is counted, never opened").isEqualTo(1);

    ReconciliationResult d2 = run(D2, "r2");
    assertThat(d2.ledger().emptyStart()).isNull();
    assertThat(d2.matched()).isEqualTo(1);
    List<ClearedItem> cleared = d2.ledger().cleared();
    assertThat(cleared).extracting(ClearedItem::transactionId).containsExactly("M", "C");
    assertThat(cleared.get(1).item().source())
        .as("C: the processor row came first")
        .isEqualTo(Source.PROCESSOR);
    assertThat(cleared.get(1).daysLate()).isEqualTo(1);
    assertThat(cleared.get(0).kind()).isEqualTo(DiscrepancyKind.AMOUNT_MISMATCH);
    assertThat(ids(d2, DiscrepancyKind.AMOUNT_MISMATCH)).containsExactly("M");
    assertThat(open(d2.ledger())).containsExactly("SALES:A", "SALES:B");

    ReconciliationResult d3 = run(D3, "r3");
    assertThat(d3.ledger().cleared())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.transactionId()).isEqualTo("A");
              assertThat(c.daysLate())
                  .as("cleared on the day its age reached the window")
                  .isEqualTo(2);
              assertThat(c.kind()).isNull();
            });
    assertThat(ids(d3, DiscrepancyKind.MISSING_IN_PROCESSOR)).containsExactly("B");
    assertThat(open(d3.ledger())).containsExactly("SALES:B missing");
    assertThat(LedgerFigures.of(d3.ledger()).oldestAge()).isEqualTo(2);

    ReconciliationResult d4 = run(D4, "r4");
    assertThat(ids(d4, DiscrepancyKind.MISSING_IN_PROCESSOR))
        .as("missing on one run only")
        .isEmpty();
    assertThat(d4.ledger().cleared()).extracting(ClearedItem::daysLate).containsExactly(3L);
    assertThat(d4.ledger().open()).isEmpty();
    // On PostgreSQL the ledger carried these days there: no SQLite file was made for it.
    assertThat(days.store.storedRun(settings, "r4").status()).isEqualTo("SUCCESS");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRerunOfAnEarlyDateMakesLaterDatesStaleAndTheirRerunsGiveTheSameResults(Backend backend)
      throws Exception {
    fourDays(backend);
    ReconciliationResult first2 = run(D2, "a2");
    // D2 without D1: nothing carried, so C and M are new items of D2.
    assertThat(first2.ledger().emptyStart()).isNotNull();
    run(D1, "r1");
    try (var ledger = Ledgers.open(settings, db.file(), Clock.systemUTC())) {
      assertThat(ledger.staleDates()).containsExactly(D2);
    }
    ReconciliationResult d2 = run(D2, "r2");
    ReconciliationResult d3 = run(D3, "r3");
    ReconciliationResult d4 = run(D4, "r4");

    run(D2, "again2");
    try (var ledger = Ledgers.open(settings, db.file(), Clock.systemUTC())) {
      assertThat(ledger.staleDates()).containsExactly(D3, D4);
      assertThat(ledger.lastRunDate()).contains(D2);
    }
    ReconciliationResult again3 = run(D3, "again3");
    ReconciliationResult again4 = run(D4, "again4");
    for (ReconciliationResult[] pair :
        List.of(new ReconciliationResult[] {d3, again3}, new ReconciliationResult[] {d4, again4})) {
      assertThat(pair[1].discrepancies()).isEqualTo(pair[0].discrepancies());
      assertThat(pair[1].ledger()).isEqualTo(pair[0].ledger());
    }
    assertThat(d2.ledger().cleared()).hasSize(2);
    try (var ledger = Ledgers.open(settings, db.file(), Clock.systemUTC())) {
      assertThat(ledger.staleDates()).isEmpty();
      assertThat(ledger.openNow()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aDateAfterAStaleOneRefusesToRunUntilItIsRerun(Backend backend) throws Exception {
    fourDays(backend);
    run(D1, "r1");
    run(D2, "r2");
    run(D1, "again1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> run(D3, "r3"))
        .hasMessageContaining(D2 + " is stale");
    run(D2, "again2");
    assertThat(run(D3, "r3").ledger().cleared())
        .extracting(ClearedItem::transactionId)
        .containsExactly("A");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void windowZeroReportsEveryLeftoverMissingOnItsDayAndStillClearsItLater(Backend backend)
      throws Exception {
    fourDays(backend);
    Settings zero = days.settings(SameDaySettings.withWindowZero(Map.of()));
    ReconciliationResult d1 = days.run(zero, D1, "z1").result();
    assertThat(ids(d1, DiscrepancyKind.MISSING_IN_PROCESSOR)).containsExactly("A", "B", "M");
    assertThat(ids(d1, DiscrepancyKind.MISSING_IN_SALES)).containsExactly("C");
    assertThat(d1.ledger().inTransit()).isEmpty();
    ReconciliationResult d2 = days.run(zero, D2, "z2").result();
    assertThat(d2.ledger().cleared())
        .extracting(c -> c.item().missing())
        .containsExactly(true, true);
    assertThat(d2.ledger().open()).extracting(OpenItem::transactionId).containsExactly("A", "B");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aPendingSaleClearsTheProcessorRowThatCameBeforeIt(Backend backend) throws Exception {
    Backend.Store pending = backend.fresh(pg, dir, "pending");
    Settings settings = SettingsLoader.load(null, pending.env(Map.of(SameDaySettings.WINDOW, "2")));
    TestDatabase own = new TestDatabase(pending);
    own.payment("P", "4.00", "USD", "settled", D1 + "T09:00:00Z")
        .sale("P", "4.00", "USD", "pending", D2 + "T09:00:00Z")
        .sale("Q", "2.00", "USD", "pending", D2 + "T10:00:00Z");
    ReconciliationResult d1 =
        new ReconcileService(settings, Clock.systemUTC(), Progress.NONE)
            .run(new ReconcileRequest(D1, "p1", own.file(), dir.resolve("out-p")))
            .result();
    assertThat(open(d1.ledger())).containsExactly("PROCESSOR:P");
    ReconciliationResult d2 =
        new ReconcileService(settings, Clock.systemUTC(), Progress.NONE)
            .run(new ReconcileRequest(D2, "p2", own.file(), dir.resolve("out-p")))
            .result();
    assertThat(d2.ledger().cleared()).extracting(ClearedItem::transactionId).containsExactly("P");
    assertThat(d2.ledger().open()).as("Q is unpaid: counted, never opened").isEmpty();
    assertThat(d2.unsettledSales()).isEqualTo(2);
  }

  /**
   * Authorise one day, capture the next: a pending sale whose processor row settles on a later day
   * is a pair, as in the opposite order and as on one day, not a payment "missing in sales". The
   * pairing is the run's: a rerun takes it back and makes it again, and a second processor row of
   * the id, the sale paired, opens an item as any unmatched row does.
   */
  @ParameterizedTest
  @EnumSource(Backend.class)
  void aProcessorRowClearsThePendingSaleOfAnEarlierDay(Backend backend) throws Exception {
    Backend.Store store = backend.fresh(pg, dir, "captured");
    Settings settings = SettingsLoader.load(null, store.env(Map.of(SameDaySettings.WINDOW, "1")));
    TestDatabase own = new TestDatabase(store);
    own.sale("U", "4.00", "USD", "pending", D1 + "T09:00:00Z")
        .sale("V", "5.00", "USD", "pending", D1 + "T10:00:00Z")
        .sale("W", "2.00", "USD", "cancelled", D1 + "T11:00:00Z")
        .payment("U", "4.00", "USD", "settled", D2 + "T09:00:00Z")
        .payment("V", "6.00", "USD", "settled", D3 + "T09:00:00Z")
        .payment("U", "4.00", "USD", "settled", D4 + "T09:00:00Z");
    ReconcileService service = new ReconcileService(settings, Clock.systemUTC(), Progress.NONE);
    Path out = dir.resolve("out-captured");
    ReconciliationResult d1 = service.run(new ReconcileRequest(D1, "c1", own.file(), out)).result();
    assertThat(d1.ledger().open()).as("unpaid sales never open").isEmpty();
    assertThat(d1.unsettledSales()).isEqualTo(3);

    ReconciliationResult d2 = service.run(new ReconcileRequest(D2, "c2", own.file(), out)).result();
    assertThat(d2.ledger().cleared())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.transactionId()).isEqualTo("U");
              assertThat(c.item().openedOn()).isEqualTo(D1);
              assertThat(c.daysLate()).isEqualTo(1);
              assertThat(c.sale().status()).isEqualTo("pending");
              assertThat(c.kind()).isNull();
            });
    assertThat(d2.ledger().open()).isEmpty();
    assertThat(d2.discrepancies()).isEmpty();

    ReconciliationResult d3 = service.run(new ReconcileRequest(D3, "c3", own.file(), out)).result();
    assertThat(d3.ledger().cleared()).extracting(ClearedItem::transactionId).containsExactly("V");
    assertThat(ids(d3, DiscrepancyKind.AMOUNT_MISMATCH))
        .as("a late pair that disagrees is reported as on one day")
        .containsExactly("V");
    assertThat(ids(d3, DiscrepancyKind.MISSING_IN_SALES)).isEmpty();

    ReconciliationResult d4 = service.run(new ReconcileRequest(D4, "c4", own.file(), out)).result();
    assertThat(d4.ledger().cleared()).isEmpty();
    assertThat(open(d4.ledger()))
        .as("U's sale was paired on D2: a second settlement of it is a row of its own")
        .containsExactly("PROCESSOR:U");

    // D1 again, then the dates after it in order: the same pairings, made once each.
    service.run(new ReconcileRequest(D1, "c1b", own.file(), out));
    ReconciliationResult d2again =
        service.run(new ReconcileRequest(D2, "c2b", own.file(), out)).result();
    assertThat(d2again.ledger().cleared())
        .extracting(ClearedItem::transactionId)
        .containsExactly("U");
    ReconciliationResult d3again =
        service.run(new ReconcileRequest(D3, "c3b", own.file(), out)).result();
    assertThat(d3again.ledger().cleared())
        .extracting(ClearedItem::transactionId)
        .containsExactly("V");
    ReconciliationResult d4again =
        service.run(new ReconcileRequest(D4, "c4b", own.file(), out)).result();
    assertThat(open(d4again.ledger())).containsExactly("PROCESSOR:U");
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void partsReadBeforeAnEarlierDateRanHoldWhatTheMergeNeeds(Backend backend) throws Exception {
    Backend.Store store = backend.fresh(pg, dir, "parts");
    Settings settings =
        SettingsLoader.load(
            null,
            store.env(
                Map.of(SameDaySettings.WINDOW, "2", "RECONCILER_RECONCILIATION_SHARDS", "2")));
    TestDatabase own = new TestDatabase(store);
    own.payment("P", "4.00", "USD", "settled", D1 + "T09:00:00Z")
        .sale("P", "4.00", "USD", "pending", D2 + "T09:00:00Z")
        .sale("Q", "2.00", "USD", "pending", D2 + "T10:00:00Z");
    ReconcileService service = new ReconcileService(settings, Clock.systemUTC(), Progress.NONE);
    ReconcileRequest d2 = new ReconcileRequest(D2, "parts-2", own.file(), dir.resolve("out-q"));
    // D2's parts are read while the ledger carries nothing (D1 not run yet), as they are when
    // D1 is run or rerun on another worker between D2's parts and its merge.
    List<DayPart> parts =
        List.of(service.part(d2, new Shard(0, 2)), service.part(d2, new Shard(1, 2)));
    assertThat(parts.stream().flatMap(p -> p.unpaid().stream()).map(t -> t.transactionId()))
        .as("every unpaid sale, whatever the ledger carries")
        .containsExactlyInAnyOrder("P", "Q");
    service.run(new ReconcileRequest(D1, "parts-1", own.file(), dir.resolve("out-q")));

    ReconciliationResult merged = service.finish(d2, parts).result();

    assertThat(merged.ledger().cleared())
        .as("the pending sale clears the processor row D1 opened")
        .extracting(ClearedItem::transactionId)
        .containsExactly("P");
    assertThat(merged.ledger().open()).isEmpty();
  }
}
