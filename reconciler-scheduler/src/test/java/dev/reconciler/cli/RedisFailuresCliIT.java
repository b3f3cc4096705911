package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.worker.queue.EmbeddedRedis;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator sees when [redis] url is wrong or its Redis is down: what, and where. */
class RedisFailuresCliIT {
  private static final String SECRET = "S3cr3t-Pw";

  @TempDir Path dir;

  private String config(String url) throws IOException {
    Path ini = dir.resolve("config.ini");
    Files.writeString(
        ini, "[redis]\nurl = " + url + "\n[paths]\nlog_dir = " + dir.resolve("logs") + "\n");
    return ini.toString();
  }

  private static void assertOneLine(CliRunner.Run r) {
    assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    assertThat(r.err()).doesNotContain(SECRET).doesNotContain("\tat ");
  }

  @Test
  void anUnparseableUrlIsAOneLineConfigErrorWithThePasswordMasked() throws IOException {
    CliRunner.Run r =
        CliRunner.run("inspect", "--config", config("redis://:" + SECRET + " x@127.0.0.1:6390/0"));
    assertThat(r.code()).isEqualTo(Main.USER_ERROR);
    assertOneLine(r);
    assertThat(r.err()).contains("[redis] url = 'redis://:****@127.0.0.1:6390/0' is invalid");
  }

  @Test
  void aWrongPasswordIsAConfigErrorNamingHostAndPort() throws IOException {
    try (EmbeddedRedis redis = EmbeddedRedis.startRequiringPassword("right-one")) {
      CliRunner.Run r =
          CliRunner.run(
              "enqueue",
              "ping",
              "--config",
              config("redis://:" + SECRET + "@127.0.0.1:" + redis.port()));
      assertThat(r.code()).isEqualTo(Main.USER_ERROR);
      assertOneLine(r);
      assertThat(r.err())
          .startsWith(
              "reconciler: error: Redis at 127.0.0.1:" + redis.port() + " refused the password");
    }
  }

  @Test
  void redisDownDuringEnqueueNamesHostAndPort() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    CliRunner.Run r =
        CliRunner.run(
            "enqueue", "ping", "--config", config("redis://:" + SECRET + "@127.0.0.1:" + closed));
    assertThat(r.code()).isEqualTo(Main.FAILURE);
    assertOneLine(r);
    assertThat(r.err())
        .startsWith(
            "reconciler: failed: cannot reach Redis at 127.0.0.1:"
                + closed
                + ": Connection refused")
        .doesNotContain("Could not get a resource from the pool");
  }
}
