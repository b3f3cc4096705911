package dev.reconciler.core.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.match.DiscrepancyKind;
import dev.reconciler.core.store.SqliteFiles;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Databases whose run table a version before Flyway made, migrated in place by the first write
 * through Flyway (V1, {@link EarlierSqliteLayouts}).
 */
class RunTableMigrationTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
  private static final Instant START = Instant.parse("2026-11-25T06:00:00Z");

  /** The count columns of layout 1, the only list of them this version no longer has in code. */
  private static final List<String> V1_COUNTS =
      List.of(
          "sales_rows",
          "processor_rows",
          "matched",
          "missing_in_processor",
          "missing_in_sales",
          "amount_mismatch",
          "failed_payment",
          "currency_mismatch",
          "duplicate_id",
          "rejected",
          "exact_duplicates");

  /** The count columns of layout 2, before the ledger's: every kind, settlement kinds included. */
  private static final List<String> V2_COUNTS =
      List.of(
          "sales_rows",
          "processor_rows",
          "matched",
          "missing_in_processor",
          "missing_in_sales",
          "amount_mismatch",
          "failed_payment",
          "currency_mismatch",
          "duplicate_id",
          "refund",
          "chargeback",
          "fee",
          "payout",
          "rejected",
          "exact_duplicates");

  @TempDir Path dir;

  /** The run table as layout 2 created it, recorded as version 2, with one finished run. */
  private Path v2Database(String name) throws Exception {
    Path db = dir.resolve(name);
    StringBuilder ddl =
        new StringBuilder(
            "CREATE TABLE reconciliation_runs (run_id TEXT PRIMARY KEY, business_date TEXT NOT NULL,"
                + " started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL, report_path TEXT,"
                + " error TEXT, amounts TEXT, match_rate TEXT");
    V2_COUNTS.forEach(c -> ddl.append(", ").append(c).append(" INTEGER"));
    SqliteFiles.exec(
        db,
        ddl.append(")").toString(),
        "CREATE TABLE reconciler_schema (object TEXT PRIMARY KEY, version INTEGER NOT NULL)",
        "INSERT INTO reconciler_schema VALUES ('reconciliation_runs', 2)",
        "INSERT INTO reconciliation_runs (run_id, business_date, started_at, finished_at, status,"
            + " report_path, amounts, match_rate, matched, missing_in_processor, payout) VALUES"
            + " ('run-v2', '2026-11-23', '2026-11-24T06:00:00Z', '2026-11-24T06:01:00Z',"
            + " 'SUCCESS', '/r/v2.xlsx', '{}', '98.0', 50, 3, 1)");
    return db;
  }

  /** The run table exactly as the first version's RunLog created it, without some counts. */
  private Path v1Database(String name, List<String> countsLeftOut) throws Exception {
    Path db = dir.resolve(name);
    StringBuilder ddl =
        new StringBuilder(
            "CREATE TABLE IF NOT EXISTS reconciliation_runs (run_id TEXT PRIMARY KEY, "
                + "business_date TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL, "
                + "report_path TEXT, error TEXT, amounts TEXT, match_rate TEXT");
    V1_COUNTS.stream()
        .filter(c -> !countsLeftOut.contains(c))
        .forEach(c -> ddl.append(", ").append(c).append(" INTEGER"));
    SqliteFiles.exec(
        db,
        "CREATE TABLE sales (transaction_id TEXT)",
        ddl.append(")").toString(),
        "INSERT INTO reconciliation_runs (run_id, business_date, started_at, finished_at, status,"
            + " report_path, error, amounts, match_rate, matched, rejected) VALUES"
            + " ('run-old-ok', '2026-11-23', '2026-11-24T06:00:00Z', '2026-11-24T06:01:00Z',"
            + " 'SUCCESS', '/r/old.xlsx', NULL, '{\"amount_mismatch\":{\"USD\":0.15}}', '99.5', 40, 2),"
            + " ('run-old-failed', '2026-11-22', '2026-11-23T06:00:00Z', '2026-11-23T06:00:09Z',"
            + " 'FAILURE', NULL, 'boom', '{}', NULL, NULL, NULL)");
    return db;
  }

  private static Set<String> columns(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      return RunTable.columns(c);
    }
  }

  /** A finished run with a distinct count for every key this version knows. */
  private static RunRecord aRunCountingEverything(String runId) {
    Map<String, Long> counts = new LinkedHashMap<>();
    long n = 1;
    for (String key : RunCounts.KEYS) {
      counts.put(key, n++);
    }
    return RunRecord.succeeded(
        runId,
        DAY,
        START,
        START.plusSeconds(30),
        counts,
        Map.of("duplicate_id", Map.of("EUR", new BigDecimal("12.50"))),
        new BigDecimal("97.0"),
        "/r/new.xlsx");
  }

  @Test
  void aDatabaseOfTheFirstLayoutIsReadThenMigratedByTheFirstWriteKeepingItsRows() throws Exception {
    Path db = v1Database("v1.db", List.of());
    SqliteRunStore store = SqliteRunStore.inDatabase(db, 1000);
    RunRecord oldOk = store.find("run-old-ok");
    assertThat(oldOk.counts())
        .containsExactly(Map.entry("matched", 40L), Map.entry("rejected", 2L));
    assertThat(oldOk.amounts())
        .containsEntry("amount_mismatch", Map.of("USD", new BigDecimal("0.15")));
    List<RunRecord> before = store.recent(10);

    RunRecord fresh = aRunCountingEverything("run-new");
    store.save(fresh);

    assertThat(columns(db)).containsAll(RunTable.COLUMNS);
    assertThat(SqliteHistory.applied(db)).containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
    assertThat(store.find("run-new")).isEqualTo(fresh);
    assertThat(store.find("run-new").counts()).containsOnlyKeys(RunCounts.KEYS);
    assertThat(store.recent(10))
        .extracting(RunRecord::runId)
        .containsExactly("run-new", "run-old-ok", "run-old-failed");
    assertThat(store.recent(10).subList(1, 3)).isEqualTo(before);
  }

  @Test
  void aTableOfTheSecondLayoutGetsTheLedgerColumnsKeepingItsRuns() throws Exception {
    Path db = v2Database("v2.db");
    assertThat(columns(db)).doesNotContainAnyElementsOf(RunCounts.LEDGER_KEYS);
    RunRecord old = SqliteRunStore.inDatabase(db, 1000).find("run-v2");

    RunRecord fresh = aRunCountingEverything("run-new");
    SqliteRunStore.inDatabase(db, 1000).save(fresh);

    assertThat(SqliteHistory.applied(db)).containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
    assertThat(columns(db))
        .containsAll(RunCounts.LEDGER_KEYS)
        .containsAll(V2_COUNTS)
        .contains(RunCounts.REJECTED_IN_FILES)
        .hasSize(RunTable.COLUMNS.size());
    SqliteRunStore store = SqliteRunStore.inDatabase(db, 1000);
    assertThat(store.find("run-new")).isEqualTo(fresh);
    assertThat(store.find("run-new").counts()).containsKeys("open_items", "oldest_open_days");
    assertThat(store.find("run-v2")).isEqualTo(old);
    assertThat(old.counts())
        .containsExactly(
            Map.entry("matched", 50L),
            Map.entry("missing_in_processor", 3L),
            Map.entry("payout", 1L));
  }

  @Test
  void aTableLackingKindColumnsGetsThemAndTheirCountsAreKept() throws Exception {
    List<String> leftOut = List.of("currency_mismatch", "duplicate_id", "exact_duplicates");
    Path db = v1Database("older.db", leftOut);
    assertThat(columns(db)).doesNotContainAnyElementsOf(leftOut);

    SqliteRunStore.inDatabase(db, 1000).save(aRunCountingEverything("run-new"));

    assertThat(columns(db)).containsAll(leftOut);
    Map<String, Long> counts = SqliteRunStore.inDatabase(db, 1000).find("run-new").counts();
    assertThat(counts).containsAllEntriesOf(aRunCountingEverything("x").counts());
    assertThat(SqliteRunStore.inDatabase(db, 1000).find("run-old-ok").counts())
        .containsOnlyKeys("matched", "rejected");
  }

  @Test
  void aReadOnlyDatabaseOfTheFirstLayoutIsStillReadAndNotTouched() throws Exception {
    Path db = SqliteFiles.readOnly(v1Database("ro.db", List.of("duplicate_id")));
    Set<String> layout = columns(db);
    SqliteRunStore store = SqliteRunStore.inDatabase(db, 1000);

    assertThat(store.recent(5))
        .extracting(RunRecord::runId)
        .containsExactly("run-old-ok", "run-old-failed");
    assertThat(store.find("run-old-failed").error()).isEqualTo("boom");
    assertThat(store.find("run-old-ok").problems()).isEmpty();
    assertThatThrownBy(() -> store.save(aRunCountingEverything("run-new")))
        .hasMessageContaining("is read-only");
    assertThat(columns(db)).isEqualTo(layout);
  }

  @Test
  void migratingTwiceChangesNothingTheSecondTime() throws Exception {
    Path db = v1Database("twice.db", List.of("duplicate_id"));
    SqliteRunStore store = SqliteRunStore.inDatabase(db, 1000);
    store.save(aRunCountingEverything("run-a"));
    Set<String> once = columns(db);

    store.save(aRunCountingEverything("run-b"));
    store.save(aRunCountingEverything("run-a"));

    assertThat(columns(db)).isEqualTo(once);
    assertThat(SqliteHistory.applied(db)).containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
    assertThat(store.recent(10)).hasSize(4);
  }

  @Test
  void processesMigratingTheSameTableAtOnceAllRecordTheirRuns() throws Exception {
    Path db = v1Database("race.db", List.of("amount_mismatch", "duplicate_id", "exact_duplicates"));
    int writers = 6;
    // A store and a connection per writer, as separate worker processes have. Each waits for the
    // others' migration and record in turn: on a loaded machine 10 s was once not enough for the
    // last of six (a test of what they do, not of how fast).
    AtOnce.run(
        writers,
        i -> SqliteRunStore.inDatabase(db, 60_000).save(aRunCountingEverything("run-" + i)));

    assertThat(columns(db)).containsAll(RunTable.COLUMNS);
    assertThat(SqliteRunStore.inDatabase(db, 1000).recent(20)).hasSize(writers + 2);
    assertThat(SqliteHistory.applied(db)).containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
  }

  @Test
  void aTableANewerVersionMigratedFurtherKeepsItsColumnsAndVersion() throws Exception {
    Path db = v1Database("newer.db", List.of());
    SqliteRunStore.inDatabase(db, 1000).save(aRunCountingEverything("run-old"));
    SqliteFiles.exec(
        db,
        "ALTER TABLE reconciliation_runs ADD COLUMN some_later_kind INTEGER",
        "INSERT INTO reconciler_schema_history (installed_rank, version, description, type,"
            + " script, installed_by, execution_time, success)"
            + " VALUES (100, '9', 'later', 'SQL', 'V9__later.sql', 'newer', 0, 1)",
        "UPDATE reconciliation_runs SET some_later_kind = 5");

    assertThat(SqliteSchema.current(db, 1000)).as("current as it is: Flyway not started").isTrue();
    SqliteRunStore.inDatabase(db, 1000).save(aRunCountingEverything("run-new"));

    assertThat(columns(db)).contains("some_later_kind");
    assertThat(SqliteHistory.applied(db))
        .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "9");
    assertThat(SqliteRunStore.inDatabase(db, 1000).find("run-new").problems()).isEmpty();
  }

  @Test
  void everyKindIsACountAndEveryColumnNameIsAPlainDistinctIdentifier() {
    for (DiscrepancyKind kind : DiscrepancyKind.values()) {
      assertThat(RunCounts.KEYS).contains(kind.id());
    }
    Pattern identifier = Pattern.compile("[a-z][a-z0-9_]*");
    assertThat(RunTable.COLUMNS).allSatisfy(c -> assertThat(c).matches(identifier));
    assertThat(new HashSet<>(RunTable.COLUMNS)).hasSameSizeAs(RunTable.COLUMNS);
    assertThat(RunCounts.KEYS).containsAll(V1_COUNTS);
  }
}
