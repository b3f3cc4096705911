package dev.reconciler.core.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RunStore} does, whatever database holds the runs: each implementation's test
 * extends this and says how to make a store on an empty database and how to reach that database.
 */
abstract class RunStoreContract {
  static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  static final Instant START = Instant.parse("2026-11-25T06:00:00Z");

  RunStore log;

  /** A store on a database of its own, holding no run table yet. */
  abstract RunStore emptyStore() throws Exception;

  /** A connection to that store's database, for rows its own code would never write. */
  abstract Connection connect() throws Exception;

  /**
   * Values of started_at no writer means as a start time, as SQL literals, each of which sorts
   * above ISO text as text or type does in this database.
   */
  abstract List<String> junkStarts();

  @BeforeEach
  void store() throws Exception {
    log = emptyStore();
  }

  void exec(String sql, Object... params) throws Exception {
    try (Connection c = connect();
        PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      st.execute();
    }
  }

  boolean hasRunTable() throws Exception {
    try (Connection c = connect();
        ResultSet rs = c.getMetaData().getTables(null, null, RunTable.NAME, null)) {
      return rs.next();
    }
  }

  static RunRecord aSucceededRun(String runId) {
    return RunRecord.succeeded(
        runId,
        DAY,
        START,
        START.plusSeconds(60),
        Map.of("matched", 10L, "amount_mismatch", 2L),
        Map.of("amount_mismatch", Map.of("USD", new BigDecimal("0.1500"))),
        new BigDecimal("83.3333"),
        "/data/reports/reconciliation_2026-11-24.xlsx");
  }

  static RunRecord aRunStartedAt(String runId, Instant start) {
    return RunRecord.succeeded(
        runId, DAY, start, start.plusSeconds(60), Map.of(), Map.of(), null, null);
  }

  @Test
  void savedRunsReadBackExactly() {
    RunRecord run = aSucceededRun("run-2026-11-24-a");

    log.save(run);

    assertThat(log.find("run-2026-11-24-a")).isEqualTo(run);
    assertThat(log.find("run-2026-11-24-a").problems()).isEmpty();
    assertThat(log.recent(5)).containsExactly(run);
  }

  @Test
  void aRunSavedAgainUnderItsIdReplacesItsRecord() {
    log.save(RunRecord.running("run-a", DAY, START));
    RunRecord done = aSucceededRun("run-a");

    log.save(done);

    assertThat(log.recent(5)).containsExactly(done);
  }

  @Test
  void readingADatabaseWithoutTheRunTableFindsNothingAndCreatesNothing() throws Exception {
    assertThat(log.find("run-2026-11-24-a")).isNull();
    assertThat(log.recent(5)).isEmpty();
    assertThat(hasRunTable()).isFalse();
  }

  @Test
  void aMalformedRowIsReadWithItsBadFieldsMarkedAndTheGoodOnesIntact() throws Exception {
    log.save(aSucceededRun("run-2026-11-24-good"));
    exec(
        "INSERT INTO reconciliation_runs (run_id, business_date, started_at, finished_at, status,"
            + " report_path, error, amounts, match_rate, rejected) VALUES ("
            + "'run-bad', '24/11/2026', 'garbage', 'later', 'FAILURE', NULL, 'boom',"
            + " '{not json', 'high', 7)");

    RunRecord bad = log.find("run-bad");

    assertThat(bad.runId()).isEqualTo("run-bad");
    assertThat(bad.status()).isEqualTo("FAILURE");
    assertThat(bad.error()).isEqualTo("boom");
    assertThat(bad.businessDate()).isNull();
    assertThat(bad.startedAt()).isNull();
    assertThat(bad.finishedAt()).isNull();
    assertThat(bad.matchRatePercent()).isNull();
    assertThat(bad.amounts()).isEmpty();
    assertThat(bad.counts()).containsExactly(Map.entry("rejected", 7L));
    assertThat(bad.problems())
        .containsExactlyInAnyOrder(
            "unreadable business_date '24/11/2026'",
            "unreadable started_at 'garbage'",
            "unreadable finished_at 'later'",
            "unreadable match_rate 'high'",
            "unreadable amounts '{not json'");
    assertThat(log.recent(5))
        .extracting(RunRecord::runId)
        .containsExactly("run-2026-11-24-good", "run-bad");
  }

  @Test
  void hostileTextInARowIsMarkedOnOneLine() throws Exception {
    log.save(aSucceededRun("run-2026-11-24-good"));
    exec(
        "INSERT INTO reconciliation_runs (run_id, business_date, started_at, status, amounts)"
            + " VALUES ('run-x', '2026-11-24', ?, 'SUCCESS', ?)",
        "x\r\nFORGED",
        "{\"amount_mismatch\": {\"USD\": null}, \"x\": 5}");

    RunRecord run = log.find("run-x");

    assertThat(run.businessDate()).isEqualTo(DAY);
    assertThat(run.problems()).contains("unreadable started_at 'x\\r\\nFORGED'");
    assertThat(run.problems()).allSatisfy(p -> assertThat(p).doesNotContain("\r", "\n"));
    assertThat(run.amounts()).isEmpty();
  }

  @Test
  void rowsWhoseStartIsNotATimestampNeverPushTheLatestRealRunsOutOfView() throws Exception {
    for (int day = 1; day <= 6; day++) {
      log.save(aRunStartedAt("run-" + day, START.plusSeconds(86_400L * day)));
    }
    // Written after the real runs, and each sorts above any ISO text as text or type does.
    List<String> junk = new ArrayList<>(junkStarts());
    junk.addAll(List.of("'yesterday'", "'now'", "''", "'2026-11-30'", "'9999-99-99T99:99:99Z'"));
    junk.add("'2026-02-31T06:00:00Z'");
    for (int i = 0; i < junk.size(); i++) {
      exec(
          "INSERT INTO reconciliation_runs (run_id, business_date, started_at, status) VALUES"
              + " ('junk-"
              + i
              + "', '2026-11-24', "
              + junk.get(i)
              + ", 'SUCCESS')");
    }

    assertThat(log.recent(5))
        .extracting(RunRecord::runId)
        .containsExactly("run-6", "run-5", "run-4", "run-3", "run-2");
    List<RunRecord> all = log.recent(100);
    assertThat(all).hasSize(6 + junk.size());
    assertThat(all.subList(0, 6))
        .extracting(RunRecord::runId)
        .containsExactly("run-6", "run-5", "run-4", "run-3", "run-2", "run-1");
    assertThat(all.subList(6, all.size()))
        .allSatisfy(row -> assertThat(row.runId()).startsWith("junk-"));
  }

  @Test
  void realRunsAreOrderedByTheirInstantNotByTheirText() throws Exception {
    log.save(aRunStartedAt("whole-second", START));
    log.save(aRunStartedAt("half-a-second-later", START.plusMillis(500)));
    // 05:30 UTC, half an hour before START, written by another system with its offset.
    exec(
        "INSERT INTO reconciliation_runs (run_id, business_date, started_at, status) VALUES"
            + " ('with-offset', '2026-11-24', '2026-11-25T07:30:00+02:00', 'SUCCESS')");

    assertThat(log.recent(5))
        .extracting(RunRecord::runId)
        .containsExactly("half-a-second-later", "whole-second", "with-offset");
  }

  @Test
  void aRecordWithEveryCountReadsBackEveryCount() {
    Map<String, Long> counts = new LinkedHashMap<>();
    long n = 1;
    for (String key : RunCounts.KEYS) {
      counts.put(key, n++ * 1_000_000_007L);
    }
    RunRecord run =
        RunRecord.succeeded(
            "run-all", DAY, START, START.plusSeconds(1), counts, Map.of(), null, "/r.xlsx");

    log.save(run);

    assertThat(log.find("run-all").counts()).isEqualTo(counts);
  }
}
