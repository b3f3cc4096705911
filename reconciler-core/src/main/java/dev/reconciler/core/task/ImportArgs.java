package dev.reconciler.core.task;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.imports.ImportFormat;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Arguments of the import task: [format, export file, database or null].
 *
 * @param file an absolute path, as the operator's command line resolved it
 * @param database null means [paths] database
 */
public record ImportArgs(ImportFormat format, String file, String database) {
  public static final String TASK = "import";

  /**
   * Parses and validates the job's argument list; anything off is {@link BadArguments}. Whether the
   * paths lie where a task may work is checked when they are used ({@link #fileIn}, {@link
   * #databaseIn}).
   */
  public static ImportArgs from(List<Object> args) {
    Args a = new Args(TASK, args, 2, 3);
    return new ImportArgs(
        format(a.string(0, "format")), a.path(1, "file"), a.optionalPath(2, "database"));
  }

  private static ImportFormat format(String id) {
    ImportFormat format = ImportFormat.byId(id);
    if (format == null) {
      throw new BadArguments(
          TASK
              + " argument 0 (format) must be one of "
              + Arrays.stream(ImportFormat.values()).map(ImportFormat::id).toList()
              + ", got "
              + Args.quote(id));
    }
    return format;
  }

  /** The export file to read, if a task may name it (see {@link PayloadPaths#importFile}). */
  public Path fileIn(Settings.Paths paths) {
    return PayloadPaths.importFile(file, paths);
  }

  /** The database to import into, if a task may name it (see {@link PayloadPaths}). */
  public Path databaseIn(Settings.Paths paths) {
    return PayloadPaths.database(database, paths);
  }

  public List<Object> toList() {
    return Arrays.asList(format.id(), file, database);
  }
}
