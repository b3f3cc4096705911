package dev.reconciler.cli;

import dev.reconciler.core.config.PasswordHash;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.web.WebServer;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** reconciler web: the web console and /metrics until SIGTERM/SIGINT; or a password's hash. */
@Command(
    name = "web",
    mixinStandardHelpOptions = true,
    description =
        "Serve the web console (overview, tasks, failed, runs, schedule, actions) and /metrics on "
            + "[web] bind until SIGTERM or Ctrl-C. With --hash-password, print the hash of a "
            + "password for [web] users and exit.")
final class WebCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin WebOptions web;

  @Option(
      names = "--hash-password",
      description =
          "read a password (from the terminal, twice, or one line of stdin) and print its hash "
              + "for [web] users = NAME:ROLE:HASH")
  boolean hashPassword;

  @Override
  @SuppressWarnings("try") // the server is only closed, at the end, by the try
  public Integer call() throws Exception {
    if (hashPassword) {
      char[] password = readPassword();
      System.out.println(PasswordHash.of(password, PasswordHash.DEFAULT_ITERATIONS).text());
      Arrays.fill(password, '\0');
      return 0;
    }
    Settings settings = common.settings(true);
    web.where(settings);
    Clock clock = Clock.systemUTC();
    CountDownLatch stop = Signals.stopLatch();
    try (Broker broker = Broker.connect(settings, clock);
        WebServer server = web.start(settings, broker, clock)) {
      stop.await();
    }
    return 0;
  }

  private static char[] readPassword() {
    Console console = System.console();
    if (console != null) {
      char[] first = console.readPassword("Password: ");
      char[] again = console.readPassword("Again: ");
      if (first == null || !Arrays.equals(first, again)) {
        throw new UserError("the two passwords differ");
      }
      return checked(first);
    }
    try {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return checked(line == null ? new char[0] : line.toCharArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static char[] checked(char[] password) {
    if (password.length < 8) {
      throw new UserError("a password needs at least 8 characters");
    }
    return password;
  }
}
