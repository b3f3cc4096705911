package dev.reconciler.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reconciler.core.reconcile.RunIds;
import dev.reconciler.core.runs.RunRecord;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.worker.jobs.RunOrder;
import dev.reconciler.worker.queue.ChainView;
import dev.reconciler.worker.queue.QueueInspector;
import dev.reconciler.worker.task.TaskEnvelope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Chains of reconcile dates with an in-process worker and a real Redis, on SQLite and on
 * PostgreSQL: in order, or stopped.
 */
class ChainFlowIT {
  @RegisterExtension static final EmbeddedPg pg = new EmbeddedPg();

  private static final Duration LONG = Duration.ofSeconds(60);
  private static final LocalDate FIRST = WorkerHarness.DAY.minusDays(1);
  private static final LocalDate LAST = WorkerHarness.DAY.plusDays(1);

  @TempDir Path dir;
  private WorkerHarness harness;

  @AfterEach
  void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  /** The first link {@link #backfill} sent. */
  private TaskEnvelope firstLink;

  /** Sends a chain from FIRST to LAST as 'enqueue reconcile --from --to' does; its chain id. */
  private String backfill() {
    firstLink =
        RunOrder.firstLink(new ReconcileArgs(FIRST, null, null), LAST, System.currentTimeMillis());
    assertThat(harness.client.send(firstLink, RunOrder.linkOf(firstLink), null)).isTrue();
    return firstLink.taskId();
  }

  private ChainView chain(String id) {
    return new QueueInspector(harness.queue).chain(id);
  }

  private List<RunRecord> runs() {
    return harness.runs().recent(100);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(FlowDatabase.class)
  void aBackfillRunsEachDateInOrderOnceWithItsOwnRunRecord(FlowDatabase database) throws Exception {
    harness = new WorkerHarness(dir, database.env(pg, Map.of()));
    harness.generate(500);
    harness.startWorker();

    String id = backfill();
    await()
        .atMost(LONG)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "DONE".equals(chain(id).state()));

    ChainView chain = chain(id);
    assertThat(chain.links())
        .extracting(ChainView.Link::date)
        .containsExactly(FIRST, FIRST.plusDays(1), LAST);
    assertThat(chain.links()).allSatisfy(l -> assertThat(l.state()).isEqualTo("SUCCESS"));
    assertThat(chain.links().get(0).taskId()).isEqualTo(id);
    assertThat(chain.summary()).contains(FIRST + " to " + LAST).contains("DONE: 3 done");

    List<RunRecord> runs =
        runs().stream().sorted(Comparator.comparing(RunRecord::startedAt)).toList();
    assertThat(runs)
        .extracting(RunRecord::businessDate)
        .containsExactly(FIRST, FIRST.plusDays(1), LAST);
    assertThat(runs).allSatisfy(r -> assertThat(r.status()).isEqualTo("SUCCESS"));
    for (int i = 0; i < runs.size(); i++) {
      ChainView.Link link = chain.links().get(i);
      assertThat(runs.get(i).runId()).isEqualTo(RunIds.forTask(link.date(), link.taskId()));
    }
    for (int i = 1; i < runs.size(); i++) {
      assertThat(runs.get(i).startedAt()).isAfterOrEqualTo(runs.get(i - 1).finishedAt());
    }
    assertThat(harness.queue.state(chain.links().get(1).taskId()).get("result"))
        .contains("chain " + id + ": next " + LAST);
    assertThat(harness.queue.state(chain.links().get(2).taskId()).get("result"))
        .contains("chain " + id + " done");
    database.assertKeptEverything(harness);

    // The first link delivered again after the chain ran, as when its worker died after recording
    // the run but before its SUCCESS: run again, the date would make the later two stale, and
    // their links, claimed once, would never run them again.
    harness.client.send(firstLink, null, null);
    await().atMost(LONG).until(() -> "2".equals(harness.queue.state(id).get("deliveries")));
    assertThat(harness.awaitState(id, "SUCCESS", LONG).get("result"))
        .startsWith("run " + runs.get(0).runId() + ": recorded by an earlier delivery, report ");
    assertThat(
            RunOrder.staleDates(
                harness.settings, harness.settings.paths().database(), Clock.systemUTC()))
        .isEmpty();
    assertThat(runs()).containsExactlyInAnyOrderElementsOf(runs);
  }

  /** No database: the worker refuses the payload before it reads one. */
  @Test
  void aPayloadCannotGraftATaskOntoAnotherChain() throws Exception {
    harness = new WorkerHarness(dir, Map.of());
    harness.startWorker();

    String id =
        harness.client.send(
            ReconcileArgs.TASK,
            new ReconcileArgs(FIRST, null, null).inChain("someone-elses-chain", LAST).toList());

    assertThat(harness.awaitState(id, "FAILURE", LONG).get("error"))
        .contains("is not the link of chain someone-elses-chain for " + FIRST);
    assertThat(harness.queue.state(id)).containsEntry("attempt", "0");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(FlowDatabase.class)
  void aRerunOfAnEarlyDateIsAChainThatRerunsTheDatesItMadeStaleInOrder(FlowDatabase database)
      throws Exception {
    harness = new WorkerHarness(dir, database.env(pg, Map.of()));
    harness.generate(500);
    harness.startWorker();
    String backfill = backfill();
    await().atMost(LONG).until(() -> "DONE".equals(chain(backfill).state()));

    // 'enqueue reconcile --date FIRST': a chain of one date, which the stale dates follow.
    TaskEnvelope rerun =
        RunOrder.firstLink(new ReconcileArgs(FIRST, null, null), FIRST, System.currentTimeMillis());
    harness.client.send(rerun, RunOrder.linkOf(rerun), null);
    await()
        .atMost(LONG)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "DONE".equals(chain(rerun.taskId()).state()));

    ChainView chain = chain(rerun.taskId());
    assertThat(chain.links())
        .extracting(ChainView.Link::date)
        .containsExactly(FIRST, WorkerHarness.DAY, LAST);
    assertThat(chain.until()).isEqualTo(FIRST);
    List<RunRecord> runs =
        runs().stream().sorted(Comparator.comparing(RunRecord::startedAt)).toList();
    assertThat(runs.subList(3, 6))
        .extracting(RunRecord::businessDate)
        .containsExactly(FIRST, WorkerHarness.DAY, LAST);
    assertThat(
            RunOrder.staleDates(
                harness.settings, harness.settings.paths().database(), Clock.systemUTC()))
        .isEmpty();
    database.assertKeptEverything(harness);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(FlowDatabase.class)
  void aLinkThatFailsForGoodStopsTheChainAndTheChainSaysWhere(FlowDatabase database)
      throws Exception {
    harness =
        new WorkerHarness(
            dir,
            database.env(
                pg,
                Map.of(
                    "RECONCILER_TASKS_RECONCILE_MAX_RETRIES", "1",
                    "RECONCILER_TASKS_RECONCILE_BACKOFF_BASE_SECONDS", "1",
                    "RECONCILER_TASKS_RECONCILE_BACKOFF_MAX_SECONDS", "1")));
    harness.generate(500);
    // A directory where the middle date's report goes: writing it fails on every attempt.
    Path blocked =
        harness
            .settings
            .paths()
            .reportDir()
            .resolve(harness.settings.report().fileName(WorkerHarness.DAY));
    Files.createDirectories(blocked.resolve("in-the-way"));
    harness.startWorker();

    String id = backfill();
    await()
        .atMost(LONG)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "FAILED".equals(chain(id).state()));
    Thread.sleep(1_000);

    ChainView chain = chain(id);
    assertThat(chain.links())
        .extracting(ChainView.Link::date, ChainView.Link::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(FIRST, "SUCCESS"),
            org.assertj.core.groups.Tuple.tuple(WorkerHarness.DAY, "FAILURE"));
    assertThat(harness.queue.state(chain.links().get(1).taskId())).containsEntry("attempt", "1");
    assertThat(chain.failed().date()).isEqualTo(WorkerHarness.DAY);
    assertThat(chain.notQueued()).containsExactly(LAST);
    assertThat(chain.summary())
        .contains("FAILED: 1 done, failed at " + WorkerHarness.DAY + ", 1 not run");
    assertThat(runs()).extracting(RunRecord::businessDate).doesNotContain(LAST);
    assertThat(harness.failedCount()).isEqualTo(1);

    // The operator clears the way and retries the failed link: the chain goes on from there.
    Files.delete(blocked.resolve("in-the-way"));
    Files.delete(blocked);
    harness.client.retryFailed(chain.links().get(1).taskId());
    await()
        .atMost(LONG)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "DONE".equals(chain(id).state()));
    assertThat(chain(id).links())
        .extracting(ChainView.Link::date)
        .containsExactly(FIRST, WorkerHarness.DAY, LAST);
  }
}
