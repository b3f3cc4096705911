package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.config.PasswordHash;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebCommandTest {
  private static CliRunner.Run withStdin(String input, String... args) {
    InputStream in = System.in;
    try {
      System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
      return CliRunner.run(args);
    } finally {
      System.setIn(in);
    }
  }

  @Test
  void hashPasswordPrintsAHashOfTheLineOnStdinForWebUsers() {
    CliRunner.Run run = withStdin("a long password\n", "web", "--hash-password");
    assertThat(run.code()).isZero();
    PasswordHash hash = PasswordHash.parse(run.out().strip());
    assertThat(hash.iterations()).isEqualTo(PasswordHash.DEFAULT_ITERATIONS);
    assertThat(hash.matches("a long password".toCharArray())).isTrue();
    assertThat(run.out()).doesNotContain("a long password");
  }

  @Test
  void aShortPasswordIsRefusedWithOneLine() {
    CliRunner.Run run = withStdin("short\n", "web", "--hash-password");
    assertThat(run.code()).isEqualTo(Main.USER_ERROR);
    assertThat(run.err()).contains("at least 8 characters");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aBadBindIsAUserError(@TempDir Path dir) throws Exception {
    // Console logging only: no log file in the module's directory.
    Path config = Files.writeString(dir.resolve("config.ini"), "[logging]\nfile =\n");
    CliRunner.Run run = CliRunner.run("web", "--bind", "nowhere", "--config", config.toString());
    assertThat(run.code()).isEqualTo(Main.USER_ERROR);
    assertThat(run.err()).contains("--bind 'nowhere' is invalid: expected host:port");
  }
}
