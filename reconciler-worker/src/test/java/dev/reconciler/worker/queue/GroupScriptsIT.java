package dev.reconciler.worker.queue;

import static dev.reconciler.worker.queue.QueueFixture.CLOCK;
import static dev.reconciler.worker.queue.QueueFixture.WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.worker.task.TaskEnvelope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * group.lua and the group steps of pop, ack, fail and revoke against a real Redis: a group is sent
 * once, each member counted once whatever redelivers it, a chord's callback queued exactly once,
 * and a failed or revoked member ends the group without it.
 */
class GroupScriptsIT {
  private static final String W1 = WORKER;
  private static final String W2 = "host:2-1:reconcile";
  private static final String GROUP = "g-1";

  @RegisterExtension static final QueueFixture REDIS = new QueueFixture();

  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private final TaskQueue queue = REDIS.queue();
  private final TaskClient client =
      new TaskClient(queue, SettingsLoader.load(null, Map.of()), CLOCK);

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void aGroupIsSentOnceInOneStepWithIdsDerivedFromItsId() {
    assertThat(client.sendGroup(GROUP, pings(3), null)).isTrue();
    assertThat(client.sendGroup(GROUP, pings(3), null)).isFalse();

    List<String> queued = REDIS.list("resque:queue:reconcile");
    assertThat(queued).hasSize(3);
    for (int i = 0; i < 3; i++) {
      TaskEnvelope member = TaskPayloads.decode(queued.get(i));
      assertThat(member.taskId()).isEqualTo(GROUP + "." + i);
      assertThat(member.group()).isEqualTo(GROUP);
      assertThat(queue.state(member.taskId()))
          .containsEntry("state", "PENDING")
          .containsEntry("group", GROUP);
    }
    assertThat(queue.groupState(GROUP))
        .containsEntry("state", "PENDING")
        .containsEntry("size", "3")
        .containsEntry("done", "0")
        .containsEntry("kind", "group");
    assertThat(new QueueInspector(queue).recentGroups(5)).containsExactly(GROUP);
  }

  @Test
  void aGroupStartsWithItsFirstMemberAndSucceedsWithItsLast() {
    client.sendGroup(GROUP, pings(2), null);

    Delivery first = REDIS.pop(W1);
    assertThat(queue.groupState(GROUP)).containsEntry("state", "STARTED").containsKey("started_at");
    ack(W1, first);
    ack(W1, REDIS.pop(W1));

    GroupView group = new QueueInspector(queue).group(GROUP);
    assertThat(group.state()).isEqualTo("SUCCESS");
    assertThat(group.done()).isEqualTo(2);
    assertThat(group.members()).extracting(GroupView.Member::state).containsOnly("SUCCESS");
    assertThat(group.callback()).isNull();
    assertThat(group.summary()).isEqualTo("group SUCCESS: 2 of 2 done");
  }

  @Test
  void aMemberRunTwiceAfterItsWorkerWasReapedIsCountedOnce() {
    client.sendGroup(GROUP, pings(2), ping());
    Delivery onDead = REDIS.pop(W1);
    // W1 lost its heartbeat mid-run: the reaper gives its job to W2, which runs and acks it.
    assertThat(REDIS.reapDead(W1)).isEqualTo(1);
    Delivery again = REDIS.pop(W2);
    assertThat(again.payload()).isEqualTo(onDead.payload());
    ack(W2, again);
    // Then W1, alive after all, acks its own run of the same member.
    ack(W1, onDead);

    assertThat(queue.groupState(GROUP)).containsEntry("done", "1");
    // And a copy of the job that shows up again is dropped by the pop, not run a third time.
    REDIS.with(j -> j.lpush("resque:queue:reconcile", onDead.payload()));
    Delivery next = REDIS.pop(W2);
    assertThat(TaskPayloads.decode(next.payload()).taskId()).isEqualTo(GROUP + ".1");
    assertThat(queue.groupState(GROUP)).containsEntry("done", "1");
    assertThat(queue.state(GROUP + ".0")).containsEntry("state", "SUCCESS");
  }

  @Test
  void theCallbackIsQueuedOnceWhenTheLastTwoMembersFinishAtOnce() throws Exception {
    long sentAt = CLOCK.millis();
    client.sendGroup(GROUP, pings(2), ping());
    Delivery a = REDIS.pop(W1);
    Delivery b = REDIS.pop(W2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> acks = new ArrayList<>();
    for (Object[] run : List.of(new Object[] {W1, a}, new Object[] {W2, b})) {
      acks.add(
          threads.submit(
              () -> {
                go.await();
                ack((String) run[0], (Delivery) run[1]);
                return null;
              }));
    }
    go.countDown();
    for (Future<?> f : acks) {
      f.get(10, TimeUnit.SECONDS);
    }

    List<String> queued = REDIS.list("resque:queue:reconcile");
    assertThat(queued).hasSize(1);
    TaskEnvelope callback = TaskPayloads.decode(queued.get(0));
    assertThat(callback.taskId()).isEqualTo(GROUP + ".callback");
    assertThat(callback.args()).containsExactly(GROUP);
    assertThat(callback.enqueuedAtMs()).isGreaterThanOrEqualTo(sentAt);
    assertThat(queue.state(callback.taskId())).containsEntry("state", "PENDING");
    assertThat(queue.groupState(GROUP))
        .containsEntry("done", "2")
        .containsEntry("state", "STARTED")
        .containsKey("callback_queued_at");

    ack(W1, REDIS.pop(W1));
    GroupView chord = new QueueInspector(queue).group(GROUP);
    assertThat(chord.state()).isEqualTo("SUCCESS");
    assertThat(chord.callback().state()).isEqualTo("SUCCESS");
    assertThat(chord.members()).extracting(GroupView.Member::result).containsOnly("pong");
    assertThat(REDIS.list("resque:queue:reconcile")).isEmpty();
  }

  @Test
  void aMemberThatFailsForGoodFailsTheChordOnceAndTheCallbackNeverRuns() {
    client.sendGroup(GROUP, pings(3), ping());
    Delivery first = REDIS.pop(W1);
    Delivery second = REDIS.pop(W1);
    Delivery third = REDIS.pop(W2);

    fail(W1, first, "boom", alert());
    fail(W1, second, "bang", alert());
    ack(W2, third);

    assertThat(queue.groupState(GROUP))
        .containsEntry("state", "FAILURE")
        .containsEntry("failed_task", GROUP + ".0")
        .containsEntry("error", "boom")
        .containsEntry("done", "1")
        .doesNotContainKey("callback_queued_at");
    // The alert once, though two members failed; each member's failure record as always.
    assertThat(REDIS.list("resque:queue:alerts")).hasSize(1);
    assertThat(REDIS.list("resque:failed")).hasSize(2);
    assertThat(REDIS.list("resque:queue:reconcile")).isEmpty();
    assertThat(queue.state(GROUP + ".callback")).isEmpty();
  }

  @Test
  void theCallbackFailingForGoodFailsTheChord() {
    client.sendGroup(GROUP, pings(1), ping());
    ack(W1, REDIS.pop(W1));
    fail(W1, REDIS.pop(W1), "callback broke", alert());

    assertThat(queue.groupState(GROUP))
        .containsEntry("state", "FAILURE")
        .containsEntry("failed_task", GROUP + ".callback");
    assertThat(REDIS.list("resque:queue:alerts")).hasSize(1);
  }

  @Test
  void revokingAChordRevokesItsWaitingMembersAndItsCallbackNeverRuns() {
    client.sendGroup(GROUP, pings(3), ping());
    Delivery running = REDIS.pop(W1);

    Revocation r = client.revoke(GROUP, false);

    assertThat(r).isEqualTo(new Revocation(Revocation.Outcome.GROUP, "2 waiting, 1 running"));
    assertThat(REDIS.list("resque:queue:reconcile")).isEmpty();
    assertThat(queue.state(GROUP + ".1")).containsEntry("state", "REVOKED");
    assertThat(queue.state(GROUP + ".2")).containsEntry("state", "REVOKED");
    // The running member finishes, revoked; nothing queues the callback.
    ack(W1, running);
    assertThat(queue.state(GROUP + ".0")).containsEntry("state", "REVOKED");
    assertThat(queue.groupState(GROUP)).containsEntry("state", "REVOKED").containsKey("revoked_at");
    assertThat(REDIS.list("resque:queue:reconcile")).isEmpty();
    assertThat(queue.state(GROUP + ".callback")).isEmpty();
    assertThatThrownBy(() -> client.revoke(GROUP, false))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("has finished (REVOKED)");
  }

  @Test
  void revokingOneMemberRevokesItsGroupWhichCanNoLongerFinish() {
    client.sendGroup(GROUP, pings(2), ping());

    client.revoke(GROUP + ".1", false);
    ack(W1, REDIS.pop(W1));

    assertThat(queue.groupState(GROUP))
        .containsEntry("state", "REVOKED")
        .containsEntry("note", "its task " + GROUP + ".1 was revoked")
        .containsEntry("done", "1");
    assertThat(REDIS.list("resque:queue:reconcile")).isEmpty();
  }

  @Test
  void aJobNamingAGroupItIsNoPartOfCountsForNothing() {
    client.sendGroup(GROUP, pings(1), ping());
    TaskEnvelope stranger = new TaskEnvelope("intruder", "ping", List.of(), 0, 0, GROUP);
    TaskEnvelope beyond = new TaskEnvelope(GROUP + ".7", "ping", List.of(), 0, 0, GROUP);
    TaskEnvelope padded = new TaskEnvelope(GROUP + ".00", "ping", List.of(), 0, 0, GROUP);
    REDIS.with(j -> j.del("resque:queue:reconcile"));
    for (TaskEnvelope t : List.of(stranger, beyond, padded)) {
      queue.enqueue("reconcile", t);
      ack(W1, REDIS.pop(W1));
    }

    assertThat(queue.groupState(GROUP))
        .containsEntry("done", "0")
        .containsEntry("state", "PENDING")
        .doesNotContainKey("callback_queued_at");
  }

  @Test
  void aGroupOfNoTasksOrTooManyOrABadIdIsRefusedBeforeRedis() {
    assertThatThrownBy(() -> client.sendGroup(GROUP, List.of(), null))
        .isInstanceOf(UserError.class)
        .hasMessage("a group has 1 to 1000 tasks, got 0");
    assertThatThrownBy(() -> client.sendGroup(GROUP, pings(1001), null))
        .isInstanceOf(UserError.class);
    assertThatThrownBy(() -> client.sendGroup("a b", pings(1), null))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("is not a group id");
    assertThatThrownBy(
            () -> client.sendGroup(GROUP, List.of(new Signature("nope", List.of())), null))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("unknown task 'nope'");
    assertThat(REDIS.with(j -> j.dbSize()).longValue()).isZero();
  }

  private static List<Signature> pings(int n) {
    return Collections.nCopies(n, ping());
  }

  private static Signature ping() {
    return new Signature("ping", List.of());
  }

  private FollowUp alert() {
    return new FollowUp("alerts", new TaskEnvelope("alert-" + GROUP, "ping", List.of(), 0, 0));
  }

  private void ack(String worker, Delivery d) {
    String id = TaskPayloads.decode(d.payload()).taskId();
    REDIS.with(j -> queue.succeed(j, worker, d, id, "pong", List.of()));
  }

  private void fail(String worker, Delivery d, String error, FollowUp groupAlert) {
    String id = TaskPayloads.decode(d.payload()).taskId();
    REDIS.with(
        j ->
            queue.fail(
                j,
                worker,
                d,
                id,
                new IllegalStateException(error),
                List.of(),
                List.of(groupAlert)));
  }
}
