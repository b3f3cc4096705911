package dev.reconciler.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reconciler.core.alert.AlertKind;
import dev.reconciler.core.config.SameDaySettings;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.reconcile.ReconcileRequest;
import dev.reconciler.core.reconcile.ReconcileService;
import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.reconcile.RunOutcome;
import dev.reconciler.core.reconcile.SameWorkbook;
import dev.reconciler.core.runs.RunCounts;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.runs.SqliteSchema;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.store.InputSchema;
import dev.reconciler.core.store.SqlitePartIndex;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.core.task.ReconcileMergeArgs;
import dev.reconciler.core.task.ReconcilePartArgs;
import dev.reconciler.worker.jobs.RunOrder;
import dev.reconciler.worker.mail.AlertSenders;
import dev.reconciler.worker.queue.GroupView;
import dev.reconciler.worker.queue.QueueInspector;
import dev.reconciler.worker.task.TaskEnvelope;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A sharded reconcile ([reconciliation] shards = 3) on an in-process worker with a real Redis, on
 * SQLite and on PostgreSQL: the reconcile task sends a chord of part tasks and a merge, which
 * records the run that a whole-day run in one process records (counts and workbook), with one alert
 * and its parts deleted; a part that fails is retried and the merge still runs once; a part that
 * fails for good fails the chord with one failure alert naming the run.
 */
class ShardedReconcileFlowIT {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();
  private static final Duration LONG = Duration.ofSeconds(90);
  private static final int SHARDS = 3;

  @TempDir Path dir;
  private WorkerHarness harness;

  @AfterEach
  void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  private WorkerHarness harness(Map<String, String> overrides) throws SQLException {
    return harness(FlowDatabase.SQLITE, overrides);
  }

  private WorkerHarness harness(FlowDatabase database, Map<String, String> overrides)
      throws SQLException {
    Map<String, String> env = new HashMap<>(overrides);
    env.put("RECONCILER_RECONCILIATION_SHARDS", Integer.toString(SHARDS));
    return new WorkerHarness(dir, database.env(pg, env));
  }

  private TaskEnvelope reconcile(String database) {
    TaskEnvelope task =
        TaskEnvelope.create(
            ReconcileArgs.TASK,
            new ReconcileArgs(WorkerHarness.DAY, database, null).toList(),
            System.currentTimeMillis());
    harness.client.send(task, null, null);
    return task;
  }

  /** The chord the reconcile task names in its result. */
  private String chordOf(Map<String, String> reconcile) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("sent as chord ([0-9a-f-]{36})")
            .matcher(reconcile.get("result"));
    assertThat(m.find()).as(reconcile.get("result")).isTrue();
    return m.group(1);
  }

  private GroupView awaitGroup(String id, String state) {
    QueueInspector inspector = new QueueInspector(harness.queue);
    await()
        .atMost(LONG)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> state.equals(inspector.group(id).state()));
    return inspector.group(id);
  }

  private long storedParts() throws Exception {
    try (Connection c = connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM run_parts")) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }

  /** Stores {@code bytes} as part {@code index} of {@code runId}. */
  private void storePart(String runId, int index, byte[] bytes) throws Exception {
    try (Connection c = connect();
        PreparedStatement st =
            c.prepareStatement(
                "INSERT INTO run_parts (run_id, shard_index, shard_count, created_at, bytes)"
                    + " VALUES (?, ?, ?, '2026-11-30T00:00:00Z', ?)")) {
      st.setString(1, runId);
      st.setInt(2, index);
      st.setInt(3, SHARDS);
      st.setBytes(4, bytes);
      st.executeUpdate();
    }
  }

  /** The merge task of the chord a reconcile task {@code reconcileTask} fanned out to. */
  private TaskEnvelope merge(String reconcileTask) {
    String runId = RunIds.forTask(WorkerHarness.DAY, reconcileTask);
    String group = GroupView.fannedOutAs(reconcileTask);
    List<Object> args =
        new ArrayList<>(
            new ReconcileMergeArgs(
                    runId, SHARDS, new ReconcileArgs(WorkerHarness.DAY, null, null), null)
                .toList());
    args.add(group);
    return new TaskEnvelope(
        GroupView.callbackId(group),
        ReconcileMergeArgs.TASK,
        args,
        0,
        System.currentTimeMillis(),
        group);
  }

  /** Where the harness keeps its runs and parts. */
  private Connection connect() throws SQLException {
    Settings.Database database = harness.settings.database();
    return database.postgres()
        ? DriverManager.getConnection(database.postgresUrl(), database.user(), database.password())
        : DriverManager.getConnection("jdbc:sqlite:" + harness.settings.paths().database());
  }

  private List<Path> outbox() throws Exception {
    try (var files = Files.list(harness.settings.paths().outboxDir())) {
      return files.toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(FlowDatabase.class)
  void aShardedReconcileRecordsTheRunAWholeDayRunRecordsWithOneAlertAndNoPartsLeft(
      FlowDatabase database) throws Exception {
    harness = harness(database, Map.of());
    harness.generate(3000);
    Path wholeDb = dir.resolve("whole.db");
    Map<String, String> whole = database.copy(pg, harness, wholeDb);
    harness.startWorker();

    TaskEnvelope task = reconcile(null);
    String group = chordOf(harness.awaitState(task.taskId(), "SUCCESS", LONG));
    GroupView chord = awaitGroup(group, "SUCCESS");
    String runId = RunIds.forTask(WorkerHarness.DAY, task.taskId());
    Path alert = AlertSenders.outboxFile(harness.settings, runId, AlertKind.DISCREPANCIES);
    await().atMost(LONG).until(() -> Files.isRegularFile(alert));

    assertThat(chord.kind()).isEqualTo(GroupView.CHORD);
    assertThat(chord.members())
        .extracting(GroupView.Member::result)
        .allSatisfy(r -> assertThat(r).contains("of run " + runId));
    assertThat(chord.summary()).isEqualTo("chord SUCCESS: 3 of 3 done, callback SUCCESS");
    assertThat(chord.callback().result()).startsWith("run " + runId + " from 3 parts: ");
    RunRecord run = harness.runs().find(runId);
    assertThat(run.status()).isEqualTo("SUCCESS");

    // The same day in one process, unsharded, under the same run id (the Summary names it), with
    // the harness's settlement window.
    RunOutcome wholeRun =
        new ReconcileService(SameDaySettings.load(whole), Clock.systemUTC(), Progress.NONE)
            .run(new ReconcileRequest(WorkerHarness.DAY, runId, wholeDb, dir.resolve("whole")));
    assertThat(run.counts()).isEqualTo(RunCounts.of(wholeRun.result()));
    SameWorkbook.assertSame("sharded on workers", wholeRun.report(), Path.of(run.reportPath()));

    assertThat(storedParts()).isZero();
    assertThat(outbox()).containsExactly(alert);
    database.assertKeptEverything(harness);
    if (database == FlowDatabase.SQLITE) {
      // The fan-out indexed the input for reading in parts (runs are recorded there), so the
      // parts above read their rows through the indexes.
      assertThat(partIndexes(harness.settings.paths().database()))
          .containsExactly("processor_transactions_part_of_" + SHARDS, "sales_part_of_" + SHARDS);
    }

    // A redelivery of the reconcile task finds its chord sent: nothing runs twice.
    harness.client.send(task, null, null);
    await()
        .atMost(LONG)
        .until(() -> "2".equals(harness.queue.state(task.taskId()).get("deliveries")));
    Map<String, String> again = harness.awaitState(task.taskId(), "SUCCESS", LONG);
    assertThat(again.get("result")).contains("(sent by an earlier delivery)");
    assertThat(chordOf(again)).isEqualTo(group);
    assertThat(harness.queue.state(GroupView.callbackId(group))).containsEntry("deliveries", "1");
    assertThat(harness.queue.state(GroupView.memberId(group, 0))).containsEntry("deliveries", "1");

    // A merge delivered again after it recorded the run (its worker died before its SUCCESS, and
    // before it deleted every part) does not run again: it finds the run recorded, deletes what
    // was left, and ends SUCCESS.
    storePart(runId, 0, new byte[] {1, 2, 3});
    String merge = GroupView.callbackId(group);
    harness.client.send(merge(task.taskId()), null, null);
    await().atMost(LONG).until(() -> "2".equals(harness.queue.state(merge).get("deliveries")));
    assertThat(harness.awaitState(merge, "SUCCESS", LONG).get("result"))
        .startsWith("run " + runId + ": recorded by an earlier delivery, report ");
    RunRecord after = harness.runs().find(runId);
    assertThat(after).isEqualTo(run);
    assertThat(storedParts()).isZero();
    assertThat(awaitGroup(group, "SUCCESS").done()).isEqualTo(SHARDS);
  }

  private static List<String> partIndexes(Path db) {
    return SqlitePartIndex.in(
        db, new InputSchema("sales", "processor_transactions", "transaction_id"), 1000);
  }

  /**
   * Parts this code cannot read (an older version's layout, met in a rolling upgrade) failed every
   * retry of the merge alike: it reads the day itself instead, and records the run as a whole-day
   * run does.
   */
  @Test
  void aMergeWhosePartsCannotBeReadReadsTheDayItself() throws Exception {
    harness = harness(Map.of());
    harness.generate(1000);
    harness.startWorker();
    String reconcileTask = UUID.randomUUID().toString();
    String runId = RunIds.forTask(WorkerHarness.DAY, reconcileTask);
    ByteArrayOutputStream olderLayout = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(olderLayout)) {
      gzip.write("{\"version\":1,\"part\":null}".getBytes(StandardCharsets.UTF_8));
    }
    SqliteSchema.migrate(harness.settings.paths().database(), 1000); // the parts' table
    for (int i = 0; i < SHARDS; i++) {
      storePart(runId, i, olderLayout.toByteArray());
    }

    TaskEnvelope merge = merge(reconcileTask);
    harness.client.send(merge, null, null);

    assertThat(harness.awaitState(merge.taskId(), "SUCCESS", LONG))
        .containsEntry("attempt", "0")
        .extractingByKey("result")
        .asString()
        .startsWith("run " + runId + " from the day, its parts unreadable (")
        .contains("(layout 1)");
    RunRecord run = harness.runs().find(runId);
    assertThat(run.status()).isEqualTo("SUCCESS");
    RunOutcome whole =
        new ReconcileService(harness.settings, Clock.systemUTC(), Progress.NONE)
            .run(
                new ReconcileRequest(
                    WorkerHarness.DAY,
                    "whole",
                    harness.settings.paths().database(),
                    dir.resolve("whole")));
    assertThat(run.counts()).isEqualTo(RunCounts.of(whole.result()));
    assertThat(storedParts()).isZero();
  }

  /**
   * SQLite only: the failure is a SQLite file held locked past the busy timeout; a PostgreSQL
   * reader waits on a lock instead of failing.
   */
  @Test
  void aPartThatFailsIsRetriedAndTheMergeStillRunsOnce() throws Exception {
    // A short busy timeout: a part that finds the database locked fails at once, and is retried.
    harness =
        harness(
            Map.of(
                "RECONCILER_DATABASE_BUSY_TIMEOUT_MS", "100",
                "RECONCILER_TASKS_RECONCILE_PART_MAX_RETRIES", "20",
                "RECONCILER_TASKS_RECONCILE_PART_BACKOFF_BASE_SECONDS", "1",
                "RECONCILER_TASKS_RECONCILE_PART_BACKOFF_MAX_SECONDS", "1"));
    harness.generate(1000);
    harness.startWorker();
    TaskEnvelope task;
    String group;
    try (Connection lock =
            DriverManager.getConnection("jdbc:sqlite:" + harness.settings.paths().database());
        Statement st = lock.createStatement()) {
      st.execute("BEGIN EXCLUSIVE");
      task = reconcile(null);
      group = chordOf(harness.awaitState(task.taskId(), "SUCCESS", LONG));
      harness.awaitState(GroupView.memberId(group, 0), "RETRY", LONG);
      st.execute("ROLLBACK");
    }
    GroupView chord = awaitGroup(group, "SUCCESS");

    assertThat(Integer.parseInt(harness.queue.state(GroupView.memberId(group, 0)).get("attempt")))
        .isPositive();
    assertThat(chord.done()).isEqualTo(SHARDS);
    assertThat(harness.queue.state(GroupView.callbackId(group)))
        .containsEntry("state", "SUCCESS")
        .containsEntry("deliveries", "1");
    String runId = RunIds.forTask(WorkerHarness.DAY, task.taskId());
    List<RunRecord> runs = harness.runs().recent(10);
    assertThat(runs).extracting(RunRecord::runId).containsExactly(runId);
    assertThat(runs.get(0).status()).isEqualTo("SUCCESS");
    assertThat(storedParts()).isZero();
  }

  /** SQLite only: the refusal is a named input file that is missing. */
  @Test
  void aPartThatFailsForGoodFailsTheChordWithOneAlertNamingTheRun() throws Exception {
    harness = harness(Map.of());
    harness.startWorker();
    // No such database: every part fails for good (a refusal is not retried); so does the chord.
    TaskEnvelope task = reconcile(dir.resolve("missing.db").toString());
    String group = chordOf(harness.awaitState(task.taskId(), "SUCCESS", LONG));
    GroupView chord = awaitGroup(group, "FAILURE");
    String runId = RunIds.forTask(WorkerHarness.DAY, task.taskId());
    Path alert = AlertSenders.outboxFile(harness.settings, runId, AlertKind.FAILURE);
    await().atMost(LONG).until(() -> Files.isRegularFile(alert));
    for (int i = 0; i < SHARDS; i++) {
      harness.awaitState(GroupView.memberId(group, i), "FAILURE", LONG);
    }

    assertThat(chord.fields()).containsEntry("failed_task", GroupView.memberId(group, 0));
    assertThat(chord.callback().state()).isNull();
    assertThat(Emails.plainText(Emails.parse(alert)))
        .contains("Group or chord " + group + " failed")
        .contains("missing.db");
    assertThat(outbox()).containsExactly(alert);
    assertThat(harness.failedCount()).isEqualTo(SHARDS);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(FlowDatabase.class)
  void aShardedChainRunsItsDatesInOrderEachMergeQueuingTheNext(FlowDatabase database)
      throws Exception {
    harness = harness(database, Map.of());
    harness.generate(500);
    harness.startWorker();
    LocalDate first = WorkerHarness.DAY.minusDays(1);
    LocalDate last = WorkerHarness.DAY.plusDays(1);
    TaskEnvelope link =
        RunOrder.firstLink(new ReconcileArgs(first, null, null), last, System.currentTimeMillis());
    assertThat(harness.client.send(link, RunOrder.linkOf(link), null)).isTrue();

    await()
        .atMost(LONG)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                runs().size() == 3 && runs().stream().allMatch(r -> "SUCCESS".equals(r.status())));

    List<RunRecord> runs =
        runs().stream().sorted(Comparator.comparing(RunRecord::startedAt)).toList();
    assertThat(runs)
        .extracting(RunRecord::businessDate)
        .containsExactly(first, WorkerHarness.DAY, last);
    for (int i = 1; i < runs.size(); i++) {
      // the next date is queued by the merge that recorded the one before
      assertThat(runs.get(i).startedAt()).isAfterOrEqualTo(runs.get(i - 1).finishedAt());
    }
    String merge = GroupView.callbackId(chordOf(harness.queue.state(link.taskId())));
    assertThat(harness.queue.state(merge).get("result"))
        .contains("chain " + link.taskId() + ": next " + WorkerHarness.DAY);
    assertThat(storedParts()).isZero();
    database.assertKeptEverything(harness);
  }

  private List<RunRecord> runs() {
    return harness.runs().recent(100);
  }

  /** No database: the refusal comes before a part reads one. */
  @Test
  void aPartOrMergeOfAnotherRunsChordIsRefused() throws Exception {
    harness = harness(Map.of());
    String runId = RunIds.forTask(WorkerHarness.DAY, UUID.randomUUID().toString());
    ReconcileArgs day = new ReconcileArgs(WorkerHarness.DAY, null, null);
    List<Object> part =
        new ReconcilePartArgs(runId, new dev.reconciler.core.domain.Shard(0, SHARDS), day).toList();
    List<Object> merge = new ReconcileMergeArgs(runId, SHARDS, day, null).toList();
    String other = UUID.randomUUID().toString();
    harness.client.sendGroup(
        other,
        List.of(new dev.reconciler.worker.queue.Signature(ReconcilePartArgs.TASK, part)),
        new dev.reconciler.worker.queue.Signature(ReconcileMergeArgs.TASK, merge));
    harness.startWorker();

    GroupView chord = awaitGroup(other, "FAILURE");

    assertThat(chord.fields().get("error"))
        .contains("task " + GroupView.memberId(other, 0) + " is not ")
        .contains("of run " + runId);
  }
}
