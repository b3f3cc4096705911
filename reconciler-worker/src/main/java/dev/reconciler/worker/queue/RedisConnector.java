package dev.reconciler.worker.queue;

import dev.reconciler.core.config.Settings;
import java.net.URI;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/** A pool of Redis connections for one URL (redis:// or rediss:// with optional user:password). */
public final class RedisConnector implements AutoCloseable {
  private final JedisPool pool;
  private final String display;

  public RedisConnector(String url, int timeoutMs, int maxConnections) {
    JedisPoolConfig config = new JedisPoolConfig();
    config.setMaxTotal(maxConnections);
    config.setMaxIdle(maxConnections);
    config.setTestOnBorrow(false);
    config.setTestWhileIdle(true);
    this.pool = new JedisPool(config, URI.create(url), timeoutMs);
    this.display = url.replaceAll("(://[^:@/]*:)[^@/]*@", "$1****@");
  }

  /** For settings whose [redis] url is a real server (the embedded case resolves its URL first). */
  public static RedisConnector of(Settings.Redis redis, String url, int maxConnections) {
    return new RedisConnector(url, redis.timeoutMs(), maxConnections);
  }

  /** Runs {@code work} with a pooled connection. */
  public <T> T with(Function<Jedis, T> work) {
    try (Jedis jedis = pool.getResource()) {
      return work.apply(jedis);
    }
  }

  /** A dedicated connection the caller closes (for blocking calls). */
  public Jedis borrow() {
    return pool.getResource();
  }

  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return display;
  }
}
