package dev.reconciler.worker.queue;

import java.util.regex.Pattern;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Tells what the queue's calls throw apart without naming the client library: a worker waits out a
 * Redis error and retries, but lets its own bugs surface. The exceptions themselves are left as
 * they are, since the CLI's messages and {@link RedisConnector}'s refusals depend on their types.
 */
public final class RedisErrors {
  /**
   * Replies that refuse a command for the moment, not for what it does: a loading or busy server, a
   * replica, full memory, a failed save. A script meets them at its first write (Redis checks them
   * there), so it did nothing and may be run again. A reply to the data (WRONGTYPE, a counter that
   * is no number) comes back the same however often it is asked.
   */
  private static final Pattern PASSING =
      Pattern.compile(
          "(?:^|: -?)(?:LOADING|BUSY|READONLY|OOM|MISCONF|MASTERDOWN|TRYAGAIN|NOREPLICAS"
              + "|CLUSTERDOWN)\\b");

  private RedisErrors() {}

  /** Redis could not be reached or refused a command (a script's error included). */
  public static boolean isRedisError(Throwable e) {
    return e instanceof JedisException;
  }

  /** The connection failed: Redis down or unreachable, or a password or certificate refused. */
  public static boolean isConnectionError(Throwable e) {
    return e instanceof JedisConnectionException;
  }

  /**
   * Redis is away or refuses commands for now: the same call may succeed later. Otherwise a Redis
   * error is a refusal of this call on this data, which waiting does not change.
   */
  public static boolean isOutage(Throwable e) {
    if (!(e instanceof JedisDataException)) {
      return isRedisError(e);
    }
    return e.getMessage() != null && PASSING.matcher(e.getMessage()).find();
  }
}
