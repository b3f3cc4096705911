package dev.reconciler.it;

import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.generate.DataGenerator;
import dev.reconciler.core.generate.GenerationSpec;
import dev.reconciler.core.generate.GroundTruth;
import dev.reconciler.core.store.EmbeddedPg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One business day generated once for a test class on each backend, and copied into every test's
 * own fresh store: generating a big day takes seconds, each time; copying it a fraction of one. On
 * SQLite the copy is the generated file's; on PostgreSQL a new database made with the generated one
 * as its template (as {@link EmbeddedPg#newMigratedDatabase} copies the migrated layout). Each test
 * still gets a store nobody else touched, holding exactly the rows its own generating would have
 * written (the generator is deterministic in its spec), so what it changes (runs, part indexes, the
 * ledger) never reaches the next test.
 *
 * <p>A class registers it as a static extension after its {@link EmbeddedPg}, which drops the
 * PostgreSQL databases (template and copies) when the class is done; this deletes the SQLite
 * template's directory then.
 */
public final class DayTemplate implements AfterAllCallback {
  private final EmbeddedPg pg;
  private final GenerationSpec spec;
  private final Map<Backend, Generated> generated = new EnumMap<>(Backend.class);
  private Path dir;

  /**
   * What generating wrote: the SQLite file (absent on PostgreSQL), the truth file, the truth, and
   * on PostgreSQL the class database holding the input tables (null on SQLite).
   */
  private record Generated(Path db, Path truthFile, GroundTruth truth, String database) {}

  /** The day of {@code spec}, generated on first use per backend. */
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
    Generated day = generated(backend);
    Files.createDirectories(truthFile.toAbsolutePath().getParent());
    Files.copy(day.truthFile(), truthFile);
    if (backend == Backend.SQLITE) {
      Files.createDirectories(db.toAbsolutePath().getParent());
      Files.copy(day.db(), db);
      return Map.of();
    }
    return Backend.copyOf(pg, day.database());
  }

  /** The ground truth of the day, which every copy holds. */
  public GroundTruth truth(Backend backend) throws IOException, SQLException {
    return generated(backend).truth();
  }

  private Generated generated(Backend backend) throws IOException, SQLException {
    Generated day = generated.get(backend);
    if (day == null) {
      if (dir == null) {
        dir = Files.createTempDirectory("reconciler-day");
      }
      Path at = Files.createDirectories(dir.resolve(backend.name()));
      Map<String, String> env = backend.env(pg);
      Path db = at.resolve("input.db");
      Path truthFile = at.resolve("truth.json");
      GroundTruth truth =
          DataGenerator.writingTo(SettingsLoader.load(null, env).database(), Progress.NONE)
              .generate(spec, db, truthFile);
      if (backend == Backend.SQLITE) {
        // Closed and complete: a copy of the file alone is the whole database.
        try (Stream<Path> files = Files.list(at)) {
          assertOnly(files.map(p -> p.getFileName().toString()).sorted().toList());
        }
      }
      day = new Generated(db, truthFile, truth, Backend.databaseOf(pg, env));
      generated.put(backend, day);
    }
    return day;
  }

  private static void assertOnly(List<String> files) {
    if (!files.equals(List.of("input.db", "truth.json"))) {
      throw new IllegalStateException("the generated SQLite day left more than its file: " + files);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    generated.clear();
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(DayTemplate::delete);
      }
      dir = null;
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
