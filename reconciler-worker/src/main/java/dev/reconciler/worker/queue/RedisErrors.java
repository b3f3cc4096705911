package dev.reconciler.worker.queue;

import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Tells what the queue's calls throw apart without naming the client library: a worker waits out a
 * Redis error and retries, but lets its own bugs surface. The exceptions themselves are left as
 * they are, since the CLI's messages and {@link RedisConnector}'s refusals depend on their types.
 */
public final class RedisErrors {
  private RedisErrors() {}

  /** Redis could not be reached or refused a command (a script's error included). */
  public static boolean isRedisError(Throwable e) {
    return e instanceof JedisException;
  }

  /** The connection failed: Redis down or unreachable, or a password or certificate refused. */
  public static boolean isConnectionError(Throwable e) {
    return e instanceof JedisConnectionException;
  }
}
