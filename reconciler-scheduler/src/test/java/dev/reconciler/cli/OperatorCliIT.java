package dev.reconciler.cli;

import static dev.reconciler.worker.queue.QueueFixture.aFailureRecordOf;
import static dev.reconciler.worker.queue.QueueFixture.aJobWithNote;
import static dev.reconciler.worker.queue.QueueFixture.taskIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.worker.queue.Delivery;
import dev.reconciler.worker.queue.EmbeddedRedis;
import dev.reconciler.worker.queue.FailureRecord;
import dev.reconciler.worker.queue.QueueFixture;
import dev.reconciler.worker.queue.RedisConnector;
import dev.reconciler.worker.queue.TaskPayloads;
import dev.reconciler.worker.queue.TaskQueue;
import dev.reconciler.worker.task.TaskEnvelope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** enqueue, status, inspect, revoke and failed against a real Redis, as an operator runs them. */
class OperatorCliIT {
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @TempDir Path dir;
  private EmbeddedRedis redis;
  private RedisConnector connector;
  private String config;

  @BeforeEach
  void start() throws IOException {
    redis = EmbeddedRedis.start();
    connector = new RedisConnector(redis.url(), 5000, 4);
    Path ini = dir.resolve("config.ini");
    Files.writeString(
        ini,
        "[redis]\nurl = "
            + redis.url()
            + "\n[paths]\nlog_dir = "
            + dir.resolve("logs")
            + "\ndatabase = "
            + dir.resolve("none.db")
            + "\n");
    config = ini.toString();
  }

  @AfterEach
  void stop() {
    connector.close();
    redis.stop();
  }

  private CliRunner.Run cli(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--config";
    all[args.length + 1] = config;
    CliRunner.Run r = CliRunner.run(all);
    assertThat(r.code()).as(r.err()).isZero();
    return r;
  }

  @Test
  void enqueueWithACountdownPrintsATaskIdThatStatusAndInspectShow() {
    String id =
        cli("enqueue", "reconcile", "--date", "2026-11-24", "--countdown", "600").out().strip();
    assertThat(id).matches(UUID);
    assertThat(cli("status", id).out())
        .contains("state        PENDING")
        .contains("eta")
        .contains("2026-11-24");
    String ping = cli("enqueue", "ping").out().strip();
    assertThat(cli("status", ping).out())
        .contains("state        PENDING")
        .contains("queue        reconcile");
    assertThat(cli("inspect").out())
        .contains("reconcile")
        .contains("1 waiting")
        .contains("Delayed: 1");
  }

  @Test
  void aRevokedTaskShowsAsRevokedInStatusAndInspect() {
    String id =
        cli("enqueue", "reconcile", "--date", "2026-11-24", "--countdown", "600").out().strip();

    assertThat(cli("revoke", id).out().strip())
        .isEqualTo("revoked " + id + ": removed before it ran");

    assertThat(cli("status", id).out())
        .contains("state        REVOKED")
        .contains("revoked_at")
        .contains("note         revoked before it ran");
    assertThat(cli("inspect").out()).contains("Delayed: 0   Failed: 0   Revoked: 1");
    CliRunner.Run again = CliRunner.run("revoke", id, "--terminate", "--config", config);
    assertThat(again.code()).isEqualTo(Main.USER_ERROR);
    assertThat(again.err().strip())
        .isEqualTo(
            "reconciler: error: task "
                + id
                + " has finished (REVOKED): only a queued, delayed or running task can be revoked");
  }

  @Test
  void aCountdownOrEtaBeyondWhatATaskCanHoldIsAOneLineUserErrorAndQueuesNothing() {
    for (String[] when :
        new String[][] {
          {"--countdown", String.valueOf(Long.MAX_VALUE)},
          {"--countdown", "999999999999"},
          {"--eta", "+999999999-01-01T00:00:00Z"},
          {"--eta", "9999-12-31T23:59:59.999-01:00"}
        }) {
      CliRunner.Run r = CliRunner.run("enqueue", "ping", when[0], when[1], "--config", config);
      assertThat(r.code()).as(r.err()).isEqualTo(Main.USER_ERROR);
      assertThat(r.err().strip().lines()).hasSize(1);
      assertThat(r.err())
          .startsWith("reconciler: error: " + when[0])
          .contains("9999-12-31T23:59:59.999Z")
          .doesNotContain("Exception");
    }
    assertThat(cli("inspect").out()).contains("Delayed: 0").doesNotContain("waiting");
  }

  @Test
  void failedListRetryAndPurge() throws Exception {
    TaskQueue queue = new TaskQueue(connector, "resque", Duration.ofHours(1), Clock.systemUTC());
    TaskEnvelope task = TaskEnvelope.create("ping", List.of(), 0);
    connector.with(
        j -> {
          queue.fail(
              j,
              "host:1-1:reconcile",
              new Delivery("reconcile", TaskPayloads.encode(task)),
              task.taskId(),
              new IllegalStateException("boom"),
              List.of());
          return null;
        });
    assertThat(cli("failed", "list").out()).contains("0  ").contains("ping").contains("boom");
    assertThat(cli("failed", "retry", task.taskId()).out().strip()).isEqualTo(task.taskId());
    assertThat(cli("status", task.taskId()).out())
        .contains("state        PENDING")
        .contains("attempt      0");
    long waiting = connector.with(j -> j.llen("resque:queue:reconcile"));
    assertThat(waiting).isEqualTo(1);
    assertThat(cli("failed", "purge", "--yes").out()).contains("purged 0");
  }

  /** The review's record: Jesque's JobFailure would run new FileOutputStream(error). */
  private static String hostileRecord(Path victim, String payload) {
    return "{\"worker\":\"w\",\"queue\":\"q\",\"payload\":"
        + payload
        + ",\"exception\":\"java.io.FileOutputStream\",\"error\":\""
        + victim.toString().replace("\\", "\\\\")
        + "\",\"backtrace\":[]}";
  }

  private static final String PING_T =
      "{\"class\":\"ping\",\"args\":[],\"vars\":{\"task_id\":\"t\"}}";

  private long llen(String key) {
    return connector.with(j -> j.llen(key));
  }

  private void pushFailed(String... records) {
    connector.with(j -> j.rpush("resque:failed", records));
  }

  @Test
  void failedListShowsAFailureRecordAsTextAndInstantiatesNothingItNames() throws Exception {
    Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
    pushFailed(hostileRecord(victim, PING_T));

    CliRunner.Run r = cli("failed", "list");

    assertThat(victim).hasContent("precious");
    assertThat(r.out()).startsWith("0  ").contains("ping").contains("java.io.FileOutputStream");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void failedRetryReEnqueuesTheRecordsTaskAsAFreshValidPayloadOnItsConfiguredQueue()
      throws Exception {
    Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
    pushFailed(hostileRecord(victim, PING_T));

    assertThat(cli("failed", "retry", "t").out().strip()).isEqualTo("t");

    assertThat(victim).hasContent("precious");
    assertThat(llen("resque:failed")).isZero();
    List<String> queued = connector.with(j -> j.lrange("resque:queue:reconcile", 0, -1));
    assertThat(queued)
        .singleElement()
        .asString()
        .contains("\"task_id\":\"t\"")
        .contains("\"attempt\":0");
    assertThat(llen("resque:queue:q")).isZero();
  }

  @Test
  void failedRetryRefusesARecordWhosePayloadIsNotAValidTask() throws Exception {
    Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
    pushFailed(
        hostileRecord(
            victim,
            "{\"class\":\"java.lang.ProcessBuilder\",\"args\":[\"touch\",\"x\"],"
                + "\"vars\":{\"task_id\":\"evil\"}}"),
        hostileRecord(
            victim,
            "{\"class\":\"ping\",\"args\":[],\"vars\":{\"task_id\":\"neg\",\"attempt\":-40}}"));

    CliRunner.Run unknown = CliRunner.run("failed", "retry", "evil", "--config", config);
    CliRunner.Run negative = CliRunner.run("failed", "retry", "1", "--config", config);

    assertThat(unknown.code()).isEqualTo(Main.USER_ERROR);
    assertThat(unknown.err().strip())
        .startsWith("reconciler: error: failed job 0 cannot be retried")
        .contains("unknown task")
        .doesNotContain("\n");
    assertThat(negative.code()).isEqualTo(Main.USER_ERROR);
    assertThat(negative.err()).contains("vars.attempt");
    assertThat(llen("resque:failed")).isEqualTo(2);
    assertThat(llen("resque:queue:reconcile") + llen("resque:queue:q")).isZero();
  }

  @Test
  void failedListShowsTheBytesOfARecordThatIsNotUtf8AndRetryRefusesItSayingWhy() {
    byte[] record =
        ("{\"worker\":\"w\",\"queue\":\"q\",\"payload\":"
                + PING_T
                + ",\"exception\":\"E\",\"error\":\"caf\u00e9\"}")
            .getBytes(StandardCharsets.ISO_8859_1);
    connector.with(j -> j.rpush("resque:failed".getBytes(StandardCharsets.UTF_8), record));

    assertThat(cli("failed", "list").out()).contains("ping[t]  E: caf\\xE9");
    CliRunner.Run retry = CliRunner.run("failed", "retry", "t", "--config", config);

    assertThat(retry.code()).isEqualTo(Main.USER_ERROR);
    assertThat(retry.err().strip())
        .startsWith(
            "reconciler: error: failed job 0 cannot be retried: failure record is not UTF-8: byte"
                + " 0xE9 at offset "
                + (record.length - 3))
        .doesNotContain("\n");
    assertThat(llen("resque:failed")).isEqualTo(1);
    assertThat(llen("resque:queue:reconcile")).isZero();
  }

  /** Failure records of ping jobs with these task ids, in this order, as Jesque writes them. */
  private void pushFailedTasks(String... taskIds) {
    for (String taskId : taskIds) {
      pushFailed(aFailureRecordOf(aJobWithNote(taskId)));
    }
  }

  private void pushFailed(byte[] record) {
    connector.with(j -> j.rpush("resque:failed".getBytes(StandardCharsets.UTF_8), record));
  }

  /** The task ids of the failed list's records, in list order. */
  private List<String> failedTaskIds() {
    List<String> records = connector.with(j -> j.lrange("resque:failed", 0, -1));
    return records.stream().map(r -> FailureRecord.read(r).taskId()).toList();
  }

  @Test
  void failedDeleteTakesTheRecordOfATaskIdOrAtAnIndexAndLeavesTheOthersInOrder() {
    pushFailedTasks("t0", "t1", "t2", "t3");

    assertThat(cli("failed", "delete", "t1").out())
        .isEqualTo("deleted failure record of task t1\n");
    assertThat(failedTaskIds()).containsExactly("t0", "t2", "t3");
    assertThat(cli("failed", "delete", "2").out()).isEqualTo("deleted failure record of task t3\n");
    assertThat(failedTaskIds()).containsExactly("t0", "t2");
    assertThat(cli("failed", "list").out().lines()).hasSize(2);
  }

  static Stream<byte[]> notUtf8Jobs() {
    return QueueFixture.notUtf8Jobs();
  }

  @ParameterizedTest
  @MethodSource("notUtf8Jobs")
  void failedDeleteTakesARecordThatIsNotUtf8ByItsTaskId(byte[] job) {
    pushFailedTasks("t0");
    pushFailed(aFailureRecordOf(job));
    pushFailedTasks("t2");

    assertThat(cli("failed", "delete", taskIdOf(job)).out())
        .isEqualTo("deleted failure record of task " + taskIdOf(job) + "\n");

    assertThat(failedTaskIds()).containsExactly("t0", "t2");
  }

  @Test
  void failedDeleteOfAnUnknownIdOrIndexOrWithoutOneIsAOneLineUserErrorAndDeletesNothing() {
    pushFailedTasks("t0", "t1");

    for (String[] refused :
        new String[][] {
          {"no-such-task", "no failed job with task id or index 'no-such-task'"},
          {"2", "no failed job with task id or index '2'"},
          {null, "failed delete needs a task id or index (see 'failed list')"}
        }) {
      CliRunner.Run r =
          refused[0] == null
              ? CliRunner.run("failed", "delete", "--config", config)
              : CliRunner.run("failed", "delete", refused[0], "--config", config);

      assertThat(r.code()).as(r.err()).isEqualTo(Main.USER_ERROR);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).isEqualTo("reconciler: error: " + refused[1] + "\n");
    }
    assertThat(failedTaskIds()).containsExactly("t0", "t1");
  }

  @Test
  void failedListOrPurgeGivenAnIdIsRefusedAndPurgesNothing() {
    pushFailedTasks("t0", "t1");

    for (String action : List.of("purge", "list")) {
      List<String> args = new ArrayList<>(List.of("failed", action, "t1", "--config", config));
      if (action.equals("purge")) {
        args.add("--yes");
      }
      CliRunner.Run r = CliRunner.run(args.toArray(String[]::new));

      assertThat(r.code()).as(r.err()).isEqualTo(Main.USER_ERROR);
      assertThat(r.out()).isEmpty();
      assertThat(r.err())
          .isEqualTo(
              "reconciler: error: failed "
                  + action
                  + " takes no ID (got 't1'); to remove one record: failed delete ID\n");
    }
    assertThat(failedTaskIds()).containsExactly("t0", "t1");
  }

  /** The task ids of the jobs waiting on the reconcile queue (where ping goes), in queue order. */
  private List<String> queuedTaskIds() {
    List<String> jobs = connector.with(j -> j.lrange("resque:queue:reconcile", 0, -1));
    return jobs.stream().map(job -> TaskPayloads.decode(job).taskId()).toList();
  }

  /** The failed list byte for byte: a record that is not UTF-8 must stay exactly as it was. */
  private List<byte[]> failedRecords() {
    return connector.with(j -> j.lrange("resque:failed".getBytes(StandardCharsets.UTF_8), 0, -1));
  }

  @Test
  void failedRetryAllSendsEveryRunnableRecordAgainAndLeavesTheOthersListedAsTheyWere() {
    byte[] notUtf8 = aFailureRecordOf(aJobWithNote("ff", (byte) 0xff));
    byte[] unknownTask =
        aFailureRecordOf(
            "{\"class\":\"java.lang.ProcessBuilder\",\"args\":[],\"vars\":{\"task_id\":\"evil\"}}"
                .getBytes(StandardCharsets.UTF_8));
    pushFailedTasks("t0");
    pushFailed(notUtf8);
    pushFailed(unknownTask);
    pushFailedTasks("t3");

    CliRunner.Run r = cli("failed", "retry", "--all", "--yes");

    assertThat(r.out())
        .startsWith(
            "sent 2 failed task(s) again; 2 left in the failed list: failed job 0 cannot be"
                + " retried: failure record is not UTF-8")
        .contains("; failed job 1 cannot be retried: ")
        .contains("unknown task")
        .endsWith("\n")
        .hasLineCount(1);
    assertThat(queuedTaskIds()).containsExactly("t0", "t3");
    List<String> queued = connector.with(j -> j.lrange("resque:queue:reconcile", 0, -1));
    assertThat(queued).allSatisfy(job -> assertThat(TaskPayloads.decode(job).attempt()).isZero());
    assertThat(failedRecords()).containsExactly(notUtf8, unknownTask);
  }

  @Test
  void failedRetryAllWithoutYesIsRefusedOnOneLineAndSendsNothing() {
    pushFailedTasks("t0", "t1");

    CliRunner.Run r = CliRunner.run("failed", "retry", "--all", "--config", config);

    assertThat(r.code()).as(r.err()).isEqualTo(Main.USER_ERROR);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "reconciler: error: failed retry --all runs every failed task again (alerts may go out"
                + " again); add --yes to go ahead\n");
    assertThat(failedTaskIds()).containsExactly("t0", "t1");
    assertThat(queuedTaskIds()).isEmpty();
  }

  @Test
  void failedRetryWithBothAnIdAndAllOrWithNeitherOrAllOnAnotherActionIsRefusedAndSendsNothing() {
    pushFailedTasks("t0", "t1");

    for (String[] refused :
        new String[][] {
          {
            "failed retry takes an ID or --all, not both (got 't1')",
            "retry",
            "--all",
            "--yes",
            "t1"
          },
          {
            "failed retry needs a task id or index (see 'failed list'), or --all --yes for every"
                + " record",
            "retry"
          },
          {"--all goes with retry only: failed retry --all --yes", "purge", "--all", "--yes"},
          {
            "--yes confirms failed retry --all or failed purge only; nothing else asks for it",
            "retry",
            "--yes",
            "0"
          },
          {
            "failed purge deletes every failure record and its error for good; add --yes to go"
                + " ahead (failed delete ID removes one)",
            "purge"
          }
        }) {
      List<String> args = new ArrayList<>(List.of("failed"));
      args.addAll(List.of(refused).subList(1, refused.length));
      args.addAll(List.of("--config", config));
      CliRunner.Run r = CliRunner.run(args.toArray(String[]::new));

      assertThat(r.code()).as(r.err()).isEqualTo(Main.USER_ERROR);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).isEqualTo("reconciler: error: " + refused[0] + "\n");
    }
    assertThat(failedTaskIds()).containsExactly("t0", "t1");
    assertThat(queuedTaskIds()).isEmpty();
  }

  @Test
  void failedDeleteOfARecordTooLongToReadDeletesThatRecordAlone() {
    pushFailedTasks("t0");
    pushFailed("{\"error\":\"" + "x".repeat(5_000_000) + "\"}");
    pushFailedTasks("t2");

    CliRunner.Run r = CliRunner.run("failed", "delete", "1", "--config", config);

    assertThat(r.code()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).isEqualTo("deleted failure record 1\n");
    assertThat(failedTaskIds()).containsExactly("t0", "t2");
  }

  @Test
  void failedHelpNamesEveryActionAndWhatIdIs() {
    CliRunner.Run r = CliRunner.run("failed", "--help");

    assertThat(r.code()).isZero();
    // picocli wraps at 80 columns, so where a phrase breaks depends on the words before it.
    assertThat(r.out().replaceAll("\\s+", " "))
        .contains("Usage: reconciler failed")
        .contains("list, retry, delete or purge")
        .contains("'delete ID' (that record only")
        .contains("'retry --all --yes' (every record that is a runnable task")
        .contains("'purge --yes' (every record, for good)")
        .contains("retry --all runs every failed task again (alerts may go out again)")
        .contains("purge deletes every record and its error for good")
        .contains("for retry and delete: a task id or an index");
  }

  @Test
  void failedListMarksMalformedRecordsByIndexAndEscapesControlCharacters() {
    pushFailed(
        "not json",
        "[1,2]",
        "{\"worker\":\"w\",\"exception\":5}",
        "{\"error\":\"" + "x".repeat(5_000_000) + "\"}",
        "{\"worker\":\"w\",\"queue\":\"q\",\"payload\":"
            + PING_T
            + ",\"exception\":\"E\",\"error\":\"clear screen \\u001b[2J\\r\\nforged line\"}");

    CliRunner.Run r = cli("failed", "list");

    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(5);
    for (int i = 0; i < 4; i++) {
      assertThat(lines.get(i)).startsWith(i + "  malformed failure record: ");
    }
    assertThat(lines.get(4)).startsWith("4  ").contains("ping").contains("forged line");
    assertThat(r.out()).doesNotContain("\u001b").hasSizeLessThan(10_000);
  }

  @Test
  void failedListPrintsOneLinePerRecordAndNoStackTrace() {
    TaskQueue queue = new TaskQueue(connector, "resque", Duration.ofHours(1), Clock.systemUTC());
    TaskEnvelope task = TaskEnvelope.create("ping", List.of(), 0);
    connector.with(
        j -> {
          queue.fail(
              j,
              "host:1-1:reconcile",
              new Delivery("reconcile", TaskPayloads.encode(task)),
              task.taskId(),
              new java.io.UncheckedIOException("disk full", new java.io.IOException("disk full")),
              List.of());
          return null;
        });

    CliRunner.Run r = cli("failed", "list");

    assertThat(r.out().lines())
        .singleElement()
        .asString()
        .contains("ping[" + task.taskId() + "]")
        .contains("java.io.UncheckedIOException: disk full");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void statusOfATaskWhoseStateKeyIsNoHashSaysTheStateIsUnreadableOnOneLine() {
    connector.with(j -> j.set("reconciler:task:t-string", "x"));
    connector.with(j -> j.rpush("reconciler:task:t-list", "a", "b"));

    for (String[] taskAndType : new String[][] {{"t-string", "string"}, {"t-list", "list"}}) {
      CliRunner.Run r = CliRunner.run("status", taskAndType[0], "--config", config);

      assertThat(r.code()).as(r.err()).isEqualTo(Main.USER_ERROR);
      assertThat(r.out()).isEmpty();
      assertThat(r.err().strip())
          .isEqualTo(
              "reconciler: error: task "
                  + taskAndType[0]
                  + ": state unreadable: Redis key reconciler:task:"
                  + taskAndType[0]
                  + " is a "
                  + taskAndType[1]
                  + ", not a hash, so Reconciler did not write it (remove it if nothing else uses"
                  + " it)");
    }
  }

  @Test
  void inspectShowsWhatItCanAndMarksEachKeyOfTheWrongType() {
    connector.with(
        j -> {
          j.sadd("resque:queues", "reconcile", "alerts");
          j.rpush("resque:queue:reconcile", "{}", "{}");
          j.set("resque:queue:alerts", "x");
          j.sadd("resque:workers", "h:1-1:reconcile", "h:2-1:reconcile");
          j.hset("resque:worker:h:1-1:reconcile", "f", "v");
          j.set("resque:worker:h:2-1:reconcile", "{\"payload\":\"p\"}");
          j.set("resque:inflight:h:2-1:reconcile:reconcile", "x");
          j.set("reconciler:delayed", "x");
          j.hset("resque:failed", "f", "v");
          return null;
        });

    String out = cli("inspect").out();

    assertThat(out)
        .contains("reconcile            2 waiting")
        .contains(
            "alerts               unreadable: Redis key resque:queue:alerts is a string, not a list")
        .contains("h:1-1:reconcile  in flight 0, heartbeat MISSING")
        .contains("current task unreadable: Redis key resque:worker:h:1-1:reconcile is a hash")
        .contains("h:2-1:reconcile  in flight unreadable")
        .contains("{\"payload\":\"p\"}")
        .contains(
            "in flight unreadable: Redis key resque:inflight:h:2-1:reconcile:reconcile is a string")
        .contains("Delayed: unreadable: Redis key reconciler:delayed is a string, not a zset")
        .contains("Failed: unreadable: Redis key resque:failed is a hash, not a list");
  }

  @Test
  void inspectStillShowsTheRestWhenTheQueueOrWorkerSetIsNoSet() {
    connector.with(
        j -> {
          j.set("resque:queues", "x");
          j.rpush("resque:workers", "w");
          j.rpush("resque:failed", "{}");
          return null;
        });

    String out = cli("inspect").out();

    assertThat(out)
        .contains("Queues:\n  unreadable: Redis key resque:queues is a string, not a set")
        .contains("Workers:\n  unreadable: Redis key resque:workers is a list, not a set")
        .contains("Delayed: 0   Failed: 1");
  }

  @Test
  void failedListOnAFailedKeyThatIsNoListIsAOneLineError() {
    connector.with(j -> j.set("resque:failed", "x"));

    for (String[] action : new String[][] {{"list"}, {"retry", "0"}}) {
      CliRunner.Run r =
          action.length == 1
              ? CliRunner.run("failed", action[0], "--config", config)
              : CliRunner.run("failed", action[0], action[1], "--config", config);

      assertThat(r.code()).as(r.err()).isEqualTo(Main.USER_ERROR);
      assertThat(r.err().strip())
          .startsWith("reconciler: error: Redis key resque:failed is a string, not a list")
          .doesNotContain("\n");
    }
  }

  @Test
  void anUnknownTaskIdIsAOneLineError() {
    CliRunner.Run r = CliRunner.run("status", "no-such-task", "--config", config);
    assertThat(r.code()).isEqualTo(Main.USER_ERROR);
    assertThat(r.err().strip())
        .startsWith("reconciler: error: no task no-such-task")
        .doesNotContain("\n");
  }

  @Test
  void theConfigFileReachesTheSettings() {
    assertThat(SettingsLoader.load(Path.of(config), Map.of()).redis().url()).isEqualTo(redis.url());
  }
}
