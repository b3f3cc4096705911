package dev.reconciler.core.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.store.SqliteFiles;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run table on real SQLite files: written by runs, read by alerts and inspect. */
class SqliteRunStoreTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  private static final Instant START = Instant.parse("2026-11-25T06:00:00Z");

  @TempDir Path dir;

  private Path emptyDatabase(Path file) throws Exception {
    exec(file, "CREATE TABLE sales (transaction_id TEXT)");
    return file;
  }

  private static void exec(Path db, String... sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  private static boolean hasRunTable(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'reconciliation_runs'")) {
      return rs.next();
    }
  }

  private static RunRecord aSucceededRun(String runId) {
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

  @Test
  void savedRunsReadBackExactly() throws Exception {
    SqliteRunStore log = SqliteRunStore.inDatabase(emptyDatabase(dir.resolve("in.db")), 1000);
    RunRecord run = aSucceededRun("run-2026-11-24-a");

    log.save(run);

    assertThat(log.find("run-2026-11-24-a")).isEqualTo(run);
    assertThat(log.find("run-2026-11-24-a").problems()).isEmpty();
    assertThat(log.recent(5)).containsExactly(run);
  }

  @Test
  void readingADatabaseWithoutTheRunTableFindsNothingAndCreatesNothing() throws Exception {
    Path db = emptyDatabase(dir.resolve("in.db"));
    SqliteRunStore log = SqliteRunStore.inDatabase(db, 1000);

    assertThat(log.find("run-2026-11-24-a")).isNull();
    assertThat(log.recent(5)).isEmpty();
    assertThat(hasRunTable(db)).isFalse();
  }

  @Test
  void readsFromAReadOnlyDatabaseThatHasNoRunTable() throws Exception {
    Path db = SqliteFiles.readOnly(emptyDatabase(dir.resolve("in.db")));

    assertThat(SqliteRunStore.inDatabase(db, 1000).find("run-2026-11-24-a")).isNull();
    assertThat(SqliteRunStore.inDatabase(db, 1000).recent(5)).isEmpty();
  }

  @Test
  void readsARecordFromAReadOnlyDatabase() throws Exception {
    Path db = emptyDatabase(dir.resolve("in.db"));
    SqliteRunStore.inDatabase(db, 1000).save(aSucceededRun("run-2026-11-24-a"));
    SqliteFiles.readOnly(db);

    assertThat(SqliteRunStore.inDatabase(db, 1000).find("run-2026-11-24-a").status())
        .isEqualTo("SUCCESS");
  }

  @Test
  void readsWhileAnotherConnectionHoldsTheWriteLock() throws Exception {
    Path db = emptyDatabase(dir.resolve("in.db"));
    try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = writer.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
      long start = System.nanoTime();

      assertThat(SqliteRunStore.inDatabase(db, 5_000).find("run-2026-11-24-a")).isNull();

      assertThat(System.nanoTime() - start).as("no wait for the lock").isLessThan(4_000_000_000L);
      st.execute("ROLLBACK");
    }
  }

  @Test
  void aFileThatIsNotSqliteIsAnErrorNamingItNotAnEmptyLog() throws Exception {
    Path notSqlite = Files.writeString(dir.resolve("in.db"), "id,amount\n1,2\n".repeat(100));

    assertThatThrownBy(() -> SqliteRunStore.inDatabase(notSqlite, 1000).find("run-2026-11-24-a"))
        .hasMessageContaining("is not a SQLite database")
        .hasMessageContaining(notSqlite.toString());
    assertThat(Files.readString(notSqlite)).startsWith("id,amount");
  }

  @Test
  void aMalformedRowIsReadWithItsBadFieldsMarkedAndTheGoodOnesIntact() throws Exception {
    Path db = emptyDatabase(dir.resolve("in.db"));
    SqliteRunStore log = SqliteRunStore.inDatabase(db, 1000);
    log.save(aSucceededRun("run-2026-11-24-good"));
    exec(
        db,
        "INSERT INTO reconciliation_runs (run_id, business_date, started_at, finished_at, status,"
            + " report_path, error, amounts, match_rate, matched, rejected) VALUES ("
            + "'run-bad', '24/11/2026', 'garbage', 'later', 'FAILURE', NULL, 'boom',"
            + " '{not json', 'high', 'many', 7)");

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
            "unreadable amounts '{not json'",
            "unreadable matched 'many'");
    assertThat(log.recent(5))
        .extracting(RunRecord::runId)
        .containsExactlyInAnyOrder("run-bad", "run-2026-11-24-good");
  }

  @Test
  void hostileTextInARowIsMarkedOnOneLine() throws Exception {
    Path db = emptyDatabase(dir.resolve("in.db"));
    SqliteRunStore.inDatabase(db, 1000).save(aSucceededRun("run-2026-11-24-good"));
    exec(
        db,
        "INSERT INTO reconciliation_runs (run_id, business_date, started_at, status, amounts)"
            + " VALUES ('run-x', '2026-11-24', 'x' || char(13, 10) || 'FORGED', 'SUCCESS',"
            + " '{\"amount_mismatch\": {\"USD\": null}, \"x\": 5}')");

    RunRecord run = SqliteRunStore.inDatabase(db, 1000).find("run-x");

    assertThat(run.businessDate()).isEqualTo(DAY);
    assertThat(run.problems()).contains("unreadable started_at 'x\\r\\nFORGED'");
    assertThat(run.problems()).allSatisfy(p -> assertThat(p).doesNotContain("\r", "\n"));
    assertThat(run.amounts()).isEmpty();
  }

  private static RunRecord aRunStartedAt(String runId, Instant start) {
    return RunRecord.succeeded(
        runId, DAY, start, start.plusSeconds(60), Map.of(), Map.of(), null, null);
  }

  @Test
  void rowsWhoseStartIsNotATimestampNeverPushTheLatestRealRunsOutOfView() throws Exception {
    Path db = emptyDatabase(dir.resolve("in.db"));
    SqliteRunStore log = SqliteRunStore.inDatabase(db, 1000);
    for (int day = 1; day <= 6; day++) {
      log.save(aRunStartedAt("run-" + day, START.plusSeconds(86_400L * day)));
    }
    // Written after the real runs, and each sorts above any ISO text as text or type does.
    exec(
        db,
        "INSERT INTO reconciliation_runs (run_id, business_date, started_at, status) VALUES"
            + " ('junk-word', '2026-11-24', 'yesterday', 'SUCCESS'),"
            + " ('junk-blob', '2026-11-24', x'ff00ff', 'SUCCESS'),"
            + " ('junk-now', '2026-11-24', 'now', 'SUCCESS'),"
            + " ('junk-number', '2026-11-24', 2460000, 'SUCCESS'),"
            + " ('junk-empty', '2026-11-24', '', 'SUCCESS'),"
            + " ('junk-date', '2026-11-24', '2026-11-30', 'SUCCESS'),"
            + " ('junk-shape', '2026-11-24', '9999-99-99T99:99:99Z', 'SUCCESS')");

    assertThat(log.recent(5))
        .extracting(RunRecord::runId)
        .containsExactly("run-6", "run-5", "run-4", "run-3", "run-2");
    List<RunRecord> all = log.recent(100);
    assertThat(all).hasSize(13);
    assertThat(all.subList(0, 6))
        .extracting(RunRecord::runId)
        .containsExactly("run-6", "run-5", "run-4", "run-3", "run-2", "run-1");
    assertThat(all.subList(6, 13)).allSatisfy(junk -> assertThat(junk.runId()).startsWith("junk-"));
  }

  @Test
  void realRunsAreOrderedByTheirInstantNotByTheirText() throws Exception {
    Path db = emptyDatabase(dir.resolve("in.db"));
    SqliteRunStore log = SqliteRunStore.inDatabase(db, 1000);
    log.save(aRunStartedAt("whole-second", START));
    log.save(aRunStartedAt("half-a-second-later", START.plusMillis(500)));
    // 05:30 UTC, half an hour before START, written by another system with its offset.
    exec(
        db,
        "INSERT INTO reconciliation_runs (run_id, business_date, started_at, status) VALUES"
            + " ('with-offset', '2026-11-24', '2026-11-25T07:30:00+02:00', 'SUCCESS')");

    assertThat(log.recent(5))
        .extracting(RunRecord::runId)
        .containsExactly("half-a-second-later", "whole-second", "with-offset");
  }

  @Test
  void aRowWithNullsWhereTheTableRequiresValuesIsStillRead() throws Exception {
    Path db = dir.resolve("other.db");
    // A table someone else created, without our NOT NULL constraints.
    exec(
        db,
        "CREATE TABLE reconciliation_runs (run_id TEXT, business_date TEXT, started_at TEXT,"
            + " finished_at TEXT, status TEXT, report_path TEXT, error TEXT, amounts TEXT,"
            + " match_rate TEXT, matched INTEGER)",
        "INSERT INTO reconciliation_runs (run_id) VALUES (NULL)",
        "INSERT INTO reconciliation_runs (run_id, matched) VALUES ('r', 3.5)");

    List<RunRecord> runs = SqliteRunStore.inDatabase(db, 1000).recent(5);

    assertThat(runs).hasSize(2);
    assertThat(runs)
        .filteredOn(r -> "r".equals(r.runId()))
        .singleElement()
        .satisfies(r -> assertThat(r.problems()).contains("unreadable matched '3.5'"));
  }
}
