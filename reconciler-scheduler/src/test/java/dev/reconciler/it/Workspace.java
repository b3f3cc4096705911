package dev.reconciler.it;

import dev.reconciler.core.config.SameDaySettings;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.generate.GroundTruth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One test's directory tree (input database, reports, outbox, logs, temp files) and the
 * RECONCILER_* environment that points a child process at it. The test JVM loads its settings from
 * the same variables, so both sides agree on queues and paths.
 */
record Workspace(Path root) {
  /** Heartbeat period and expiry (seconds): short, so a dead worker is reaped within seconds. */
  static final String HEARTBEAT = "1";

  static final String HEARTBEAT_TTL = "3";

  Path database() {
    return root.resolve("input/reconciler.db");
  }

  Path reports() {
    return root.resolve("reports");
  }

  Path outbox() {
    return root.resolve("outbox");
  }

  Path logs() {
    return root.resolve("logs");
  }

  /** java.io.tmpdir of the children: POI's spill files of a killed worker stay in here. */
  Path tmp() {
    return root.resolve("tmp");
  }

  /** Worker settings: this tree, the given Redis, short heartbeats, console logs, outbox mail. */
  Map<String, String> env(String redisUrl, int shutdownGraceSeconds) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("RECONCILER_REDIS_URL", redisUrl);
    env.put("RECONCILER_WORKER_HEARTBEAT_SECONDS", HEARTBEAT);
    // One day's ground truth is the window-0 truth; tests of the window set their own.
    env.put(SameDaySettings.WINDOW, "0");
    env.put("RECONCILER_WORKER_HEARTBEAT_TTL_SECONDS", HEARTBEAT_TTL);
    env.put("RECONCILER_WORKER_SHUTDOWN_GRACE_SECONDS", String.valueOf(shutdownGraceSeconds));
    env.put("RECONCILER_PATHS_DATA_DIR", root.resolve("data").toString());
    env.put("RECONCILER_PATHS_DATABASE", database().toString());
    env.put("RECONCILER_PATHS_REPORT_DIR", reports().toString());
    env.put("RECONCILER_PATHS_OUTBOX_DIR", outbox().toString());
    env.put("RECONCILER_PATHS_LOG_DIR", logs().toString());
    env.put("RECONCILER_LOGGING_FILE", "");
    env.put("RECONCILER_EMAIL_HOST", "");
    return env;
  }

  /** The settings a child started with {@link #env} runs with. */
  Settings settings(Map<String, String> env) {
    return SettingsLoader.load(null, env);
  }

  /** Generates one business day of {@code transactions} into {@link #database()}. */
  GroundTruth generate(LocalDate date, int transactions) throws IOException {
    return generate(date, transactions, new DataGenerator(Progress.NONE));
  }

  /**
   * Generates one business day of {@code transactions} where {@code settings} keep the input: the
   * SQLite file {@link #database()}, or the PostgreSQL database of [database] url.
   */
  GroundTruth generate(LocalDate date, int transactions, Settings settings) throws IOException {
    return generate(
        date, transactions, DataGenerator.writingTo(settings.database(), Progress.NONE));
  }

  private GroundTruth generate(LocalDate date, int transactions, DataGenerator generator)
      throws IOException {
    Files.createDirectories(database().getParent());
    return generator.generate(spec(date, transactions), database(), truthFile());
  }

  /** What {@link #generate} writes: one day of {@code transactions}, always the same ones. */
  static GenerationSpec spec(LocalDate date, int transactions) {
    return new GenerationSpec(
        date,
        transactions,
        42,
        ZoneId.of("UTC"),
        new BigDecimal("0.01"),
        GenerationSpec.Rates.defaults());
  }

  /** The ground truth {@link #generate} writes next to the database. */
  Path truthFile() {
    return database().resolveSibling("truth.json");
  }

  /** Every entry of a directory, hidden ones included, by name; empty if it does not exist. */
  static List<String> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A new temporary directory that lasts the test JVM: it and everything in it are deleted when the
   * JVM ends, as far as they can be (what is left is the system's to clean).
   */
  static Path deletedAtExit(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteAll(dir)));
    return dir;
  }

  private static void deleteAll(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // The JVM is ending; a temporary file left behind is the system's to clean.
    }
  }
}
