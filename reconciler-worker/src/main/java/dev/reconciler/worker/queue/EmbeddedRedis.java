package dev.reconciler.worker.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * A private Redis from the embedded-redis jar, on 127.0.0.1 and a free port, persisting nothing:
 * for the demo, tests and "[redis] url = embedded". Not for production.
 */
public final class EmbeddedRedis implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);
  private static final int START_ATTEMPTS = 3;

  private final int port;
  private final Path dir;
  private final String password;
  private RedisServer server;

  private EmbeddedRedis(int port, String password) throws IOException {
    this.port = port;
    this.password = password;
    this.dir = Files.createTempDirectory("reconciler-redis");
  }

  /** Starts one on a free port. */
  public static EmbeddedRedis start() {
    return startOnAFreePort(null);
  }

  /** Starts one on a given port (tests restart Redis on the same port). */
  public static EmbeddedRedis start(int port) {
    return start(port, null);
  }

  /**
   * Starts one on a free port that requires {@code password} (Redis' requirepass), for tests of
   * authentication; the password must not hold a double quote or backslash.
   */
  public static EmbeddedRedis startRequiringPassword(String password) {
    return startOnAFreePort(password);
  }

  /**
   * Starts one on a port {@link LoopbackPorts#free} chose, or on another when a server that asked
   * for that very port took it first (tests start several at once).
   */
  private static EmbeddedRedis startOnAFreePort(String password) {
    return startOnAFreePort(password, LoopbackPorts::free);
  }

  /** As {@link #startOnAFreePort(String)}, the ports drawn from {@code ports}: for its test. */
  static EmbeddedRedis startOnAFreePort(String password, IntSupplier ports) {
    for (int attempt = 1; ; attempt++) {
      try {
        return start(ports.getAsInt(), password);
      } catch (UncheckedIOException e) {
        if (attempt == START_ATTEMPTS) {
          throw e;
        }
        log.warn("{}; trying another port", e.getMessage());
      }
    }
  }

  private static EmbeddedRedis start(int port, String password) {
    try {
      EmbeddedRedis redis = new EmbeddedRedis(port, password);
      redis.startServer();
      return redis;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded Redis on port " + port, e);
    }
  }

  private void startServer() throws IOException {
    RedisServerBuilder builder =
        RedisServer.newRedisServer()
            .port(port)
            .bind("127.0.0.1")
            .setting("save \"\"")
            .setting("appendonly no")
            .setting("dir " + dir)
            .setting("daemonize no")
            .onShutdownForceStop(true);
    if (password != null) {
      builder.setting("requirepass \"" + password + "\"");
    }
    server = builder.build();
    server.start();
    log.info("Embedded Redis started on 127.0.0.1:{}", port);
  }

  public int port() {
    return port;
  }

  /** Its URL, without the password (tests add one where they want it). */
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
}
