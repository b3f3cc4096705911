package dev.reconciler.worker.queue;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.Jedis;

/**
 * A real Redis for the queue's script tests, registered as a static extension: started once per
 * class, emptied before each test, stopped after the class.
 */
final class QueueRedis implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  private EmbeddedRedis redis;
  private RedisConnector connector;

  @Override
  public void beforeAll(ExtensionContext context) {
    redis = EmbeddedRedis.start();
    connector = new RedisConnector(redis.url(), 5_000, 2);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    connector.close();
    redis.stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    connector.with(Jedis::flushAll);
  }

  RedisConnector connector() {
    return connector;
  }

  /** A queue on the "resque" namespace whose task states live an hour. */
  TaskQueue queue(Clock clock) {
    return new TaskQueue(connector, "resque", Duration.ofHours(1), clock);
  }
}
