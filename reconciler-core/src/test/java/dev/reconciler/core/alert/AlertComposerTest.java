package dev.reconciler.core.alert;

import static dev.reconciler.core.alert.RunRecords.DATE;
import static dev.reconciler.core.alert.RunRecords.RUN_ID;
import static dev.reconciler.core.alert.RunRecords.aRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.runs.RunCounts;
import dev.reconciler.core.runs.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertComposerTest {
  @TempDir Path dir;

  private static Settings.Email email(boolean attach, long attachMaxBytes, int threshold) {
    return new Settings.Email(
        "",
        587,
        Settings.Tls.STARTTLS,
        "",
        "",
        "reconciler@example.com",
        List.of("ops@example.com", "cfo@example.com"),
        "[Reconciler]",
        attach,
        attachMaxBytes,
        threshold);
  }

  private AlertComposer composer() {
    return composer(email(true, 1_000, 1));
  }

  private AlertComposer composer(Settings.Email email) {
    return new AlertComposer(email, dir.resolve("reports"));
  }

  private Path reports() throws IOException {
    return Files.createDirectories(dir.resolve("reports"));
  }

  /** 10 + 3 + 110 = 123 discrepancies, amounts in two currencies, 7 rejected rows. */
  private static RunRecords aRunWith123Discrepancies() {
    return aRun()
        .count("missing_in_processor", 10)
        .count("amount_mismatch", 3)
        .count("duplicate_id", 110)
        .count("rejected", 7)
        .count("matched", 2_952)
        .amount("missing_in_processor", "USD", "1234567.5")
        .amount("missing_in_processor", "EUR", "0.0125")
        .amount("amount_mismatch", "USD", "0.15");
  }

  @Test
  void subjectCarriesDateCountAndMatchRate() {
    Alert alert = composer().discrepancies(aRunWith123Discrepancies().build());

    assertThat(alert.subject())
        .isEqualTo("[Reconciler] 2026-11-24: 123 discrepancies (match rate 96.00%)");
  }

  @Test
  void bodiesListEveryKindInReportOrderWithCountsAndExactAmounts() {
    Alert alert = composer().discrepancies(aRunWith123Discrepancies().build());

    for (String body : List.of(alert.text(), alert.html())) {
      assertThat(body)
          .contains("2026-11-24", RUN_ID, "96.00%")
          .contains("USD 1,234,567.50", "EUR 0.0125", "USD 0.15")
          .containsSubsequence(labels());
    }
    assertThat(alert.text())
        .containsPattern("Missing in Processor +\\| 10 +\\| EUR 0.0125; USD 1,234,567.50")
        .containsPattern("Missing in Sales +\\| 0 +\\| -")
        .containsPattern("Amount Mismatch +\\| 3 +\\| USD 0.15")
        .containsPattern("Duplicate IDs +\\| 110 +\\| -")
        .containsPattern("Rejected rows: +7\\R");
    assertThat(alert.html())
        .contains("<td>Missing in Processor</td><td>10</td><td>EUR 0.0125; USD 1,234,567.50</td>");
  }

  /**
   * Rows processor files lost at import are in no table of the day: the alert says how many of the
   * rejected rows they are, so the reader knows to look in the files.
   */
  @Test
  void theRejectedRowsSayHowManyProcessorFilesLost() {
    Alert alert =
        composer()
            .discrepancies(
                aRunWith123Discrepancies()
                    .count("rejected", 1_203)
                    .count("rejected_in_files", 1_150)
                    .build());

    for (String body : List.of(alert.text(), alert.html())) {
      assertThat(body).contains("1203 (of which 1150 in processor files)");
    }
    assertThat(
            composer()
                .discrepancies(aRunWith123Discrepancies().count("rejected_in_files", 0).build())
                .text())
        .containsPattern("Rejected rows: +7\\R");
  }

  @Test
  void bodiesListTheSettlementKindsWithCountsAndAmountsAndTheSubjectCountsThem() {
    Alert alert =
        composer()
            .discrepancies(
                aRun()
                    .count("missing_in_processor", 1)
                    .count("refund", 2)
                    .count("chargeback", 1)
                    .count("fee", 3)
                    .count("payout", 1)
                    .amount("refund", "USD", "20")
                    .amount("chargeback", "EUR", "65")
                    .amount("fee", "USD", "0.3")
                    .amount("payout", "JPY", "1500")
                    .build());

    assertThat(alert.subject()).contains("8 discrepancies");
    assertThat(alert.text())
        .containsPattern("Refunds +\\| 2 +\\| USD 20.00")
        .containsPattern("Chargebacks +\\| 1 +\\| EUR 65.00")
        .containsPattern("Fees +\\| 3 +\\| USD 0.30")
        .containsPattern("Payouts +\\| 1 +\\| JPY 1,500");
    assertThat(alert.html()).contains("<td>Payouts</td><td>1</td><td>JPY 1,500</td>");
  }

  private static String[] labels() {
    DiscrepancyKind[] kinds = DiscrepancyKind.values();
    String[] labels = new String[kinds.length];
    for (int i = 0; i < kinds.length; i++) {
      labels[i] = kinds[i].label();
    }
    return labels;
  }

  @Test
  void saysHowManyWentMissingTodayHowOldTheOldestOpenItemIsAndWhatIsInTransitOrCleared() {
    Alert alert =
        composer()
            .discrepancies(
                aRunWith123Discrepancies()
                    .count(RunCounts.OPEN_ITEMS, 40)
                    .count(RunCounts.WENT_MISSING, 4)
                    .count(RunCounts.OLDEST_OPEN_DAYS, 12)
                    .count(RunCounts.IN_TRANSIT, 31)
                    .count(RunCounts.CLEARED, 6)
                    .count(RunCounts.RESOLVED, 2)
                    .build());

    assertThat(alert.text())
        .containsPattern("Went missing today: +4\\n")
        .containsPattern("Oldest open item: +12 days\\n")
        .containsPattern("In transit: +31\\n")
        .containsPattern("Cleared late: +6\\n");
    assertThat(alert.html())
        .contains("<th align=\"left\">Went missing today</th><td>4</td>")
        .contains("<th align=\"left\">Oldest open item</th><td>12 days</td>");
    assertThat(alert.subject()).contains("123 discrepancies");
  }

  @Test
  void saysWhenNothingIsOpenAndCountsADayInTheSingular() {
    RunRecords run =
        aRun().count(RunCounts.OPEN_ITEMS, 0).count(RunCounts.OLDEST_OPEN_DAYS, -1).count("fee", 1);
    assertThat(composer().discrepancies(run.build()).text())
        .containsPattern("Oldest open item: +none open\\n")
        .containsPattern("Went missing today: +0\\n");
    run.count(RunCounts.OPEN_ITEMS, 1).count(RunCounts.OLDEST_OPEN_DAYS, 1);
    assertThat(composer().discrepancies(run.build()).text())
        .containsPattern("Oldest open item: +1 day\\n");
  }

  @Test
  void aRunRecordedBeforeTheLedgerShowsNoLedgerLines() {
    Alert alert = composer().discrepancies(aRunWith123Discrepancies().build());

    assertThat(alert.text()).doesNotContain("Went missing", "Oldest open item", "In transit");
    assertThat(alert.html()).doesNotContain("Went missing");
  }

  @Test
  void addressesAndMessageIdComeFromSettingsAndRun() {
    Alert alert = composer().discrepancies(aRunWith123Discrepancies().build());

    assertThat(alert.to()).containsExactly("ops@example.com", "cfo@example.com");
    assertThat(alert.from()).isEqualTo("reconciler@example.com");
    assertThat(alert.kind()).isEqualTo(AlertKind.DISCREPANCIES);
    assertThat(alert.messageId()).isEqualTo("<run-2026-11-24-abc123.discrepancies@reconciler>");
  }

  @Test
  void composingTwiceGivesTheSameAlert() {
    RunRecord run = aRunWith123Discrepancies().build();

    assertThat(composer().discrepancies(run)).isEqualTo(composer().discrepancies(run));
  }

  @Test
  void aMissingMatchRateShowsAsNotApplicable() {
    Alert alert =
        composer().discrepancies(aRun().count("missing_in_sales", 1).matchRate(null).build());

    assertThat(alert.subject()).endsWith(": 1 discrepancy (match rate n/a)");
    assertThat(alert.text()).containsPattern("Match rate: +n/a");
  }

  @Test
  void thresholdZeroDisablesDiscrepancyAlerts() {
    RunRecord run = aRun().count("amount_mismatch", 500).build();

    assertThat(composer(email(true, 1_000, 0)).warrantsDiscrepancyAlert(run)).isFalse();
  }

  @Test
  void alertsFromTheThresholdUpCountingEveryKindButNotRejectedRows() {
    AlertComposer composer = composer(email(true, 1_000, 5));
    RunRecords four = aRun().count("missing_in_processor", 1).count("failed_payment", 3);

    assertThat(composer.warrantsDiscrepancyAlert(four.count("rejected", 100).build())).isFalse();
    assertThat(composer.warrantsDiscrepancyAlert(four.count("currency_mismatch", 1).build()))
        .isTrue();
    assertThat(composer.warrantsDiscrepancyAlert(four.count("currency_mismatch", 2).build()))
        .isTrue();
  }

  @Test
  void aCleanRunWarrantsNoAlert() {
    assertThat(composer().warrantsDiscrepancyAlert(aRun().count("matched", 100).build())).isFalse();
  }

  /**
   * A day whose processor file was not imported reads no processor rows: its sales wait in transit
   * rather than count as discrepancies, so the threshold alone would stay silent. The alert is
   * sent, and says so first; a day with no rows on either side, or a record without row counts, is
   * left to the threshold.
   */
  @Test
  void aRunThatReadNoRowsOfOneSideAlertsAndSaysWhatIsLikelyMissing() {
    AlertComposer composer = composer(email(true, 1_000, 5));
    RunRecord noProcessor =
        aRun().count("sales_rows", 120).count("processor_rows", 0).count("in_transit", 118).build();

    assertThat(composer.warrantsDiscrepancyAlert(noProcessor)).isTrue();
    Alert alert = composer.discrepancies(noProcessor);
    assertThat(alert.subject()).contains("2026-11-24: no processor rows, 0 discrepancies");
    for (String body : List.of(alert.text(), alert.html())) {
      assertThat(body)
          .containsSubsequence(
              "No processor rows were read for 2026-11-24 (sales rows: 120): was the day",
              "s processor file imported?",
              "found 0 discrepancies");
    }

    RunRecord noSales = aRun().count("sales_rows", 0).count("processor_rows", 40).build();
    assertThat(composer.warrantsDiscrepancyAlert(noSales)).isTrue();
    assertThat(composer.discrepancies(noSales).text())
        .contains("No sales rows were read for 2026-11-24 (processor rows: 40)");

    assertThat(
            composer.warrantsDiscrepancyAlert(
                aRun().count("sales_rows", 0).count("processor_rows", 0).build()))
        .isFalse();
    assertThat(composer.warrantsDiscrepancyAlert(aRun().count("sales_rows", 120).build()))
        .isFalse();
    assertThat(
            composer(email(true, 1_000, 0))
                .warrantsDiscrepancyAlert(
                    aRun().count("sales_rows", 120).count("processor_rows", 0).build()))
        .as("alerts turned off")
        .isFalse();
    assertThat(composer.discrepancies(aRunWith123Discrepancies().build()).text())
        .doesNotContain("rows were read for");
  }

  @Test
  void attachesAReportNoLargerThanTheLimit() throws IOException {
    Path report = Files.write(reports().resolve("report.xlsx"), new byte[1_000]);

    Alert alert = composer().discrepancies(aRun().reportPath(report.toString()).build());

    assertThat(alert.attachment()).isEqualTo(report.toRealPath());
    assertThat(alert.text()).contains("attached", report.toString()).doesNotContain("To fetch it");
  }

  @Test
  void pointsToAReportTooLargeToAttach() throws IOException {
    Path report = Files.write(reports().resolve("report.xlsx"), new byte[1_001]);

    Alert alert = composer().discrepancies(aRun().reportPath(report.toString()).build());

    assertThat(alert.attachment()).isNull();
    assertThat(alert.text()).contains("The report is at " + report, "too large to attach");
    assertThat(alert.html()).contains("too large to attach");
  }

  @Test
  void pointsToTheReportWhenAttachingIsOff() throws IOException {
    Path report = Files.write(reports().resolve("report.xlsx"), new byte[10]);

    Alert alert =
        composer(email(false, 1_000, 1))
            .discrepancies(aRun().reportPath(report.toString()).build());

    assertThat(alert.attachment()).isNull();
    assertThat(alert.text()).contains("The report is at " + report + ".");
  }

  /**
   * store = files: a rerun of the date while this alert waited (SMTP down, retries) wrote its own
   * workbook to the same file, which is then not this run's to attach, nor to fetch by its run id.
   */
  @Test
  void attachesNothingWhenALaterRunOfTheDateRewroteTheReportFile() throws IOException {
    Path report = Files.write(reports().resolve("report.xlsx"), new byte[10]);
    RunRecord later = aRun().build();
    RunRecord run =
        new RunRecord(
            "run-2026-11-24-earlier",
            later.businessDate(),
            later.startedAt(),
            later.finishedAt(),
            later.status(),
            later.counts(),
            later.amounts(),
            later.matchRatePercent(),
            report.toString(),
            null);

    Alert alert = composer().discrepancies(run, null, later);

    assertThat(alert.attachment()).isNull();
    assertThat(alert.text())
        .contains(
            "Its report is gone: run "
                + later.runId()
                + ", a later run of the same date, wrote its own to "
                + report)
        .doesNotContain("To fetch it");
    assertThat(composer().discrepancies(run, null, null).attachment())
        .as("the same run, its file still its own")
        .isEqualTo(report.toRealPath());
  }

  @Test
  void attachesNothingWhenTheReportFileIsGone() throws IOException {
    Path gone = reports().resolve("gone.xlsx");

    Alert alert = composer().discrepancies(aRun().reportPath(gone.toString()).build());

    assertThat(alert.attachment()).isNull();
    assertThat(alert.text()).contains(gone.toString(), "not found");
    assertThat(alert.text())
        .contains("To fetch it: reconciler report get --date 2026-11-24 --run ")
        .contains("(on any host when [report] store = database)");
  }

  @Test
  void neverAttachesAFileOutsideTheReportDirectoryThatARunRecordNames() throws IOException {
    Path config = Files.writeString(dir.resolve("config.ini"), "[email]\npassword = s3cret\n");

    Alert alert = composer().discrepancies(aRun().reportPath(config.toString()).build());

    assertThat(alert.attachment()).isNull();
    assertThat(alert.text()).contains("not attached").doesNotContain("s3cret");
  }

  @Test
  void neverAttachesThroughALinkInTheReportDirectoryPointingOutside() throws IOException {
    Path config = Files.writeString(dir.resolve("config.xlsx"), "[email]\npassword = s3cret\n");
    Path link = Files.createSymbolicLink(reports().resolve("reconciliation_x.xlsx"), config);

    Alert alert = composer().discrepancies(aRun().reportPath(link.toString()).build());

    assertThat(alert.attachment()).isNull();
  }

  @Test
  void neverAttachesAPathClimbingOutOfTheReportDirectory() throws IOException {
    Files.writeString(dir.resolve("config.xlsx"), "x");
    String climbing = reports() + "/../config.xlsx";

    Alert alert = composer().discrepancies(aRun().reportPath(climbing).build());

    assertThat(alert.attachment()).isNull();
  }

  @Test
  void neverAttachesAFileInTheReportDirectoryThatIsNoWorkbook() throws IOException {
    Path other = Files.writeString(reports().resolve("notes.txt"), "x");

    Alert alert = composer().discrepancies(aRun().reportPath(other.toString()).build());

    assertThat(alert.attachment()).isNull();
  }

  @Test
  void failureWithoutARunRecordNamesDateRunErrorAndTask() {
    Alert alert = composer().failure(RUN_ID, DATE, "database is locked", "task-42", null);

    assertThat(alert.subject()).isEqualTo("[Reconciler] FAILED 2026-11-24 reconcile");
    assertThat(alert.kind()).isEqualTo(AlertKind.FAILURE);
    assertThat(alert.messageId()).isEqualTo("<run-2026-11-24-abc123.failure@reconciler>");
    assertThat(alert.attachment()).isNull();
    assertThat(alert.text())
        .contains("2026-11-24", RUN_ID, "database is locked", "task-42")
        .contains("reconciler status task-42")
        .doesNotContain("Run status");
  }

  @Test
  void aGroupFailureNamesTheGroupAndItsFailedTaskAndNoReconciliation() {
    Alert alert =
        composer()
            .groupFailure("run-2026-11-24-g-1", DATE, "g-1", "import file not found", "g-1.2");

    assertThat(alert.subject()).isEqualTo("[Reconciler] FAILED group g-1");
    assertThat(alert.kind()).isEqualTo(AlertKind.FAILURE);
    assertThat(alert.messageId()).isEqualTo("<run-2026-11-24-g-1.failure@reconciler>");
    assertThat(alert.text())
        .contains("Group or chord g-1 failed", "g-1.2", "import file not found", "2026-11-24")
        .contains("reconciler status g-1")
        .doesNotContain("reconciliation of");
  }

  @Test
  void failureWithARunRecordShowsItsStatus() {
    RunRecord run = aRun().status("FAILURE").build();

    Alert alert = composer().failure(RUN_ID, DATE, "boom", null, run);

    assertThat(alert.subject()).isEqualTo("[Reconciler] FAILED 2026-11-24 reconcile");
    assertThat(alert.text()).containsPattern("Run status: +FAILURE").contains("worker logs");
    assertThat(alert.text()).doesNotContain("Task id", "reconciler status");
  }

  /**
   * A task can fail after its run recorded a success (queuing the run's alert or the chain's next
   * date): the alert says the day succeeded and what may not have followed, not that it failed.
   */
  @Test
  void failureAfterTheRunSucceededSaysTheRunSucceeded() {
    RunRecord run = aRun().build();

    Alert alert = composer().failure(RUN_ID, DATE, "database is locked", "task-42", run);

    assertThat(alert.subject())
        .isEqualTo("[Reconciler] FAILED 2026-11-24 reconcile (after its run succeeded)");
    assertThat(alert.text())
        .contains("The reconciliation of 2026-11-24 succeeded, but its task failed after it")
        .containsPattern("Run status: +SUCCESS")
        .doesNotContain("2026-11-24 failed.");
  }

  @Test
  void failureHtmlEscapesAHostileErrorAndIds() {
    Alert alert =
        composer().failure("run-<b>", DATE, "<script>alert(1)</script> & more", "<i>t</i>", null);

    assertThat(alert.html())
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more")
        .contains("run-&lt;b&gt;", "&lt;i&gt;t&lt;/i&gt;")
        .doesNotContain("<script>", "<b>", "<i>", " & more");
    assertThat(alert.text()).contains("<script>alert(1)</script> & more");
  }

  @Test
  void failureOfAMalformedRunRecordShowsWhatItCanAndSaysWhatItCouldNot() {
    RunRecord malformed =
        new RunRecord(
            RUN_ID,
            null,
            null,
            null,
            null,
            java.util.Map.of(),
            java.util.Map.of(),
            null,
            null,
            null,
            List.of("unreadable started_at 'garbage'", "missing status"));

    Alert alert = composer().failure(RUN_ID, DATE, "boom", "task-42", malformed);

    assertThat(alert.text())
        .contains(RUN_ID, "boom", "task-42")
        .contains("could not be read in full: unreadable started_at 'garbage'; missing status");
  }

  @Test
  void failureErrorKeepsItsLinesButNoOtherControlCharacters() {
    Alert alert =
        composer().failure(RUN_ID, DATE, "first\r\nsecond\u0000\u001b[2J", "task-42", null);

    assertThat(alert.text()).contains("first\nsecond[2J").doesNotContain("\r", "\u0000", "\u001b");
  }

  @Test
  void textFromARunRecordReachesNeitherBodyWithControlCharacters() {
    // The run table is written by whoever can write the database: its report path, status and
    // currency codes are as untrusted as a task's error text.
    String hostile = "x\r\nBcc: evil\u001b[2J\u0000\u0007\u2028\u0085y";
    Alert discrepancies =
        composer()
            .discrepancies(
                aRunWith123Discrepancies()
                    .reportPath("/data/reports/" + hostile + ".xlsx")
                    .amount("missing_in_sales", "US" + hostile, "1")
                    .build());
    Alert failure =
        composer().failure(RUN_ID, DATE, "boom", "task-42", aRun().status(hostile).build());

    for (Alert alert : List.of(discrepancies, failure)) {
      for (String body : List.of(alert.text(), alert.html())) {
        assertThat(body)
            .contains("Bcc: evil")
            .doesNotContain("\r", "\u001b", "\u0000", "\u0007", "\u2028", "\u0085");
      }
    }
  }

  @Test
  void alertKindsRoundTripThroughTheirIds() {
    for (AlertKind kind : AlertKind.values()) {
      assertThat(AlertKind.byId(kind.id())).isSameAs(kind);
    }
    assertThat(AlertKind.byId("nope")).isNull();
  }
}
