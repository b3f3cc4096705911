package dev.reconciler.worker.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {
  @Test
  void aFreePortCanBeBoundAndLiesBelowTheEphemeralRangeWhereThatIsKnown() throws Exception {
    Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    for (int i = 0; i < 20; i++) {
      int port = LoopbackPorts.free();
      try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertThat(bound.getLocalPort()).isEqualTo(port);
      }
      if (Files.isReadable(range)) {
        int first = Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]);
        assertThat(port).isBetween(10_000, first - 1);
      }
    }
  }
}
