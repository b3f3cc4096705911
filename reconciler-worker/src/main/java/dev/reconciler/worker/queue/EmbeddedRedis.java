package dev.reconciler.worker.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A private Redis from the embedded-redis jar, on 127.0.0.1 and a free port, persisting nothing:
 * for the demo, tests and "[redis] url = embedded". Not for production.
 */
public final class EmbeddedRedis implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);

  private final int port;
  private final Path dir;
  private RedisServer server;

  private EmbeddedRedis(int port) throws IOException {
    this.port = port;
    this.dir = Files.createTempDirectory("reconciler-redis");
  }

  /** Starts one on a free port. */
  public static EmbeddedRedis start() {
    return start(freePort());
  }

  /** Starts one on a given port (tests restart Redis on the same port). */
  public static EmbeddedRedis start(int port) {
    try {
      EmbeddedRedis redis = new EmbeddedRedis(port);
      redis.startServer();
      return redis;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded Redis on port " + port, e);
    }
  }

  private void startServer() throws IOException {
    server =
        RedisServer.newRedisServer()
            .port(port)
            .bind("127.0.0.1")
            .setting("save \"\"")
            .setting("appendonly no")
            .setting("dir " + dir)
            .setting("daemonize no")
            .onShutdownForceStop(true)
            .build();
    server.start();
    log.info("Embedded Redis started on 127.0.0.1:{}", port);
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Stops the server; its data is gone. */
  public void stop() {
    try {
      if (server != null) {
        server.stop();
        server = null;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
