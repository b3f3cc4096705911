package dev.reconciler.worker.queue;

import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.UserError;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A Redis key of another type than Reconciler gives it (a task state that is a string, a failed
 * list that is a hash): something else wrote it. Whoever can write Redis can do that, so reading
 * such a key says which key and what it holds, in one line, instead of Redis' bare WRONGTYPE.
 */
public final class WrongTypeKey extends UserError {
  private static final long serialVersionUID = 1L;

  /** Longest key shown: keys embed queue and worker names, which are Redis data too. */
  private static final int MAX_KEY = 300;

  private WrongTypeKey(String key, String actual, String expected, Throwable cause) {
    super(
        "Redis key "
            + SafeText.line(key, MAX_KEY)
            + " is a "
            + SafeText.line(actual, 20)
            + ", not a "
            + expected
            + ", so Reconciler did not write it (remove it if nothing else uses it)",
        cause);
  }

  /**
   * Runs {@code read}, which reads {@code key} as a {@code expected} (Redis' type name); a
   * WRONGTYPE reply, from a command or from a script, becomes a {@link WrongTypeKey}.
   */
  static <T> T read(Jedis jedis, String key, String expected, Function<Jedis, T> read) {
    try {
      return read.apply(jedis);
    } catch (JedisDataException e) {
      if (e.getMessage() == null || !e.getMessage().contains("WRONGTYPE")) {
        throw e;
      }
      throw new WrongTypeKey(key, jedis.type(key), expected, e);
    }
  }
}
