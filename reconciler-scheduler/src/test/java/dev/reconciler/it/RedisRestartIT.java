package dev.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reconciler.core.testing.WaitBound;
import dev.reconciler.worker.jobs.TaskCatalog;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redis goes away and comes back empty on the same port: the worker survives and serves again. */
@WaitBound
class RedisRestartIT {
  @RegisterExtension final ChildJvms children = new ChildJvms();

  @RegisterExtension final QueueWorld world = new QueueWorld(10);

  @Test
  void workerReconnectsAndRegistersAgainAfterRedisRestarts() throws Exception {
    ChildJvms.Child worker = children.worker("worker", world.ws(), world.env(), "reconcile,alerts");
    String before = world.probe().send(TaskCatalog.PING, List.of());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "SUCCESS".equals(world.probe().state(before)));

    world.stopRedis();
    await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).until(worker::isAlive);

    world.startRedisAgain();
    String after = world.probe().send(TaskCatalog.PING, List.of());
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> "SUCCESS".equals(world.probe().state(after)));
    await().atMost(Duration.ofSeconds(5)).until(() -> world.probe().workerOf(worker).isPresent());
    assertThat(worker.isAlive()).isTrue();
    assertThat(worker.output())
        .contains("Redis restarted (run id changed); registering workers again");
  }
}
