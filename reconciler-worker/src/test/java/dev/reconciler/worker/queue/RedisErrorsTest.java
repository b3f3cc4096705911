package dev.reconciler.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** Replies as Redis 6.2 words them, from a command and from inside a script. */
class RedisErrorsTest {
  private static final String SCRIPT = "ERR Error running script (call to f_43672587cf): ";

  @Test
  void aConnectionFailureOrARefusalForNowIsAnOutage() {
    assertThat(RedisErrors.isOutage(new JedisConnectionException("Connection refused"))).isTrue();
    assertThat(RedisErrors.isOutage(new JedisBusyException("BUSY Redis is busy running a script")))
        .isTrue();
    assertThat(RedisErrors.isOutage(data("LOADING Redis is loading the dataset in memory")))
        .isTrue();
    assertThat(RedisErrors.isOutage(data("READONLY You can't write against a read only replica.")))
        .isTrue();
    assertThat(
            RedisErrors.isOutage(
                data(
                    SCRIPT
                        + "@user_script:1: @user_script: 1: -OOM command not allowed when used"
                        + " memory > 'maxmemory'.")))
        .isTrue();
  }

  @Test
  void aScriptRefusedForItsDataIsNoOutage() {
    assertThat(
            RedisErrors.isOutage(
                data(SCRIPT + "@user_script:5: ERR value is not an integer or out of range")))
        .isFalse();
    assertThat(
            RedisErrors.isOutage(
                data(
                    SCRIPT
                        + "@user_script:1: WRONGTYPE Operation against a key holding the wrong"
                        + " kind of value")))
        .isFalse();
    assertThat(RedisErrors.isOutage(data("ERR value is not an integer or out of range"))).isFalse();
    assertThat(RedisErrors.isOutage(new IllegalStateException("BUSY"))).isFalse();
  }

  private static JedisDataException data(String message) {
    return new JedisDataException(message);
  }
}
