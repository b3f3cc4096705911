package dev.reconciler.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class EmbeddedRedisIT {
  @Test
  void aPortTakenBetweenTheChoiceAndTheStartIsLeftForAnother() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int free = LoopbackPorts.free();
      Iterator<Integer> ports = List.of(taken.getLocalPort(), free).iterator();
      try (EmbeddedRedis redis = EmbeddedRedis.startOnAFreePort(null, ports::next);
          Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
        assertThat(redis.port()).isEqualTo(free);
        assertThat(jedis.ping()).isEqualTo("PONG");
      }
    }
  }

  @Test
  void aStartThatKeepsMeetingTakenPortsFailsNamingTheLastPort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> EmbeddedRedis.startOnAFreePort(null, taken::getLocalPort))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessage("cannot start embedded Redis on port " + taken.getLocalPort());
    }
  }
}
