package dev.reconciler.worker.queue;

import static dev.reconciler.worker.queue.QueueFixture.WORKER;
import static dev.reconciler.worker.queue.QueueFixture.aPing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.worker.task.TaskEnvelope;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** reap.lua counts each return of a job from a dead worker, and pop.lua hands the count over. */
class RedeliveryCountIT {
  @RegisterExtension static final QueueFixture REDIS = new QueueFixture();

  private final TaskQueue queue = REDIS.queue();

  @Test
  void eachReapOfAJobCountsOneRedeliveryThatTheNextPopReports() {
    TaskEnvelope task = aPing();
    queue.enqueue("reconcile", task);
    assertThat(REDIS.pop(WORKER).redeliveries()).isZero();

    for (int reaped = 1; reaped <= 3; reaped++) {
      assertThat(REDIS.reapDead(WORKER)).isEqualTo(1);
      Delivery again = REDIS.pop(WORKER);
      assertThat(again.redeliveries()).isEqualTo(reaped);
      assertThat(queue.state(task.taskId()))
          .containsEntry("redeliveries", String.valueOf(reaped))
          .containsEntry("deliveries", String.valueOf(reaped + 1));
    }
  }

  @Test
  void aRedeliveryCountThatIsNotANumberCountsFromZeroRatherThanStopTheReapHalfWay() {
    TaskEnvelope task = aPing();
    queue.enqueue("reconcile", task);
    REDIS.pop(WORKER);
    REDIS.with(j -> j.hset("reconciler:task:" + task.taskId(), "redeliveries", "lots"));

    assertThat(REDIS.reapDead(WORKER)).isEqualTo(1);

    assertThat(REDIS.list("resque:queue:reconcile")).hasSize(1);
    assertThat(queue.state(task.taskId())).containsEntry("redeliveries", "1");
  }

  @Test
  void anOperatorsRetryOfAFailedTaskStartsItsRedeliveriesAgain() {
    TaskEnvelope task = aPing();
    queue.enqueue("reconcile", task);
    REDIS.pop(WORKER);
    REDIS.reapDead(WORKER);
    Delivery d = REDIS.pop(WORKER);
    REDIS.with(
        j -> queue.fail(j, WORKER, d, task.taskId(), new IllegalStateException("x"), List.of()));
    byte[] record = REDIS.stored("resque:failed").get(0);

    queue.retryFailed(0, record, "reconcile", task.firstAttempt());

    assertThat(queue.state(task.taskId())).containsEntry("redeliveries", "0");
    assertThat(REDIS.pop(WORKER).redeliveries()).isZero();
  }
}
