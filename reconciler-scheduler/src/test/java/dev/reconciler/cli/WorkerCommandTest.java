package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** worker's -c and -Q are held to what [worker] concurrency and queues accept. */
class WorkerCommandTest {
  @TempDir Path dir;
  private String config;

  @BeforeEach
  void consoleLoggingOnly() throws Exception {
    // No log file in the module's directory.
    config = Files.writeString(dir.resolve("config.ini"), "[logging]\nfile =\n").toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "65"})
  void aConcurrencyOutsideOneTo64IsAUserErrorNamingTheFlag(String n) {
    CliRunner.Run run = CliRunner.run("worker", "-c", n, "--config", config);

    assertThat(run.code()).isEqualTo(Main.USER_ERROR);
    assertThat(run.err())
        .isEqualTo(
            "reconciler: error: -c/--concurrency "
                + n
                + " is invalid: expected a whole number from 1 to 64, as [worker] concurrency\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "bad name!", "reconcile,bad/queue"})
  void aQueueNameTheConfigWouldRefuseIsAUserErrorNamingTheFlag(String queues) {
    CliRunner.Run run = CliRunner.run("worker", "-Q", queues, "--config", config);

    assertThat(run.code()).isEqualTo(Main.USER_ERROR);
    assertThat(run.err())
        .startsWith("reconciler: error: -Q/--queues '")
        .endsWith(
            "' is invalid: expected queue names of letters, digits, '_', '.' or '-', as [worker]"
                + " queues\n");
  }

  /**
   * On PostgreSQL a pool smaller than four sessions per task at once is refused before the worker
   * connects anywhere (the server named here is not there), however the concurrency is given.
   */
  @ParameterizedTest
  @ValueSource(strings = {"-c 3", "[worker] concurrency = 3"})
  void aPoolTooSmallForTheConcurrencyIsAUserError(String concurrency) throws Exception {
    boolean flag = concurrency.startsWith("-c");
    String ini =
        "[logging]\nfile =\n[database]\nurl = jdbc:postgresql://127.0.0.1:1/none\npool_size = 8\n"
            + (flag ? "" : "[worker]\nconcurrency = 3\n");
    Files.writeString(dir.resolve("config.ini"), ini);

    CliRunner.Run run =
        flag
            ? CliRunner.run("worker", "-c", "3", "--config", config)
            : CliRunner.run("worker", "--config", config);

    assertThat(run.code()).isEqualTo(Main.USER_ERROR);
    assertThat(run.err())
        .isEqualTo(
            "reconciler: error: [database] pool_size = 8 is too small for 3 tasks at once"
                + " (-c/--concurrency or [worker] concurrency): a run holds up to 4 sessions at"
                + " once, so it must be at least 12\n");
  }
}
