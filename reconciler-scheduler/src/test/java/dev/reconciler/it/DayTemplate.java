package dev.reconciler.it;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.generate.GroundTruth;
import dev.reconciler.core.store.EmbeddedPg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One business day generated once per test run on each backend, and copied into every test's own
 * fresh store: generating a big day takes seconds, each time; copying it a fraction of one, and
 * several classes (the crash and revoke ITs) run the same day. On SQLite the copy is the generated
 * file's; on PostgreSQL a new database of the class made with the run's generated one as its
 * template ({@link EmbeddedPg#newCopyOfRunDatabase}). Each test still gets a store nobody else
 * touched, holding exactly the rows its own generating would have written (the generator is
 * deterministic in its spec), so what it changes (runs, part indexes, the ledger) never reaches the
 * next test. The class's {@link EmbeddedPg} drops its copies; the generated SQLite files go when
 * the test JVM ends.
 */
public final class DayTemplate {
  /** What generating wrote: the SQLite file (none on PostgreSQL), the truth file, the truth. */
  private record Generated(Path db, Path truthFile, GroundTruth truth) {}

  /** The days generated in this run, by spec and backend. */
  private static final Map<String, Generated> RUN = new ConcurrentHashMap<>();

  private static Path runDir;

  private final EmbeddedPg pg;
  private final GenerationSpec spec;

  /** The day of {@code spec}, generated on first use per backend in the run. */
  public DayTemplate(EmbeddedPg pg, GenerationSpec spec) {
    this.pg = pg;
    this.spec = spec;
  }

  /**
   * A fresh store of {@code backend} holding the day: on SQLite a copy of the generated file at
   * {@code db}; on PostgreSQL a new database copied from the generated one, and no file at {@code
   * db}. The ground truth goes to {@code truthFile} either way, as generating there would have put
   * it. Returns the overrides putting everything in that store, as {@link Backend#env} does (none
   * on SQLite).
   */
  public Map<String, String> copyInto(Backend backend, Path db, Path truthFile)
      throws IOException, SQLException {
    Map<String, String> env = Map.of();
    if (backend == Backend.POSTGRES) {
      // Made and filled once per run; the truth is kept while it is filled.
      env = Backend.copyOfRunDatabase(pg, name(), into -> generate(backend, into));
    } else {
      generate(backend, null);
    }
    Generated day = RUN.get(key(backend));
    Files.createDirectories(truthFile.toAbsolutePath().getParent());
    Files.copy(day.truthFile(), truthFile);
    if (backend == Backend.SQLITE) {
      Files.createDirectories(db.toAbsolutePath().getParent());
      Files.copy(day.db(), db);
    }
    return env;
  }

  /** The ground truth of the day, which every copy holds. */
  public GroundTruth truth(Backend backend) throws IOException, SQLException {
    return RUN.get(key(backend)).truth();
  }

  /**
   * Generates the day once per run: on SQLite into a file of the run's directory, on PostgreSQL
   * into {@code database} (the run's database being filled).
   */
  private void generate(Backend backend, Settings.Database database) throws IOException {
    // One lock for every instance: two classes (on the two threads of @WaitBound) asking for the
    // same day would otherwise both generate it into the same directory.
    synchronized (RUN) {
      generateOnce(backend, database);
    }
  }

  private void generateOnce(Backend backend, Settings.Database database) throws IOException {
    if (RUN.containsKey(key(backend))) {
      return;
    }
    Path at = Files.createDirectories(runDir().resolve(name()).resolve(backend.name()));
    Path db = at.resolve("input.db");
    Path truthFile = at.resolve("truth.json");
    GroundTruth truth =
        DataGenerator.writingTo(
                database != null ? database : SettingsLoader.load(null, Map.of()).database(),
                Progress.NONE)
            .generate(spec, db, truthFile);
    if (backend == Backend.SQLITE) {
      // Closed and complete: a copy of the file alone is the whole database.
      try (Stream<Path> files = Files.list(at)) {
        assertOnly(files.map(p -> p.getFileName().toString()).sorted().toList());
      }
    }
    RUN.put(key(backend), new Generated(db, truthFile, truth));
  }

  private String key(Backend backend) {
    return name() + "/" + backend;
  }

  /** The day's name in the run: the same spec, the same name, whichever class asks. */
  private String name() {
    return "day_"
        + spec.businessDate().toString().replace("-", "")
        + "_"
        + spec.transactions()
        + "_"
        + Integer.toHexString(spec.hashCode());
  }

  /** The run's directory of generated files, deleted when the test JVM ends. */
  private static synchronized Path runDir() throws IOException {
    if (runDir == null) {
      runDir = Workspace.deletedAtExit("reconciler-days");
    }
    return runDir;
  }

  private static void assertOnly(List<String> files) {
    if (!files.equals(List.of("input.db", "truth.json"))) {
      throw new IllegalStateException("the generated SQLite day left more than its file: " + files);
    }
  }
}
