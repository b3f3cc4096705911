package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.SameDaySettings;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.runs.RunCounts;
import dev.reconciler.core.runs.SqliteRunStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger's sheets, Summary lines and run counts of four real days (window 2), as the default
 * [report] sheets write them: what the report shows of the ledger the rules keep.
 */
class LedgerWorkbookIT {
  private static final LocalDate D1 = LocalDate.of(2026, 11, 1);
  private static final LocalDate D2 = D1.plusDays(1);
  private static final LocalDate D3 = D1.plusDays(2);
  private static final LocalDate D4 = D1.plusDays(3);

  @TempDir Path dir;
  private TestDatabase db;
  private final Settings settings = SettingsLoader.load(null, Map.of(SameDaySettings.WINDOW, "2"));

  @BeforeEach
  void fourDays() throws Exception {
    db = new TestDatabase(dir.resolve("input.db"));
    db.sale("A", "10.00", "USD", "completed", at(D1))
        .sale("B", "5.00", "USD", "completed", at(D1))
        .sale("M", "3.00", "USD", "completed", at(D1))
        .sale("U", "9.00", "USD", "pending", at(D1))
        .payment("C", "7.00", "USD", "settled", at(D1));
    db.sale("C", "7.00", "USD", "completed", at(D2)).payment("M", "3.50", "USD", "settled", at(D2));
    db.payment("A", "10.00", "USD", "settled", at(D3));
    db.payment("B", "5.00", "USD", "settled", at(D4));
  }

  private static String at(LocalDate day) {
    return day + "T12:00:00Z";
  }

  private WorkbookRows run(LocalDate day, String runId) throws Exception {
    Path report =
        new ReconcileService(settings, Clock.systemUTC(), Progress.NONE)
            .run(new ReconcileRequest(day, runId, db.file(), dir.resolve("out")))
            .report();
    return new WorkbookRows(report);
  }

  private static List<String> column(WorkbookRows workbook, String sheet, String header) {
    return workbook.rows(sheet).stream().map(r -> r.get(header)).toList();
  }

  @Test
  void theFirstDayOpensItemsInTransitAndSaysTheLedgerStartedEmpty() throws Exception {
    WorkbookRows d1 = run(D1, "r1");

    assertThat(d1.sheetNames())
        .containsSubsequence(
            "Duplicate IDs", "In Transit", "Open Items", "Cleared", "Resolved", "Refunds");
    assertThat(d1.ids("Open Items")).containsExactly("A", "B", "M", "C");
    assertThat(d1.ids("In Transit")).containsExactly("A", "B", "M", "C");
    assertThat(column(d1, "Open Items", "Status")).containsOnly("in transit");
    assertThat(column(d1, "In Transit", "Missing on")).containsOnly("2026-11-03");
    assertThat(column(d1, "Open Items", "Source"))
        .containsExactly("Sales", "Sales", "Sales", "Processor");
    assertThat(d1.rows("Cleared")).isEmpty();
    assertThat(d1.summary().get("Ledger started empty")).contains("2026-10-31");
    assertThat(d1.summary()).containsEntry("Open items", "4").containsEntry("In transit", "4");
    assertThat(d1.summary())
        .containsEntry("0–1", "4")
        .containsEntry("Oldest open item (days)", "0");
  }

  @Test
  void laterDaysClearLateGoMissingOnceAndEndWithNothingOpen() throws Exception {
    run(D1, "r1");
    WorkbookRows d2 = run(D2, "r2");
    assertThat(d2.ids("Cleared")).containsExactlyInAnyOrder("C", "M");
    Map<String, String> c =
        d2.rows("Cleared").stream()
            .filter(r -> r.get("Transaction ID").equals("C"))
            .findFirst()
            .orElseThrow();
    assertThat(c)
        .containsEntry("Original business date", "2026-11-01")
        .containsEntry("Days late", "1")
        .containsEntry("Came first", "Processor")
        .containsEntry("Kind", "");
    Map<String, String> m =
        d2.rows("Cleared").stream()
            .filter(r -> r.get("Transaction ID").equals("M"))
            .findFirst()
            .orElseThrow();
    assertThat(m).containsEntry("Kind", "Amount Mismatch").containsEntry("Processor amount", "3.5");
    assertThat(d2.summary()).doesNotContainKey("Ledger started empty");
    assertThat(d2.summary()).containsEntry("Cleared today", "2");

    WorkbookRows d3 = run(D3, "r3");
    assertThat(d3.ids("Cleared")).containsExactly("A");
    assertThat(d3.rows("In Transit")).isEmpty();
    assertThat(d3.rows("Open Items"))
        .singleElement()
        .satisfies(
            b ->
                assertThat(b)
                    .containsEntry("Transaction ID", "B")
                    .containsEntry("Age (days)", "2")
                    .containsEntry("Bucket", "2–7")
                    .containsEntry("Status", "missing since 2026-11-03"));
    assertThat(d3.ids("Missing in Processor")).containsExactly("B");
    assertThat(d3.summary())
        .containsEntry("Went missing today", "1")
        .containsEntry("Oldest open item (days)", "2");
    assertThat(SqliteRunStore.inDatabase(db.file(), 1000).find("r3").counts())
        .containsEntry(RunCounts.WENT_MISSING, 1L)
        .containsEntry(RunCounts.OPEN_ITEMS, 1L)
        .containsEntry(RunCounts.CLEARED, 1L)
        .containsEntry(RunCounts.OLDEST_OPEN_DAYS, 2L);

    WorkbookRows d4 = run(D4, "r4");
    assertThat(d4.ids("Cleared")).containsExactly("B");
    assertThat(column(d4, "Cleared", "Days late")).containsExactly("3");
    assertThat(d4.rows("Open Items")).isEmpty();
    assertThat(d4.ids("Missing in Processor")).isEmpty();
    assertThat(d4.summary()).containsEntry("Oldest open item (days)", "none open");
  }
}
