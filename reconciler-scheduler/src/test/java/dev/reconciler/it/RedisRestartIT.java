package dev.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reconciler.worker.jobs.TaskCatalog;
import dev.reconciler.worker.queue.EmbeddedRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Redis goes away and comes back empty on the same port: the worker survives and serves again. */
class RedisRestartIT {
  @RegisterExtension final ChildJvms children = new ChildJvms();

  @TempDir Path dir;

  private EmbeddedRedis redis;
  private QueueProbe probe;
  private Workspace ws;
  private Map<String, String> env;

  @BeforeEach
  void setUp() {
    ws = new Workspace(dir);
    redis = EmbeddedRedis.start();
    env = ws.env(redis.url(), 10);
    probe = new QueueProbe(redis.url(), ws.settings(env));
  }

  @AfterEach
  void tearDown() {
    probe.close();
    redis.stop();
  }

  @Test
  void workerReconnectsAndRegistersAgainAfterRedisRestarts() throws Exception {
    ChildJvms.Child worker = children.worker("worker", ws, env, "reconcile,alerts");
    String before = probe.send(TaskCatalog.PING, List.of());
    await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCESS".equals(probe.state(before)));

    probe.close();
    redis.stop();
    await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).until(worker::isAlive);

    redis = EmbeddedRedis.start(redis.port());
    probe = new QueueProbe(redis.url(), ws.settings(env));
    String after = probe.send(TaskCatalog.PING, List.of());
    await().atMost(Duration.ofSeconds(15)).until(() -> "SUCCESS".equals(probe.state(after)));
    await().atMost(Duration.ofSeconds(5)).until(() -> probe.workerOf(worker).isPresent());
    assertThat(worker.isAlive()).isTrue();
    assertThat(worker.output())
        .contains("Redis restarted (run id changed); registering workers again");
  }
}
