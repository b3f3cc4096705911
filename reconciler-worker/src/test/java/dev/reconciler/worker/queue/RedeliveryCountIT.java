package dev.reconciler.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.worker.task.TaskEnvelope;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** reap.lua counts each return of a job from a dead worker, and pop.lua hands the count over. */
class RedeliveryCountIT {
  private static final String WORKER = "host:1-1:reconcile";

  @RegisterExtension static final QueueRedis REDIS = new QueueRedis();

  private final Clock clock = Clock.systemUTC();
  private TaskQueue queue;

  @BeforeEach
  void emptyRedis() {
    queue = REDIS.queue(clock);
  }

  @Test
  void eachReapOfAJobCountsOneRedeliveryThatTheNextPopReports() {
    TaskEnvelope task = TaskEnvelope.create("ping", List.of(), clock.millis());
    queue.enqueue("reconcile", task);
    assertThat(popAsDeadWorker().redeliveries()).isZero();

    for (int reaped = 1; reaped <= 3; reaped++) {
      assertThat(reap()).isEqualTo(1);
      Delivery again = popAsDeadWorker();
      assertThat(again.redeliveries()).isEqualTo(reaped);
      assertThat(queue.state(task.taskId()))
          .containsEntry("redeliveries", String.valueOf(reaped))
          .containsEntry("deliveries", String.valueOf(reaped + 1));
    }
  }

  @Test
  void aRedeliveryCountThatIsNotANumberCountsFromZeroRatherThanStopTheReapHalfWay() {
    TaskEnvelope task = TaskEnvelope.create("ping", List.of(), clock.millis());
    queue.enqueue("reconcile", task);
    popAsDeadWorker();
    REDIS.connector().with(j -> j.hset("reconciler:task:" + task.taskId(), "redeliveries", "lots"));

    assertThat(reap()).isEqualTo(1);

    assertThat(list("resque:queue:reconcile")).hasSize(1);
    assertThat(queue.state(task.taskId())).containsEntry("redeliveries", "1");
  }

  @Test
  void anOperatorsRetryOfAFailedTaskStartsItsRedeliveriesAgain() {
    TaskEnvelope task = TaskEnvelope.create("ping", List.of(), clock.millis());
    queue.enqueue("reconcile", task);
    popAsDeadWorker();
    reap();
    Delivery d = popAsDeadWorker();
    REDIS
        .connector()
        .with(
            j -> {
              queue.fail(j, WORKER, d, task.taskId(), new IllegalStateException("x"), List.of());
              return null;
            });
    String record = list("resque:failed").get(0);

    queue.retryFailed(0, record, "reconcile", task.firstAttempt());

    assertThat(queue.state(task.taskId())).containsEntry("redeliveries", "0");
    assertThat(popAsDeadWorker().redeliveries()).isZero();
  }

  /** Pops as a registered worker without a heartbeat: dead, as far as the reaper can tell. */
  private Delivery popAsDeadWorker() {
    REDIS.connector().with(j -> j.sadd("resque:workers", WORKER));
    return REDIS.connector().with(j -> queue.pop(j, WORKER, List.of("reconcile")));
  }

  private int reap() {
    return REDIS.connector().with(j -> queue.reap(j, WORKER));
  }

  private static List<String> list(String key) {
    return REDIS.connector().with(j -> j.lrange(key, 0, -1));
  }
}
