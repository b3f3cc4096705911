package dev.reconciler.worker.queue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports on 127.0.0.1 for a server started after the port is chosen (an embedded Redis, a
 * test's SMTP server) and perhaps started again on it. A port the kernel hands out for binding port
 * 0 lies in its ephemeral range, which every outgoing connection of the machine also draws from:
 * between the choice and the server's bind, or while the server is restarted, a connection could
 * take it. Where the range is known (Linux), the port is chosen below it instead, where only a
 * server that asks for that very port can.
 */
public final class LoopbackPorts {
  private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final int LOWEST = 10_000;

  private LoopbackPorts() {}

  /** A port nothing listens on now, below the ephemeral range where that is known. */
  public static int free() {
    int below = ephemeralStart();
    for (int attempt = 0; below - LOWEST >= 1_000 && attempt < 50; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
      if (bindable(port)) {
        return port;
      }
    }
    return anyFree();
  }

  /** The first port of the kernel's ephemeral range, or 0 where it is not known. */
  private static int ephemeralStart() {
    // Read as a stream: Files.readString trusts the size /proc reports (0) and returns one byte.
    try (BufferedReader in = Files.newBufferedReader(RANGE, StandardCharsets.US_ASCII)) {
      return Integer.parseInt(in.readLine().trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int anyFree() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
