package dev.reconciler.it;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.generate.GroundTruth;
import dev.reconciler.core.runs.RunStore;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.core.store.EmbeddedPg;
import dev.reconciler.core.task.ReconcileArgs;
import dev.reconciler.worker.queue.EmbeddedRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test's world: a temp workspace, a real Redis on 127.0.0.1, the RECONCILER_* settings the
 * child workers get, and a probe into Redis. Set up before each test, torn down after it (after
 * {@link ChildJvms} has killed the children).
 */
final class QueueWorld implements BeforeEachCallback, AfterEachCallback {
  private final int graceSeconds;
  private final Map<String, String> extra = new LinkedHashMap<>();
  private Path dir;
  private Workspace ws;
  private EmbeddedRedis redis;
  private Map<String, String> env;
  private QueueProbe probe;

  QueueWorld(int graceSeconds) {
    this.graceSeconds = graceSeconds;
  }

  /** An extra setting for the children, e.g. a schedule. */
  QueueWorld with(String variable, String value) {
    extra.put(variable, value);
    return this;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("reconciler-it");
    ws = new Workspace(dir);
    redis = EmbeddedRedis.start();
    env = new LinkedHashMap<>(ws.env(redis.url(), graceSeconds));
    env.putAll(extra);
    probe = new QueueProbe(redis.url(), settings());
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    probe.close();
    redis.stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(QueueWorld::delete);
    }
  }

  Workspace ws() {
    return ws;
  }

  Map<String, String> env() {
    return env;
  }

  QueueProbe probe() {
    return probe;
  }

  Settings settings() {
    return ws.settings(env);
  }

  /**
   * Keeps everything of this test and of the children started after it (input, runs, parts,
   * workbooks, ledger) in a fresh store of {@code backend}; returns the settings they share.
   */
  Settings keepIn(Backend backend, EmbeddedPg pg) throws SQLException {
    env.putAll(backend.env(pg));
    return settings();
  }

  /** Generates one business day of {@code transactions} into this world's store. */
  GroundTruth generate(LocalDate day, int transactions) throws IOException {
    return ws.generate(day, transactions, settings());
  }

  /**
   * As {@link #keepIn} and then {@link #generate}, at a file copy's or a template database's cost:
   * keeps everything of this test and its children in a fresh store of {@code backend} that holds a
   * copy of {@code day}, generated once for the class. Returns the day's ground truth.
   */
  GroundTruth keepCopyIn(Backend backend, DayTemplate day) throws IOException, SQLException {
    env.putAll(day.copyInto(backend, ws.database(), ws.truthFile()));
    return day.truth(backend);
  }

  /** The store this world's runs are recorded in: the input database's, or PostgreSQL. */
  RunStore runs() {
    return RunStores.open(settings(), ws.database());
  }

  /** Enqueues the reconcile of {@code day} over the workspace's database; returns its task id. */
  String sendReconcile(LocalDate day) {
    return probe.send(
        ReconcileArgs.TASK,
        new ReconcileArgs(day, ws.database().toString(), ws.reports().toString()).toList());
  }

  /** Redis goes away, with everything in it. */
  void stopRedis() {
    probe.close();
    redis.stop();
  }

  /** A new, empty Redis on the same port. */
  void startRedisAgain() {
    redis = EmbeddedRedis.start(redis.port());
    probe = new QueueProbe(redis.url(), settings());
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
