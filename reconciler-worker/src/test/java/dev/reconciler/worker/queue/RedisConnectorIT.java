package dev.reconciler.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Credentials and failures against a real Redis that requires a password: percent-encoded passwords
 * authenticate, and a refused password or a closed port is named by host:port alone.
 */
class RedisConnectorIT {
  /** Holds what a URL must encode: @ / : % space ; #. */
  private static final String PASSWORD = "p@ss/w:o%rd ;#";

  private static final String ENCODED = "p%40ss%2Fw%3Ao%25rd%20%3B%23";

  private static EmbeddedRedis redis;

  @BeforeAll
  static void startRedis() {
    redis = EmbeddedRedis.startRequiringPassword(PASSWORD);
  }

  @AfterAll
  static void stopRedis() {
    redis.stop();
  }

  private static String url(String login) {
    return "redis://" + login + "127.0.0.1:" + redis.port() + "/0";
  }

  @Test
  void aPercentEncodedPasswordAuthenticates() {
    for (String login : new String[] {":" + ENCODED + "@", "default:" + ENCODED + "@"}) {
      try (RedisConnector connector = new RedisConnector(url(login), 2_000, 1)) {
        assertThat(connector.<String>with(j -> j.ping())).as(login).isEqualTo("PONG");
      }
    }
  }

  @Test
  void aWrongPasswordIsNamedAsSuchWithHostAndPortButNotThePassword() {
    try (RedisConnector connector = new RedisConnector(url(":Wr0ngPassw0rd@"), 2_000, 1)) {
      assertThatThrownBy(() -> connector.with(j -> j.ping()))
          .isInstanceOf(JedisConnectionException.class)
          .hasMessageStartingWith(
              "Redis at 127.0.0.1:" + redis.port() + " refused the password in [redis] url (")
          .hasMessageNotContaining("Wr0ngPassw0rd");
    }
  }

  @Test
  void noPasswordForARedisThatRequiresOneSaysSo() {
    try (RedisConnector connector = new RedisConnector(url(""), 2_000, 1)) {
      assertThatThrownBy(() -> connector.with(j -> j.ping()))
          .isInstanceOf(JedisConnectionException.class)
          .hasMessageStartingWith("Redis at 127.0.0.1:" + redis.port() + " requires a password")
          .hasMessageContaining("NOAUTH");
      // Unauthenticated, Redis refuses a long command with a protocol error and hangs up.
      String[] keys = new String[20];
      java.util.Arrays.fill(keys, "k");
      assertThatThrownBy(() -> connector.with(j -> j.del(keys)))
          .isInstanceOf(JedisConnectionException.class)
          .hasMessageStartingWith("Redis at 127.0.0.1:" + redis.port() + " requires a password");
    }
  }

  @Test
  void aClosedPortIsNamedWithHostAndPort() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    try (RedisConnector connector =
        new RedisConnector("redis://:" + ENCODED + "@127.0.0.1:" + closed, 2_000, 1)) {
      assertThatThrownBy(() -> connector.with(j -> j.ping()))
          .isInstanceOf(JedisConnectionException.class)
          .hasMessage("cannot reach Redis at 127.0.0.1:" + closed + ": Connection refused");
    }
  }
}
