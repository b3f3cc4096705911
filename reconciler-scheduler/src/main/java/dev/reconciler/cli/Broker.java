package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.worker.queue.EmbeddedRedis;
import dev.reconciler.worker.queue.RedisConnector;
import dev.reconciler.worker.queue.TaskQueue;
import dev.reconciler.worker.queue.WorkerRegistry;
import java.time.Clock;
import org.slf4j.LoggerFactory;

/** The Redis side of a process: the connection (starting an embedded Redis when configured). */
final class Broker implements AutoCloseable {
  final EmbeddedRedis embedded;
  final RedisConnector redis;
  final TaskQueue queue;
  final WorkerRegistry workers;

  private Broker(EmbeddedRedis embedded, RedisConnector redis, Settings settings, Clock clock) {
    this.embedded = embedded;
    this.redis = redis;
    this.queue =
        new TaskQueue(redis, settings.redis().namespace(), settings.worker().resultExpiry(), clock);
    this.workers =
        new WorkerRegistry(
            redis, settings.redis().namespace(), settings.worker().heartbeatTtl(), clock);
  }

  /** For long-running processes: an embedded Redis is started when [redis] url asks for one. */
  static Broker start(Settings settings, Clock clock, int connections) {
    EmbeddedRedis embedded = settings.redis().embedded() ? EmbeddedRedis.start() : null;
    if (embedded != null) {
      LoggerFactory.getLogger(Broker.class)
          .warn(
              "[redis] url is '{}': started a private Redis at {} that only "
                  + "this process uses; set [redis] url to share work between processes",
              settings.redis().url(),
              embedded.url());
    }
    String url = embedded != null ? embedded.url() : settings.redis().url();
    RedisConnector redis = RedisConnector.of(settings.redis(), url, connections);
    if (embedded == null) {
      try {
        redis.checkAtStart();
      } catch (RuntimeException e) {
        redis.close();
        throw e;
      }
    }
    return new Broker(embedded, redis, settings, clock);
  }

  /** For operator commands, which must reach the Redis the workers share. */
  static Broker connect(Settings settings, Clock clock) {
    if (settings.redis().embedded()) {
      throw new UserError(
          "[redis] url is '"
              + settings.redis().url()
              + "', a private embedded Redis that other "
              + "processes cannot see: set [redis] url (or RECONCILER_REDIS_URL) to the workers' Redis, "
              + "or use 'reconciler demo' to try everything in one process");
    }
    return start(settings, clock, 4);
  }

  @Override
  public void close() {
    redis.close();
    if (embedded != null) {
      embedded.stop();
    }
  }
}
