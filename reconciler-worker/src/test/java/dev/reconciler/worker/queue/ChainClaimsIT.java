package dev.reconciler.worker.queue;

import static dev.reconciler.worker.queue.QueueFixture.CLOCK;
import static dev.reconciler.worker.queue.QueueFixture.WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.worker.task.TaskEnvelope;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A chain's links against a real Redis: each date is claimed, and so queued, once. */
class ChainClaimsIT {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  @RegisterExtension static final QueueFixture REDIS = new QueueFixture();

  private final TaskQueue queue = REDIS.queue();

  private static FollowUp link(String chain, String taskId, LocalDate date) {
    TaskEnvelope task =
        new TaskEnvelope(
            taskId,
            ReconcileArgs.TASK,
            new ReconcileArgs(date, null, null).inChain(chain, DAY.plusDays(2)).toList(),
            0,
            1_000L);
    return new FollowUp("reconcile", task, new ChainLink(chain, date));
  }

  @Test
  void aChainsDateIsQueuedOnceHoweverOftenItsLinkIsEnqueued() {
    assertThat(queue.enqueue(link("c1", "c1", DAY))).isTrue();
    assertThat(queue.enqueue(link("c1", "c1", DAY))).isFalse();
    assertThat(queue.enqueue(link("c1", "other", DAY))).isFalse();
    assertThat(queue.enqueue(link("c2", "c2", DAY))).isTrue();

    assertThat(REDIS.list("resque:queue:reconcile")).hasSize(2);
    assertThat(new QueueInspector(queue).recentChains(10)).containsExactly("c2", "c1");
  }

  @Test
  void aLinkAckedTwiceQueuesItsSuccessorOnce() {
    queue.enqueue(link("c1", "c1", DAY));
    FollowUp next = link("c1", "next-1", DAY.plusDays(1));
    Delivery d = REDIS.pop(WORKER);
    // Acked twice: as a link run again after a worker was reaped while still running it.
    for (int delivery = 0; delivery < 2; delivery++) {
      REDIS.with(j -> queue.succeed(j, WORKER, d, "c1", "ok", List.of(next)));
    }

    assertThat(REDIS.list("resque:queue:reconcile"))
        .singleElement()
        .satisfies(p -> assertThat(p).contains("next-1"));
    ChainView chain = new QueueInspector(queue).chain("c1");
    assertThat(chain.links())
        .extracting(ChainView.Link::date, ChainView.Link::taskId, ChainView.Link::state)
        .containsExactly(tuple(DAY, "c1", "SUCCESS"), tuple(DAY.plusDays(1), "next-1", "PENDING"));
    assertThat(chain.until()).isEqualTo(DAY.plusDays(2));
    assertThat(chain.notQueued()).containsExactly(DAY.plusDays(2));
    assertThat(chain.state()).isEqualTo("RUNNING");
  }

  @Test
  void aLinkThatSentItsDateAsAChordIsDoneWithTheChordNotBefore() {
    queue.enqueue(link("c1", "c1", DAY));
    Delivery d = REDIS.pop(WORKER);
    // What a sharded reconcile does: its date's parts and merge go out as a chord named after it.
    String chord = GroupView.fannedOutAs("c1");
    FollowUp part = plain(GroupView.memberId(chord, 0), chord);
    FollowUp merge = plain(GroupView.callbackId(chord), chord);
    assertThat(queue.sendGroup(chord, List.of(part), merge)).isTrue();
    REDIS.with(j -> queue.succeed(j, WORKER, d, "c1", "sent as chord " + chord, List.of()));

    ChainView running = new QueueInspector(queue).chain("c1");
    assertThat(running.links()).extracting(ChainView.Link::state).containsExactly("STARTED");
    assertThat(running.state()).isEqualTo("RUNNING");

    queue.revokeGroup(chord);
    ChainView revoked = new QueueInspector(queue).chain("c1");
    assertThat(revoked.links()).extracting(ChainView.Link::state).containsExactly("REVOKED");
    assertThat(revoked.state()).isEqualTo("REVOKED");
  }

  @Test
  void aLinksStateFollowsItsChordOnceItsTaskSucceeded() {
    assertThat(QueueInspector.linkState("STARTED", "PENDING")).isEqualTo("STARTED");
    assertThat(QueueInspector.linkState("FAILURE", null)).isEqualTo("FAILURE");
    assertThat(QueueInspector.linkState("SUCCESS", null)).isEqualTo("SUCCESS");
    assertThat(QueueInspector.linkState("SUCCESS", "PENDING")).isEqualTo("STARTED");
    assertThat(QueueInspector.linkState("SUCCESS", "STARTED")).isEqualTo("STARTED");
    assertThat(QueueInspector.linkState("SUCCESS", "SUCCESS")).isEqualTo("SUCCESS");
    assertThat(QueueInspector.linkState("SUCCESS", "FAILURE")).isEqualTo("FAILURE");
    assertThat(QueueInspector.linkState("SUCCESS", "REVOKED")).isEqualTo("REVOKED");
  }

  /** A task of the group {@code group}, on the reconcile queue. */
  private static FollowUp plain(String taskId, String group) {
    return new FollowUp("reconcile", new TaskEnvelope(taskId, "ping", List.of(), 0, 1_000L, group));
  }

  @Test
  void aDelayedFirstLinkClaimsItsDateToo() {
    assertThat(queue.enqueueAt(link("c1", "c1", DAY), CLOCK.instant().plusSeconds(600))).isTrue();
    assertThat(queue.enqueueAt(link("c1", "c1", DAY), CLOCK.instant().plusSeconds(600))).isFalse();
    long delayed = REDIS.with(j -> j.zcard("reconciler:delayed"));
    assertThat(delayed).isEqualTo(1L);
  }

  @Test
  void oneOfSeveralFireKeysStillUnsetIsEnoughToEnqueueButNoneIsNot() {
    List<String> keys = List.of("t:1", "t:2");
    assertThat(queue.fired(keys)).containsExactly(false, false);
    assertThat(queue.enqueueOnce(List.of("t:1"), Duration.ofHours(1), link("a", "a", DAY)))
        .isTrue();
    assertThat(queue.fired(keys)).containsExactly(true, false);
    assertThat(queue.enqueueOnce(keys, Duration.ofHours(1), link("b", "b", DAY))).isTrue();
    assertThat(queue.enqueueOnce(keys, Duration.ofHours(1), link("c", "c", DAY))).isFalse();
    assertThat(REDIS.list("resque:queue:reconcile")).hasSize(2);
  }
}
