package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes: which config file, and how chatty to be. */
final class CommonOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "config file (default: $RECONCILER_CONFIG, else ./config.ini if present, else built-in defaults)")
  Path config;

  @Option(
      names = {"-v", "--verbose"},
      description = "log to the console and show stack traces")
  boolean verbose;

  /** Loads settings and configures logging; call once, first thing in a command. */
  Settings settings() {
    return settings(false);
  }

  /**
   * @param service true for long-running processes (worker, scheduler): they log to the console at
   *     the configured level, for journald
   */
  Settings settings(boolean service) {
    Settings settings = SettingsLoader.load(configFile(), System.getenv());
    LoggingSetup.configure(settings, service || verbose);
    return settings;
  }

  /**
   * Refuses --db (a SQLite file) when [database] url is PostgreSQL, where {@code what} (say "the
   * tables") go instead.
   */
  static void refuseDbOnPostgres(Path db, Settings settings, String what) {
    if (db != null && settings.database().postgres()) {
      throw new UserError(
          "--db names a SQLite file, but [database] url is PostgreSQL: " + what + " go there");
    }
  }

  Path configFile() {
    if (config != null) {
      return config;
    }
    String fromEnv = System.getenv("RECONCILER_CONFIG");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    Path local = Path.of("config.ini");
    return Files.isRegularFile(local) ? local : null;
  }
}
