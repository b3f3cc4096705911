package dev.reconciler.core.reconcile;

import static dev.reconciler.core.reconcile.LedgerDays.D1;
import static dev.reconciler.core.reconcile.LedgerDays.D2;
import static dev.reconciler.core.reconcile.LedgerDays.D3;
import static dev.reconciler.core.reconcile.LedgerDays.D4;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.domain.Source;
import dev.reconciler.core.ledger.LedgerState;
import dev.reconciler.core.ledger.LedgerStore;
import dev.reconciler.core.ledger.Ledgers;
import dev.reconciler.core.ledger.Resolution;
import dev.reconciler.core.ledger.ResolveRequest;
import dev.reconciler.core.runs.RunCounts;
import dev.reconciler.core.store.EmbeddedPg;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ledger's sheets, Summary lines and run counts of four real days (window 2), as the default
 * [report] sheets write them: what the report shows of the ledger the rules keep.
 */
class LedgerWorkbookIT {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  @TempDir Path dir;
  private LedgerDays days;
  private TestDatabase db;

  private void fourDays(Backend backend) throws Exception {
    days = new LedgerDays(backend, pg, dir);
    db = days.db;
  }

  private WorkbookRows run(LocalDate day, String runId) throws Exception {
    return new WorkbookRows(days.run(day, runId).report());
  }

  private static List<String> column(WorkbookRows workbook, String sheet, String header) {
    return workbook.rows(sheet).stream().map(r -> r.get(header)).toList();
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void theFirstDayOpensItemsInTransitAndSaysTheLedgerStartedEmpty(Backend backend)
      throws Exception {
    fourDays(backend);
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

  @ParameterizedTest
  @EnumSource(Backend.class)
  void laterDaysClearLateGoMissingOnceAndEndWithNothingOpen(Backend backend) throws Exception {
    fourDays(backend);
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
        .containsEntry("Kind", "")
        // The carried item's own row in full, which the ledger does not carry of every item.
        .containsEntry("Processor status", "settled")
        .containsEntry("Processor line", "1")
        .containsEntry("Sales status", "completed");
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
    assertThat(d3.rows("Missing in Processor").get(0))
        .containsEntry("Order ID", "ORD-B")
        .containsEntry("Customer ID", "CUST-1")
        .containsEntry("Sales status", "completed")
        .containsEntry("Sales line", "2")
        .containsEntry("Created at", "2026-11-01T12:00:00Z");
    assertThat(d3.summary())
        .containsEntry("Went missing today", "1")
        .containsEntry("Oldest open item (days)", "2");
    assertThat(days.store.storedRun(days.settings, "r3").counts())
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

  /** Every sheet but the Summary (run id, times), and the Summary's counts. */
  private static Map<String, Object> content(WorkbookRows workbook) {
    Map<String, Object> content = new LinkedHashMap<>();
    for (String sheet : workbook.sheetNames()) {
      if (!sheet.equals("Summary")) {
        content.put(sheet, workbook.rows(sheet));
      }
    }
    Map<String, String> summary = new LinkedHashMap<>(workbook.summary());
    summary.keySet().removeIf(k -> k.startsWith("Run") || k.contains("Generated"));
    content.put("Summary", summary);
    return content;
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aRerunOfAnEarlyDateThenTheStaleOnesRewritesEveryLaterReportIdentically(Backend backend)
      throws Exception {
    fourDays(backend);
    run(D1, "r1");
    run(D2, "r2");
    Map<String, Object> d3 = content(run(D3, "r3"));
    Map<String, Object> d4 = content(run(D4, "r4"));

    run(D2, "again-2");
    assertThat(content(run(D3, "again-3"))).isEqualTo(d3);
    assertThat(content(run(D4, "again-4"))).isEqualTo(d4);
    assertThat(d3.get("Missing in Processor")).asList().hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aResolvedItemIsOnTheNextRunsResolvedSheetOnceAndNeverOpenAgain(Backend backend)
      throws Exception {
    fourDays(backend);
    run(D1, "r1");
    try (LedgerStore ledger = Ledgers.open(days.settings, db.file(), Clock.systemUTC())) {
      ledger.resolve(
          new ResolveRequest(
              Source.SALES,
              "B",
              Resolution.Outcome.WRITTEN_OFF,
              "refunded by bank transfer",
              "ann",
              Instant.parse("2026-11-01T18:00:00Z")));
    }
    WorkbookRows d2 = run(D2, "r2");
    assertThat(d2.rows("Resolved"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r)
                    .containsEntry("Transaction ID", "B")
                    .containsEntry("Outcome", "written off")
                    .containsEntry("Note", "refunded by bank transfer")
                    .containsEntry("By", "ann"));
    assertThat(d2.ids("Open Items")).doesNotContain("B");
    WorkbookRows d3 = run(D3, "r3");
    assertThat(d3.rows("Resolved")).isEmpty();
    assertThat(d3.ids("Missing in Processor"))
        .as("resolved before its age reached the window")
        .isEmpty();
    assertThat(d3.ids("Open Items")).isEmpty();
    WorkbookRows d4 = run(D4, "r4");
    // B's late processor row clears the written-off sale, late, rather than opening a processor
    // item that could never clear (and would count the pair twice were the write-off taken back).
    assertThat(d4.ids("Cleared")).containsExactly("B");
    assertThat(d4.ids("In Transit")).isEmpty();
    assertThat(d4.ids("Open Items")).isEmpty();
    assertThat(d4.ids("Missing in Sales")).isEmpty();
    try (LedgerStore ledger = Ledgers.open(days.settings, db.file(), Clock.systemUTC())) {
      ledger.unresolve(Source.SALES, "B");
      LedgerState after = ledger.before(D4.plusDays(1));
      assertThat(after.open()).as("cleared: taking the write-off back opens nothing").isEmpty();
      assertThat(after.resolvedOpen()).isEmpty();
    }
  }
}
